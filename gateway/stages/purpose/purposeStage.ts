import type { InvestigationAuthorization } from '../../../subgraphs/governance/directory/DirectoryStore';
import { policyContext } from '../../../policy/Subject';
import { flag } from '../audit/AuditDraft';
import { PURPOSE_HEADERS, refuseRepeatedHeaders } from '../authenticate/refuseRepeatedHeaders';
import { enforceGuards, immigrationEnforcementGuard, politicalActivityGuard } from '../guards/requestGuards';
import type { Stage } from '../Stage';
import { readPurpose } from './readPurpose';
import { admitPurpose } from './admitPurpose';

export interface PurposeStageOptions {
  /** [P6] an investigation authorization in force, by number. */
  findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>;
  /** Counts a refusal under the guard's name. */
  refused: (guard: string) => void;
  /** Counts a use flagged for the supervisor's review. */
  flagged: (flag: string) => void;
  /** [P12] counts a request admitted under a statutory exception that opens sealed records. */
  exceptionUsed: (exception: string) => void;
}

/**
 * Why [P5], and the legal guards that need to know it, before anything is parsed: the
 * immigration-enforcement guard on the raw purpose headers [P15], the declared purpose, then
 * Handschu [P6]. A term without enforcement intent is allowed and flagged for a supervisor.
 * Then whether the claim is the caller's to make (admitPurpose.ts): a purpose its roles hold
 * [P5], a statutory exception that covers it [P12]. A partner's agreement is the next stage's.
 */
export function purposeStage(options: PurposeStageOptions): Stage {
  const political = politicalActivityGuard(options.findAuthorization);
  return {
    name: 'purpose',
    async onRequest({ http, context }) {
      const subject = context.subject!;
      refuseRepeatedHeaders(http, PURPOSE_HEADERS);
      const flagged: string[] = [];
      const mark = (name: string) => void (flag(context.audit, name) && flagged.push(name));
      await enforceGuards([immigrationEnforcementGuard], { subject, headers: http.headers, purpose: null, flag: mark }, options.refused);
      const { purpose, missing } = readPurpose(http.headers);
      await enforceGuards([political], { subject, headers: http.headers, purpose, flag: mark }, options.refused);
      for (const name of admitPurpose(subject, purpose)) mark(name);
      if (purpose?.exception) options.exceptionUsed(purpose.exception.code);
      // Counted once the request is admitted: a refused request is counted as a refusal only.
      for (const name of flagged) options.flagged(name);
      context.purpose = purpose;
      context.missingPurposeHeaders = missing;
      context.policy = policyContext(subject, purpose);
    },
  };
}
