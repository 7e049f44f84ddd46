import { JUVENILE_RECORD_ROLES } from '../../../policy/accessTable';
import { SEALED_RECORD_OVERSIGHT, STATUTORY_EXCEPTIONS, STATUTORY_EXCEPTION_CODES, type StatutoryExceptionCode } from '../../../policy/statutoryExceptions';
import { policyContext, type DeclaredPurpose, type Subject } from '../../../policy/Subject';
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
const declared = (code: Purpose, exception?: DeclaredPurpose['exception']): DeclaredPurpose => ({ code, caseNumber: 'C-1', justification: 'testing the record rules', ...(exception ? { exception } : {}) });
const sealedFor = async (roles: Role[], purpose: DeclaredPurpose) => (await recordVisibilityOf(policyContext(caller(roles), purpose))).sealed;

/** [P12] the department's own oversight of the use of sealed records: these roles, on an audit. */
const OVERSIGHT_ROLES: Role[] = ['IAB', 'PRIVACY_OFFICER'];
/** Juvenile records: the roles whose work needs them. */
const JUVENILE_ROLES: Role[] = ['DETECTIVE', 'IAB', 'PRIVACY_OFFICER'];

describe('record visibility: the record rules asked once a request', () => {
  it('the tables say what the policy says', () => {
    expect([...SEALED_RECORD_OVERSIGHT.roles].sort()).toEqual([...OVERSIGHT_ROLES].sort());
    expect(SEALED_RECORD_OVERSIGHT.purpose).toBe('AUDIT');
    expect([...JUVENILE_RECORD_ROLES].sort()).toEqual([...JUVENILE_ROLES].sort());
  });

  it.each(ROLES.flatMap((role) => PURPOSES.map((purpose) => ({ role, purpose, sealed: purpose === 'AUDIT' && OVERSIGHT_ROLES.includes(role) }))))(
    '[P12] no purpose opens a sealed record by itself, only oversight on an audit: $role for $purpose, visible $sealed',
    async ({ role, purpose, sealed }) => {
      expect(await sealedFor([role], declared(purpose))).toBe(sealed);
    },
  );

  const covered = (code: StatutoryExceptionCode) => {
    const exception = STATUTORY_EXCEPTIONS[code];
    return { code, role: exception.roles[0] as Role, purpose: exception.purposes[0] as Purpose, exception };
  };

  it.each(STATUTORY_EXCEPTION_CODES.map(covered))('[P12] $code opens sealed records to a role and purpose it covers, with its reference', async ({ code, role, purpose }) => {
    expect(await sealedFor([role], declared(purpose, { code, reference: 'IND-2025-0001' }))).toBe(true);
  });

  it.each(STATUTORY_EXCEPTION_CODES.map(covered))('[P12] $code without a reference opens nothing', async ({ code, role, purpose }) => {
    expect(await sealedFor([role], declared(purpose, { code, reference: '' }))).toBe(false);
  });

  it.each(STATUTORY_EXCEPTION_CODES.flatMap((code) => ROLES.filter((role) => !(STATUTORY_EXCEPTIONS[code].roles as readonly Role[]).includes(role)).map((role) => ({ ...covered(code), role }))))(
    '[P12] $code does not cover the role $role: nothing opens',
    async ({ code, role, purpose }) => {
      expect(await sealedFor([role], declared(purpose, { code, reference: 'IND-2025-0001' }))).toBe(false);
    },
  );

  it.each(STATUTORY_EXCEPTION_CODES.flatMap((code) => PURPOSES.filter((purpose) => !(STATUTORY_EXCEPTIONS[code].purposes as readonly Purpose[]).includes(purpose)).map((purpose) => ({ ...covered(code), purpose }))))(
    '[P12] $code is not declared for $purpose: nothing opens',
    async ({ code, role, purpose }) => {
      expect(await sealedFor([role], declared(purpose, { code, reference: 'IND-2025-0001' }))).toBe(false);
    },
  );

  it('[P12] an oversight role naming an exception that does not cover it is judged on the exception, not its role', async () => {
    expect(await sealedFor(['IAB'], declared('AUDIT', { code: 'CPL_160_50_1_D_II', reference: 'ORDER-1' }))).toBe(false);
  });

  it.each(ROLES.map((role) => ({ role, juvenile: JUVENILE_ROLES.includes(role) })))(
    'juvenile records for the role $role: visible $juvenile',
    async ({ role, juvenile }) => {
      expect((await recordVisibilityOf(policyContext(caller([role]), declared('CRIMINAL_INVESTIGATION')))).juvenile).toBe(juvenile);
    },
  );

  it('one of several roles is enough for juvenile records, and for an exception', async () => {
    expect(await recordVisibilityOf(policyContext(caller(['OFFICER', 'DETECTIVE']), declared('CRIMINAL_INVESTIGATION', { code: 'CPL_160_50_1_D_II', reference: 'ORDER-1' })))).toEqual({ sealed: true, juvenile: true });
    expect(await recordVisibilityOf(policyContext(caller(['OFFICER', 'DETECTIVE']), declared('PROSECUTION')))).toEqual({ sealed: false, juvenile: true });
    expect(await recordVisibilityOf(policyContext(caller(['OFFICER', 'ANALYST']), declared('CRIMINAL_INVESTIGATION')))).toEqual({ sealed: false, juvenile: false });
  });

  it('no declared purpose: no sealed record, whatever the role', async () => {
    expect(await recordVisibilityOf(policyContext(caller(['DETECTIVE']), null))).toEqual({ sealed: false, juvenile: true });
  });

  it('no caller to ask about: fails closed (nothing restricted visible)', async () => {
    expect(await recordVisibilityOf(undefined)).toEqual({ sealed: false, juvenile: false });
  });

  it('asks the rules once a request: the same context gets the same answer, another context its own', async () => {
    const ordered = policyContext(caller(['DETECTIVE']), declared('CRIMINAL_INVESTIGATION', { code: 'CPL_160_50_1_D_II', reference: 'ORDER-1' }));
    const first = recordVisibilityOf(ordered);
    expect(recordVisibilityOf(ordered)).toBe(first);
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
