/**
 * The policy's vocabulary: who (roles), why (purposes, SPEC §5), and what (sensitivity
 * categories, put on schema types and fields with the `@policy(category: ...)` directive).
 */
export const ROLES = [
  'OFFICER', 'DETECTIVE', 'ANALYST', 'SUPERVISOR', 'COMMANDING_OFFICER', 'ICO', 'IAB', 'PRIVACY_OFFICER', 'INTELLIGENCE',
  'ADMIN', 'VENDOR', 'DEVELOPER', 'PARTNER',
  // [P14] the Legal Bureau: negotiates and keeps the written agreements with partner agencies.
  'LEGAL',
] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = [
  'CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE', 'CIVIL_LITIGATION', 'DISCIPLINARY', 'PROSECUTION', 'FOIL', 'AUDIT',
  'POLITICAL_ACTIVITY', 'FACIAL_RECOGNITION_PROBE', 'IMMIGRATION_ENFORCEMENT',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const CATEGORIES = {
  /** Pagination plumbing: cursors, page info, counts. Says nothing about a record by itself. */
  META: 'connection plumbing',
  /** Ordinary record content: numbers, dates, charges, places, statuses. */
  RECORD: 'record content',
  /** Identifying information of a person: names, date of birth, addresses, phones, NYSID, description. */
  IDENTIFYING: 'identifying information',
  /** The address of a protected party of an order of protection. */
  CONFIDENTIAL_ADDRESS: 'confidential address',
  /** An image of a person [P4]: only as a facial-recognition probe. */
  IMAGE: 'image of a person',
  /** Immigration or citizenship status, place of birth, alien registration number [P15]. */
  IMMIGRATION_STATUS: 'immigration or citizenship status',
  /** The directory of users, roles and assignments. */
  DIRECTORY: 'user directory',
  /** The directory's changes: roles and assignments (system administrator) [P8]. */
  ADMINISTRATION: 'user administration',
  /** Requests to grant record roles, pending or decided: oversight, approvers, administrators [P8]. */
  ROLE_GRANTS: 'role grants',
  /** Approving or rejecting another person's request to grant a record role (the second person) [P8]. */
  GRANT_APPROVAL: 'role grant approval',
  /** The caller's own profile. */
  SELF: 'own profile',
  /** The audit trail: who used what, when and why; read only within the reader's oversight scope [P18]. */
  AUDIT_LOG: 'audit trail',
  /** Data bought from a commercial provider (TLO, Whooster, Accurint, SkopeNow, Leads Online) [P3]. */
  COMMERCIAL: 'commercial provider data',
  /** What commercial searches cost, per user and command (no record data). */
  COMMERCIAL_COST: 'commercial search charges',
  /**
   * An analyst's workspace: saved queries (operations, never record data), their runs, exports
   * and schedules. Running one goes through every record rule with the runner's rights [P5].
   */
  WORKSPACE: 'saved queries and their runs',
  /** Written agreements with partner agencies: terms, lifecycle, notices, oversight [P14]. */
  AGREEMENTS: 'partner agreements',
  /** A partner's own legal-process notices and redisclosure requests under its agreement [P14]. */
  PARTNER_REQUESTS: 'partner notices and requests',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_NAMES = Object.keys(CATEGORIES) as Category[];

/**
 * Record systems and the training each requires before its fields are used [P8].
 * A field's system is the subgraph that resolves it.
 */
export const SYSTEM_TRAINING: Record<string, string> = {
  'complaints-arrests': 'ERMS-INTERNAL-RECORDS',
  calls: 'ERMS-INTERNAL-RECORDS',
  warrants: 'ERMS-OUTSIDE-AGENCY-RECORDS',
  commercial: 'ERMS-COMMERCIAL-SOURCES',
};
/** Training lapses after this many days without a refresher. */
export const TRAINING_VALID_DAYS = 365;
