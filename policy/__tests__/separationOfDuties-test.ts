import { clauseNumber } from '../permissiblePurposes';
import {
  conflictingRecordRoles,
  GRANT_APPROVERS,
  grantScope,
  NO_RECORD_ROLES,
  reachesRecordData,
  RECORD_ROLES,
  ROLE_GRANT_READERS,
  usableRoles,
} from '../separationOfDuties';
import { ROLES, type Role } from '../vocabulary';

/**
 * Separation of duties [P8, P16], stated a second time as the policy reads. Each role's row:
 * whether it reaches record data (or the trail of their use), whether it may sit beside a record
 * role, who approves grants and whose grants a role may list.
 */
const POLICY_RECORD_ROLES: Role[] = [
  'OFFICER', 'DETECTIVE', 'ANALYST', 'SUPERVISOR', 'COMMANDING_OFFICER', 'ICO', 'IAB', 'PRIVACY_OFFICER', 'INTELLIGENCE', 'PARTNER',
];

describe('separation of duties', () => {
  it.each(ROLES.map((role) => ({ role, record: POLICY_RECORD_ROLES.includes(role) })))(
    '[P16] $role reaches record data: $record',
    ({ role, record }) => {
      expect(reachesRecordData(role)).toBe(record);
      expect(RECORD_ROLES.includes(role)).toBe(record);
    },
  );

  it('[P16] administrators and vendors are the roles that never hold a record role beside theirs', () => {
    expect([...NO_RECORD_ROLES].sort()).toEqual(['ADMIN', 'VENDOR']);
  });

  it.each([
    { rule: '[P16] an administrator who is also a detective: the detective role conflicts', roles: ['ADMIN', 'DETECTIVE'], conflicts: ['DETECTIVE'] },
    { rule: '[P16] a vendor who is also an officer and an analyst: both conflict', roles: ['OFFICER', 'VENDOR', 'ANALYST'], conflicts: ['OFFICER', 'ANALYST'] },
    { rule: '[P16] an auditor role counts too: the audit trail names records', roles: ['ADMIN', 'ICO'], conflicts: ['ICO'] },
    { rule: 'an administrator and a developer: no record role, lawful', roles: ['ADMIN', 'DEVELOPER'], conflicts: [] },
    { rule: 'a detective who is a supervisor: no administrator, lawful', roles: ['DETECTIVE', 'SUPERVISOR'], conflicts: [] },
    { rule: 'no role at all: lawful', roles: [], conflicts: [] },
  ] as { rule: string; roles: Role[]; conflicts: Role[] }[])('$rule', ({ roles, conflicts }) => {
    expect(conflictingRecordRoles(roles)).toEqual(conflicts);
  });

  it.each([
    { rule: 'fail closed: a set that breaks the rule loses its record roles, keeps the restriction', roles: ['DETECTIVE', 'ADMIN', 'OFFICER'], usable: ['ADMIN'] },
    { rule: 'a lawful set is used as it is', roles: ['DETECTIVE', 'SUPERVISOR'], usable: ['DETECTIVE', 'SUPERVISOR'] },
    { rule: 'a vendor keeps only its own role', roles: ['VENDOR', 'PARTNER'], usable: ['VENDOR'] },
  ] as { rule: string; roles: Role[]; usable: Role[] }[])('$rule', ({ roles, usable }) => {
    const given = [...roles];
    expect(usableRoles(roles)).toEqual(usable);
    expect(roles).toEqual(given);
  });

  it('a lawful set is returned as a copy: the caller cannot change the directory\'s row through it', () => {
    const roles: Role[] = ['OFFICER'];
    expect(usableRoles(roles)).not.toBe(roles);
  });

  it('[P8] grants of record roles are approved by the Privacy Officer (anyone) and a commanding officer (their command), no one else', () => {
    expect(GRANT_APPROVERS).toEqual({ PRIVACY_OFFICER: 'ALL', COMMANDING_OFFICER: 'COMMAND' });
    expect(ROLE_GRANT_READERS).toEqual({ PRIVACY_OFFICER: 'ALL', IAB: 'ALL', ADMIN: 'ALL', COMMANDING_OFFICER: 'COMMAND' });
  });

  it.each([
    { rule: 'the widest scope wins: a commanding officer who is also Privacy Officer approves anyone', roles: ['COMMANDING_OFFICER', 'PRIVACY_OFFICER'], scope: 'ALL' },
    { rule: 'a commanding officer alone: their command', roles: ['DETECTIVE', 'COMMANDING_OFFICER'], scope: 'COMMAND' },
    { rule: 'an administrator requests record roles but never approves them', roles: ['ADMIN'], scope: null },
    { rule: 'no approver role: no scope', roles: ['DETECTIVE', 'IAB'], scope: null },
  ] as { rule: string; roles: Role[]; scope: string | null }[])('[P8] approving: $rule', ({ roles, scope }) => {
    expect(grantScope(GRANT_APPROVERS, roles)).toBe(scope);
  });

  it.each([
    { rule: 'oversight lists every grant', roles: ['IAB'], scope: 'ALL' },
    { rule: 'an administrator follows its requests', roles: ['ADMIN'], scope: 'ALL' },
    { rule: 'a commanding officer lists their command', roles: ['COMMANDING_OFFICER'], scope: 'COMMAND' },
    { rule: 'a detective lists none', roles: ['DETECTIVE'], scope: null },
  ] as { rule: string; roles: Role[]; scope: string | null }[])('listing grants: $rule', ({ roles, scope }) => {
    expect(grantScope(ROLE_GRANT_READERS, roles)).toBe(scope);
  });
});

describe('[P3] permissible purposes: the clause number a provider expects', () => {
  it.each([
    ['DPPA_B1', '1'],
    ['DPPA_B14', '14'],
    ['GLBA_E5', '5'],
  ] as const)('%s is clause %s', (code, clause) => {
    expect(clauseNumber(code)).toBe(clause);
  });
});
