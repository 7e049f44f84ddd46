import { JUVENILE_RECORD_ROLES, SEALED_RECORD_PURPOSES } from '../../../policy/accessTable';
import { policyContext, type Subject } from '../../../policy/Subject';
import { PURPOSES, ROLES, type Purpose, type Role } from '../../../policy/vocabulary';
import { recordVisibilityOf, visibilityKey, visibleSql } from '../recordVisibility';

/**
 * The SQL layer of the record rules [P12], alone: what `recordVisibilityOf` decides from the
 * caller, and the condition the store adds to every query from that decision. The store's use of
 * the condition is proved by loadersVisibility-test; the subgraph's middleware alone by
 * recordPolicy-test. Every role and every purpose, as the policy reads.
 */
const caller = (roles: Role[]): Subject => ({
  id: 'u', kind: 'USER', displayName: 'U', roles, command: '075 PCT', assignment: 'PATROL',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
});
const declared = (code: Purpose) => ({ code, caseNumber: 'C-1', justification: 'testing the record rules' });

/** [P12] the sealing law: prosecution, and the department's audit of the use of sealed records. */
const SEALED_PURPOSES: Purpose[] = ['PROSECUTION', 'AUDIT'];
/** Juvenile records: the roles whose work needs them. */
const JUVENILE_ROLES: Role[] = ['DETECTIVE', 'IAB', 'PRIVACY_OFFICER'];

describe('record visibility: the record rules asked once a request', () => {
  it('the tables say what the policy says', () => {
    expect([...SEALED_RECORD_PURPOSES].sort()).toEqual([...SEALED_PURPOSES].sort());
    expect([...JUVENILE_RECORD_ROLES].sort()).toEqual([...JUVENILE_ROLES].sort());
  });

  it.each(PURPOSES.map((purpose) => ({ purpose, sealed: SEALED_PURPOSES.includes(purpose) })))(
    '[P12] sealed records for $purpose: visible $sealed',
    async ({ purpose, sealed }) => {
      expect((await recordVisibilityOf(policyContext(caller(['OFFICER']), declared(purpose)))).sealed).toBe(sealed);
    },
  );

  it.each(ROLES.map((role) => ({ role, juvenile: JUVENILE_ROLES.includes(role) })))(
    'juvenile records for the role $role: visible $juvenile',
    async ({ role, juvenile }) => {
      expect((await recordVisibilityOf(policyContext(caller([role]), declared('CRIMINAL_INVESTIGATION')))).juvenile).toBe(juvenile);
    },
  );

  it('one of several roles is enough for juvenile records; the purpose alone decides sealed ones', async () => {
    expect(await recordVisibilityOf(policyContext(caller(['OFFICER', 'DETECTIVE']), declared('PROSECUTION')))).toEqual({ sealed: true, juvenile: true });
    expect(await recordVisibilityOf(policyContext(caller(['OFFICER', 'ANALYST']), declared('CRIMINAL_INVESTIGATION')))).toEqual({ sealed: false, juvenile: false });
  });

  it('no declared purpose: no sealed record, whatever the role', async () => {
    expect(await recordVisibilityOf(policyContext(caller(['DETECTIVE']), null))).toEqual({ sealed: false, juvenile: true });
  });

  it('no caller to ask about: fails closed (nothing restricted visible)', async () => {
    expect(await recordVisibilityOf(undefined)).toEqual({ sealed: false, juvenile: false });
  });

  it('asks the rules once a request: the same context gets the same answer, another context its own', async () => {
    const prosecutor = policyContext(caller(['DETECTIVE']), declared('PROSECUTION'));
    const first = recordVisibilityOf(prosecutor);
    expect(recordVisibilityOf(prosecutor)).toBe(first);
    const other = policyContext(caller(['OFFICER']), declared('CRIMINAL_INVESTIGATION'));
    expect(await recordVisibilityOf(other)).toEqual({ sealed: false, juvenile: false });
    expect(await first).toEqual({ sealed: true, juvenile: true });
  });
});

describe('visibleSql: the condition on every query of the store', () => {
  it.each([
    { rule: 'neither visible: both left out', visibility: { sealed: false, juvenile: false }, bare: 'NOT sealed AND NOT juvenile', aliased: 'NOT a.sealed AND NOT a.juvenile' },
    { rule: 'sealed visible: juvenile still left out', visibility: { sealed: true, juvenile: false }, bare: 'NOT juvenile', aliased: 'NOT a.juvenile' },
    { rule: 'juvenile visible: sealed still left out', visibility: { sealed: false, juvenile: true }, bare: 'NOT sealed', aliased: 'NOT a.sealed' },
    { rule: 'both visible: no condition', visibility: { sealed: true, juvenile: true }, bare: 'true', aliased: 'true' },
  ])('$rule', ({ visibility, bare, aliased }) => {
    expect(visibleSql(visibility)).toBe(bare);
    expect(visibleSql(visibility, 'a')).toBe(aliased);
  });

  it('a cache key that tells every visibility apart (a page cached for one caller is not served to another)', () => {
    const keys = [false, true].flatMap((sealed) => [false, true].map((juvenile) => visibilityKey({ sealed, juvenile })));
    expect(new Set(keys).size).toBe(4);
    expect(visibilityKey({ sealed: true, juvenile: false })).toBe('true:false');
  });
});
