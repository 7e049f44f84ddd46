import type { PermissiblePurpose } from './permissiblePurposes';
import type { DeclaredException } from './statutoryExceptions';
import type { Category, Purpose, Role } from './vocabulary';

/**
 * The written agreement a partner agency's request runs under [P14]: what it opens, and
 * nothing else. Present only on a partner's subject, set per request once the agreement is
 * found ACTIVE and in force (gateway/stages/partnerAgreement/).
 */
export interface AgreementScope {
  number: string;
  /** Record systems (subgraphs) the agreement grants. */
  systems: readonly string[];
  /** Policy categories it grants (never IMMIGRATION_STATUS [P15]: refused at creation). */
  categories: readonly Category[];
  /** Purposes it allows. */
  purposes: readonly Purpose[];
}

/** Who is asking: a department member, or a partner agency's client [P14]. */
export interface Subject {
  id: string;
  kind: 'USER' | 'CLIENT';
  displayName: string;
  roles: readonly Role[];
  /** Command (e.g. `075 PCT`, `INTELLIGENCE DIVISION`) and assignment in force today [P8]. */
  command: string;
  assignment: string;
  /** `immigrationEnforcement`: the agency's mission includes it; such a caller is refused [P15]. */
  agency: { name: string; ori: string; immigrationEnforcement?: boolean };
  /** Training courses completed recently enough to count [P8]. */
  currentTrainings: readonly string[];
  /** The session comes from outside the department's network [P9]. */
  remote: boolean;
  /** The directory permits this user remote sessions (absent: not permitted). */
  remoteAccessAllowed?: boolean;
  mfa: boolean;
  /** How this request's caller proved who they are (for the audit [P18]); set per request. */
  authentication?: { method: 'BEARER_JWT'; issuer: string; amr: readonly string[]; sessionId: string; issuedAt?: number; clientId?: string; certificateSha256?: string };
  /** [P14] a partner's agreement in force for this request; the field rules read it. */
  agreement?: AgreementScope;
}

/** Why: the purpose code, case or incident number, and justification sent with a request [P5]. */
export interface DeclaredPurpose {
  code: Purpose;
  caseNumber: string;
  justification: string;
  /** [P3] DPPA purpose and GLBA exception, required by commercial searches only. */
  permissiblePurpose?: PermissiblePurpose;
  /** [P12] the statutory exception under which sealed records are asked for, with its reference. */
  exception?: DeclaredException;
}

/** What every policy rule sees. `_shield` is graphql-shield's per-request rule cache. */
export interface PolicyContext {
  subject: Subject;
  purpose: DeclaredPurpose | null;
  _shield: { cache: Record<string, unknown> };
}

export function policyContext(subject: Subject, purpose: DeclaredPurpose | null): PolicyContext {
  return { subject, purpose, _shield: { cache: {} } };
}
