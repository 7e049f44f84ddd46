import { ACCESS_TABLE } from './accessTable';
import { ROLES, type Category, type Role } from './vocabulary';

/**
 * Separation of duties in the directory [P8, P16], as data read off the access table: which
 * roles reach record data, which roles must never be combined with them, and who may approve a
 * grant of such a role. The governance subgraph enforces it when the directory is changed and
 * again when it is read.
 */

/**
 * Categories that are record data, or the trail of who used which record and why (the audit
 * trail names records, case numbers and justifications). A role granted any of them is a
 * record role.
 */
export const RECORD_DATA_CATEGORIES: readonly Category[] = [
  'META', 'RECORD', 'IDENTIFYING', 'CONFIDENTIAL_ADDRESS', 'IMAGE', 'IMMIGRATION_STATUS', 'COMMERCIAL', 'AUDIT_LOG',
];

/** Roles that reach record data, derived from the access table: a new grant there makes a new record role here. */
export const RECORD_ROLES: readonly Role[] = ROLES.filter((role) => RECORD_DATA_CATEGORIES.some((category) => ACCESS_TABLE[role][category]));

export const reachesRecordData = (role: Role): boolean => RECORD_ROLES.includes(role);

/**
 * [P16] administrators and vendors reach no record data: a person holding one of these roles
 * never also holds a record role (else the administrator could make itself a detective, or
 * the vendor's support account could read names and dates of birth).
 */
export const NO_RECORD_ROLES: readonly Role[] = ['ADMIN', 'VENDOR'];

/** The record roles a set of roles may not hold together with its ADMIN or VENDOR role; empty when the set is lawful. */
export function conflictingRecordRoles(roles: readonly Role[]): Role[] {
  if (!roles.some((role) => NO_RECORD_ROLES.includes(role))) return [];
  return roles.filter(reachesRecordData);
}

/**
 * The roles a subject loaded from the directory may use: a set that breaks the rule (a row
 * written straight into the database) keeps its ADMIN/VENDOR role and loses every record
 * role. Fail closed: the record roles go, not the restriction.
 */
export function usableRoles(roles: readonly Role[]): Role[] {
  const conflicting = conflictingRecordRoles(roles);
  return conflicting.length ? roles.filter((role) => !conflicting.includes(role)) : [...roles];
}

/**
 * [P8] "one person must not be able to grant themselves access": who approves a grant of a
 * record role requested by an administrator. `COMMAND`: only for a grantee of the approver's
 * own command; `ALL`: any grantee. Neither the requester nor the grantee may approve.
 */
export const GRANT_APPROVERS: Partial<Record<Role, 'ALL' | 'COMMAND'>> = {
  PRIVACY_OFFICER: 'ALL',
  COMMANDING_OFFICER: 'COMMAND',
};

/** Whose role grants each role may list: oversight and the approvers; administrators follow their requests. */
export const ROLE_GRANT_READERS: Partial<Record<Role, 'ALL' | 'COMMAND'>> = {
  PRIVACY_OFFICER: 'ALL',
  IAB: 'ALL',
  ADMIN: 'ALL',
  COMMANDING_OFFICER: 'COMMAND',
};

/** The widest scope any of the roles gives: every grantee, the grantees of one command, or none. */
export function grantScope(table: Partial<Record<Role, 'ALL' | 'COMMAND'>>, roles: readonly Role[]): 'ALL' | 'COMMAND' | null {
  const kinds = new Set(roles.map((role) => table[role]));
  return kinds.has('ALL') ? 'ALL' : kinds.has('COMMAND') ? 'COMMAND' : null;
}
