import type { Category, Purpose, Role } from './vocabulary';

/**
 * Who may see what, and why: role → category → the purposes for which it is allowed.
 * Absent means denied [P5: deny by default]. This table is the policy; the engine that reads it
 * is generic. Each row is proved by `policy/__tests__/accessTable-test.ts`.
 */
type Grants = Partial<Record<Category, readonly Purpose[]>>;

const INVESTIGATIVE: readonly Purpose[] = ['CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE'];
const OVERSIGHT: readonly Purpose[] = ['AUDIT', 'DISCIPLINARY'];
// WORKSPACE (saved queries) is purpose-free: saving or listing an operation releases no record;
// running one declares the runner's purpose and meets every record rule as the runner [P5].
// Every role that reads records has one; administrators, vendors and partners do not [P14, P16].

export const ACCESS_TABLE: Record<Role, Grants> = {
  OFFICER: {
    META: INVESTIGATIVE,
    RECORD: INVESTIGATIVE,
    IDENTIFYING: INVESTIGATIVE,
    SELF: [],
    WORKSPACE: [],
  },
  // A detective investigates; prosecution is the district attorney's (a partner agency) [P5, P14].
  DETECTIVE: {
    META: [...INVESTIGATIVE, 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
    RECORD: [...INVESTIGATIVE, 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
    IDENTIFYING: [...INVESTIGATIVE, 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
    // [P4] a still image only as a declared facial-recognition probe.
    IMAGE: ['FACIAL_RECOGNITION_PROBE'],
    CONFIDENTIAL_ADDRESS: INVESTIGATIVE,
    // [P3] commercial sources for investigations; a seat per provider and a permissible purpose
    // are further required by the commercial subgraph.
    COMMERCIAL: INVESTIGATIVE,
    SELF: [],
    WORKSPACE: [],
  },
  ANALYST: {
    META: ['CRIMINAL_INVESTIGATION'],
    RECORD: ['CRIMINAL_INVESTIGATION'],
    IDENTIFYING: ['CRIMINAL_INVESTIGATION'],
    SELF: [],
    WORKSPACE: [],
  },
  SUPERVISOR: {
    META: ['CRIMINAL_INVESTIGATION', ...OVERSIGHT],
    RECORD: ['CRIMINAL_INVESTIGATION', ...OVERSIGHT],
    IDENTIFYING: ['CRIMINAL_INVESTIGATION', ...OVERSIGHT],
    // [P18] the uses of the people they supervise (scope: subgraphs/governance/oversight/auditScope.ts).
    AUDIT_LOG: ['AUDIT'],
    // What their people's commercial searches cost (no record data in it).
    COMMERCIAL_COST: [],
    SELF: [],
    WORKSPACE: [],
  },
  // [P18] a commanding officer: their command's uses, and focused audits of them.
  COMMANDING_OFFICER: {
    META: ['CRIMINAL_INVESTIGATION', ...OVERSIGHT],
    RECORD: ['CRIMINAL_INVESTIGATION', ...OVERSIGHT],
    IDENTIFYING: ['CRIMINAL_INVESTIGATION', ...OVERSIGHT],
    AUDIT_LOG: ['AUDIT'],
    // [P8] the second person for record roles granted in their command.
    ROLE_GRANTS: [],
    GRANT_APPROVAL: [],
    SELF: [],
    WORKSPACE: [],
  },
  ICO: {
    META: OVERSIGHT,
    RECORD: OVERSIGHT,
    IDENTIFYING: OVERSIGHT,
    COMMERCIAL_COST: [],
    AUDIT_LOG: ['AUDIT'],
    SELF: [],
    WORKSPACE: [],
  },
  IAB: {
    META: OVERSIGHT,
    RECORD: OVERSIGHT,
    IDENTIFYING: OVERSIGHT,
    CONFIDENTIAL_ADDRESS: OVERSIGHT,
    IMMIGRATION_STATUS: ['AUDIT'],
    AUDIT_LOG: OVERSIGHT,
    ROLE_GRANTS: [],
    SELF: [],
    WORKSPACE: [],
  },
  PRIVACY_OFFICER: {
    META: ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
    RECORD: ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
    IDENTIFYING: ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
    IMMIGRATION_STATUS: ['AUDIT'],
    AUDIT_LOG: ['AUDIT'],
    // [P14] approves, activates, suspends partner agreements; answers notices and redisclosure requests.
    AGREEMENTS: [],
    PARTNER_REQUESTS: [],
    // [P8] the second person for record roles granted anywhere in the department.
    ROLE_GRANTS: [],
    GRANT_APPROVAL: [],
    SELF: [],
    WORKSPACE: [],
  },
  INTELLIGENCE: {
    // [P6] POLITICAL_ACTIVITY is further limited by the Handschu guard (Intelligence Division + authorization).
    META: ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
    RECORD: ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
    IDENTIFYING: ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
    // [P3, P6] commercial sources for criminal investigations only, never for political activity.
    COMMERCIAL: ['CRIMINAL_INVESTIGATION'],
    SELF: [],
    WORKSPACE: [],
  },
  // [P16] administrators and vendors reach no record data at all.
  // An administrator requests record roles but never approves them [P8].
  ADMIN: { DIRECTORY: [], ADMINISTRATION: [], ROLE_GRANTS: [], SELF: [] },
  VENDOR: { SELF: [] },
  DEVELOPER: { SELF: [] },
  // [P14] a partner agency: prosecution and investigation only; never immigration status [P15],
  // never commercial data (the department's licences are for its own members) [P3]. Nothing at
  // all without an active agreement (policy/partnerAccess.ts).
  PARTNER: {
    META: ['PROSECUTION', 'CRIMINAL_INVESTIGATION'],
    RECORD: ['PROSECUTION', 'CRIMINAL_INVESTIGATION'],
    IDENTIFYING: ['PROSECUTION'],
    // [P14] tells the department of a subpoena or court order it received; asks before redisclosing.
    PARTNER_REQUESTS: [],
  },
  // [P14] the Legal Bureau drafts and keeps the agreements; no record data [P16 least privilege].
  LEGAL: { AGREEMENTS: [], PARTNER_REQUESTS: [], SELF: [] },
};

/**
 * Categories that need no declared purpose: an empty purpose list in the table means
 * "allowed whatever the purpose, even none" (your own profile, the directory for its admin).
 */
export const PURPOSE_FREE: ReadonlySet<Category> = new Set([
  'SELF', 'DIRECTORY', 'ADMINISTRATION', 'COMMERCIAL_COST', 'ROLE_GRANTS', 'GRANT_APPROVAL', 'WORKSPACE', 'AGREEMENTS', 'PARTNER_REQUESTS',
]);

/**
 * A purpose a caller may declare at all: one its roles are granted for some category [P5]. The
 * categories that need no purpose grant none. A partner agency's purposes are further bounded by
 * its agreement (policy/partnerAccess.ts).
 */
export function declarablePurposes(roles: readonly Role[]): ReadonlySet<Purpose> {
  return new Set(roles.flatMap((role) => Object.values(ACCESS_TABLE[role]).flatMap((purposes) => purposes ?? [])));
}

/*
 * Sealed records (CPL 160.50, 160.55, 160.57, 160.58) are opened by a named statutory exception,
 * never by a purpose: policy/statutoryExceptions.ts [P12].
 */

/** Juvenile records only for roles whose work needs them. */
export const JUVENILE_RECORD_ROLES: readonly Role[] = ['DETECTIVE', 'IAB', 'PRIVACY_OFFICER'];
