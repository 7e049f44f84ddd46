import type { KeyPair } from '../platform/identity/localKeys';
import type { GatewayMetrics } from '../platform/observability/metrics';
import type { InvestigationAuthorization } from '../subgraphs/governance/directory/DirectoryStore';
import { readInputBounds } from '../directives/readInputBounds';
import { readPolicyMap } from '../directives/readPolicyMap';
import { readProtectedCharacteristics } from '../directives/readProtectedCharacteristics';
import type { Stage } from './stages/Stage';
import { authenticateStage, type Authenticate } from './stages/authenticate/authenticateStage';
import { rateLimitStage } from './stages/rateLimit/rateLimitStage';
import type { RateLimit } from '../platform/config/loadLimitsConfig';
import { UnauthenticatedRateLimit } from './stages/rateLimit/UnauthenticatedRateLimit';
import { purposeStage } from './stages/purpose/purposeStage';
import { introspectionStage } from './stages/introspection/introspectionStage';
import { operationLimitsStage } from './stages/operationLimits/operationLimitsStage';
import type { OperationLimitsTable } from '../policy/operationLimitsTable';
import { protectedCharacteristicsStage } from './stages/protectedCharacteristics/protectedCharacteristicsStage';
import { fieldPolicyStage } from './stages/fieldPolicy/fieldPolicyStage';
import { auditStage, type AuditWriter } from './stages/audit/auditStage';
import { readRecordKeys } from './stages/audit/recordKeys';
import { savedQueriesStage, type SavedQueriesStageOptions } from './stages/savedQueries/savedQueriesStage';
import type { PartnerAccess } from './stages/partnerAgreement/PartnerAccess';
import { partnerAgreementStage } from './stages/partnerAgreement/partnerAgreementStage';
import { trustedDocumentsStage } from './stages/trustedDocuments/trustedDocumentsStage';

/** What the stages need from the rest of the system. */
export interface GatewaySecurity {
  /** Verifies the bearer token and loads the caller from the directory. */
  authenticate: Authenticate;
  /** Signs the context every subgraph call carries. */
  contextKey: KeyPair;
  /** [P18] where every use is recorded; an answer leaves only once its event is committed. */
  audit: AuditWriter;
  /** [P6] an investigation authorization in force, by number. */
  findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>;
  /** [P14] partner agencies' agreements and approved operations; absent: every partner is refused. */
  partners?: PartnerAccess;
}

export interface PipelineOptions {
  supergraphSdl: string;
  production: boolean;
  security: GatewaySecurity;
  metrics: GatewayMetrics;
  operationLimits: OperationLimitsTable;
  /** Requests per user (per replica); absent: none. */
  rateLimit?: RateLimit;
  /** Failed authentications per source address (per replica); absent: none. */
  unauthenticatedRateLimit?: RateLimit;
  /** Analysts' saved queries (the governance store); absent: a request naming one is refused. */
  savedQueries?: SavedQueriesStageOptions;
}

/**
 * The gateway's request path, in order: each request passes these stages, and the first to
 * refuse ends it (gateway/stages/Stage.ts says when each moment runs). Adding a stage is one
 * entry here and one folder under gateway/stages/. The test beside this file fails if a stage
 * is missing or out of order.
 *
 *   before parsing     authenticate → rate limit → declared purpose and the legal guards →
 *                      partner agreement → trusted documents (a partner's operation by id only)
 *                      a saved query's text in place of the missing query (the runner's rights from here on)
 *   before planning    introspection → operation limits → protected characteristics → field policy
 *   always, last       audit: names the records, commits the event, then the answer leaves
 */
export function gatewayPipeline(options: PipelineOptions): Stage[] {
  const { security, metrics, supergraphSdl } = options;
  const addressLimit = options.unauthenticatedRateLimit
    ? new UnauthenticatedRateLimit(options.unauthenticatedRateLimit, () => metrics.limitRefusals.inc({ limit: 'unauthenticated-rate' }))
    : undefined;
  const guardRefused = (guard: string) => metrics.guardRefusals.inc({ guard });
  const flagged = (flag: string) => metrics.flaggedUses.inc({ flag });
  const inputBounds = readInputBounds(supergraphSdl);
  return [
    authenticateStage({ authenticate: security.authenticate, addressLimit }),
    rateLimitStage({ limit: options.rateLimit, refused: () => metrics.limitRefusals.inc({ limit: 'rate' }) }),
    purposeStage({
      findAuthorization: security.findAuthorization,
      refused: guardRefused,
      flagged,
      exceptionUsed: (exception) => metrics.sealedRecordExceptions.inc({ exception }),
    }),
    partnerAgreementStage(security.partners),
    trustedDocumentsStage(security.partners),
    savedQueriesStage(options.savedQueries),
    introspectionStage({ production: options.production }),
    operationLimitsStage({ table: options.operationLimits, inputBounds, refused: (limit) => metrics.limitRefusals.inc({ limit }) }),
    protectedCharacteristicsStage({ marked: readProtectedCharacteristics(supergraphSdl), refused: () => guardRefused('PROTECTED_CHARACTERISTICS') }),
    fieldPolicyStage({ policyMap: readPolicyMap(supergraphSdl), flagged }),
    auditStage({ log: security.audit, recordKeys: readRecordKeys(supergraphSdl) }),
  ];
}
