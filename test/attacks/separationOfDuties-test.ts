import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Separation of duties in the directory, attacked over HTTP [P8, P16] (issue 20, part 4): an
 * administrator who gives itself or the vendor record access. The policy: administrators and
 * vendors reach no record data [P16], and one person must not be able to grant themselves
 * access [P8]. Each case fails on a directory that lets one administrator change roles alone.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
/** A purpose a detective may declare and patrol may not. */
const DETECTIVE_ONLY = { code: 'CIVIL_LITIGATION' };
const ARREST = 'query A($number: String!) { arrest(number: $number) { number arrestedAt } }';
const PERSON = 'query P($id: ID!) { person(id: $id) { id fullName dateOfBirth } }';
/** Only fields the directory had before the two-person rule: on the old code the attack goes through. */
const SET_ROLES_PLAIN = 'mutation R($userId: ID!, $roles: [Role!]!) { setUserRoles(userId: $userId, roles: $roles) { id roles } }';
const SET_ROLES = 'mutation R($userId: ID!, $roles: [Role!]!) { setUserRoles(userId: $userId, roles: $roles) { id roles pendingGrants { id role status requestedBy } } }';
const TRAINING = 'mutation T($userId: ID!) { recordTraining(userId: $userId, course: "ERMS-INTERNAL-RECORDS", completedOn: "2026-01-05") { id } }';
const APPROVE = 'mutation A($id: ID!) { approveRoleGrant(id: $id, comment: "approved in the test") { id status decidedBy } }';
const REJECT = 'mutation J($id: ID!) { rejectRoleGrant(id: $id, comment: "not needed") { id status decidedBy } }';
const GRANTS = 'query G($userId: ID) { roleGrants(userId: $userId, first: 5) { id userId role status requestedBy decidedBy } }';

type Errors = { errors?: { extensions?: Record<string, any> }[] };
const refusal = (result: Errors) => result.errors?.[0]?.extensions ?? null;

describe('separation of duties in the directory [P8, P16]', () => {
  let stack: TestStack;
  let arrestNumber: string;
  const rolesOf = async (id: string) => (await stack.directory.subject(id, false, false))!.roles;
  const directoryEvents = () =>
    stack.governanceDb.query<{ user_id: string; event: { change: string; of: string; [k: string]: unknown } }>(
      "SELECT user_id, event FROM audit_event WHERE kind = 'DIRECTORY_CHANGE' ORDER BY seq",
    );

  beforeAll(async () => {
    stack = await startTestStack();
    const detective = await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000001") { arrests { number } } }');
    arrestNumber = detective.data.person.arrests[0].number;
  }, 120_000);
  afterAll(() => stack?.close());

  describe('the attack: an administrator makes itself a detective, or IAB, and reads records', () => {
    it('refuses every step, and the administrator never reads an arrest or the audit trail', async () => {
      const steps = [
        await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'admin', roles: ['ADMIN', 'DETECTIVE'] }),
        await stack.queryAs('admin', null, TRAINING, { userId: 'admin' }),
      ];
      for (const step of steps) expect(refusal(step)).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
      const arrest = await stack.queryAs('admin', INVESTIGATION, ARREST, { number: arrestNumber });
      expect(arrest.data?.arrest ?? null).toBeNull();
      expect(refusal(arrest)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_ROLE' });

      const iab = await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'admin', roles: ['ADMIN', 'IAB'] });
      expect(refusal(iab)).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
      const trail = await stack.queryAs('admin', { code: 'AUDIT' }, '{ auditEvents(first: 5) { edges { node { seq userId } } } }');
      expect(trail.data?.auditEvents ?? null).toBeNull();
      expect(refusal(trail)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED' });
      expect(await rolesOf('admin')).toEqual(['ADMIN']);
      // Each refused step is in the audit trail, with the refusal.
      const refused = await stack.governanceDb.query<{ operation: string }>(
        `SELECT event ->> 'operationName' AS operation FROM audit_event
         WHERE kind = 'OPERATION' AND user_id = 'admin' AND event -> 'errorCodes' ? 'FORBIDDEN' ORDER BY seq`,
      );
      expect(refused.map((r) => r.operation)).toEqual(['R', 'T', 'R']);
    });

    it.each([
      ['DETECTIVE alone', ['DETECTIVE']],
      ['ADMIN + SUPERVISOR', ['ADMIN', 'SUPERVISOR']],
    ])('refuses setUserRoles on its own account with %s too (FORBIDDEN, SELF_CHANGE)', async (_name, roles) => {
      const result = await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'admin', roles });
      expect(result.data).toBeNull();
      expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
      expect(await rolesOf('admin')).toEqual(['ADMIN']);
    });

    it.each([
      ['assignUser', 'mutation S($userId: ID!) { assignUser(userId: $userId, command: "075 DET SQUAD", assignment: "DETECTIVE SQUAD") { id } }'],
      ['setUserActive', 'mutation S($userId: ID!) { setUserActive(userId: $userId, active: true) { id } }'],
    ])('refuses %s on its own account (FORBIDDEN, SELF_CHANGE)', async (_name, mutation) => {
      const result = await stack.queryAs('admin', null, mutation, { userId: 'admin' });
      expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
      const admin = (await stack.directory.user('admin'))!;
      expect([admin.command, admin.trainings]).toEqual(['INFORMATION TECHNOLOGY BUREAU', []]);
    });
  });

  describe('the attack: an administrator gives the vendor record access', () => {
    it.each([
      ['VENDOR + DETECTIVE', ['VENDOR', 'DETECTIVE']],
      ['VENDOR + ANALYST', ['VENDOR', 'ANALYST']],
      ['ADMIN + IAB', ['ADMIN', 'IAB']],
    ])('refuses %s for the vendor (FORBIDDEN, ROLE_CONFLICT), and the vendor reads no names', async (_name, roles) => {
      const result = await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'vendor', roles });
      expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_CONFLICT' });
      expect(await rolesOf('vendor')).toEqual(['VENDOR']);
      const person = await stack.queryAs('vendor', INVESTIGATION, PERSON, { id: 'P00000001' });
      expect(person.data?.person ?? null).toBeNull();
      expect(refusal(person)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_ROLE' });
    });

    it('turns DETECTIVE for the vendor account into a request the vendor cannot use until a second person decides it', async () => {
      const plain = await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'vendor', roles: ['DETECTIVE'] });
      expect(plain.errors).toBeUndefined();
      expect(plain.data.setUserRoles.roles).toEqual([]);
      const person = await stack.queryAs('vendor', INVESTIGATION, PERSON, { id: 'P00000001' });
      expect(person.data?.person ?? null).toBeNull();
      // Asking again shows the one pending request, not a second one.
      const result = await stack.queryAs('admin', null, SET_ROLES, { userId: 'vendor', roles: ['DETECTIVE'] });
      expect(result.data.setUserRoles).toMatchObject({ roles: [], pendingGrants: [{ role: 'DETECTIVE', status: 'PENDING', requestedBy: 'admin' }] });
      const noReason = await stack.queryAs('privacy-officer', null, 'mutation J($id: ID!) { rejectRoleGrant(id: $id, comment: " ") { id } }', { id: result.data.setUserRoles.pendingGrants[0].id });
      expect(refusal(noReason)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'comment' });
      const rejected = await stack.queryAs('privacy-officer', null, REJECT, { id: result.data.setUserRoles.pendingGrants[0].id });
      expect(rejected.data.rejectRoleGrant).toMatchObject({ status: 'REJECTED', decidedBy: 'privacy-officer' });
      expect(await rolesOf('vendor')).toEqual([]);
      await stack.queryAs('admin', null, SET_ROLES, { userId: 'vendor', roles: ['VENDOR'] });
    });
  });

  it('reads a role set written straight into the database fail-closed: ADMIN beside ANALYST reaches no record', async () => {
    await stack.governanceDb.query("INSERT INTO user_role (user_id, role, granted_by) VALUES ('analyst', 'ADMIN', 'sql, around the API')");
    try {
      const person = await stack.queryAs('analyst', INVESTIGATION, PERSON, { id: 'P00000001' });
      expect(person.data?.person ?? null).toBeNull();
      expect(refusal(person)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_ROLE' });
    } finally {
      await stack.governanceDb.query("DELETE FROM user_role WHERE user_id = 'analyst' AND role = 'ADMIN'");
    }
  });

  describe('two people grant a record role; one person revokes it', () => {
    const asOfficer = async (purpose: { code: string }) => {
      const token = await stack.token('officer');
      return stack.query(ARREST, { number: arrestNumber }, { authorization: `Bearer ${token}`, ...purposeHeaders(purpose) });
    };

    it('grants DETECTIVE to an officer only after the commanding officer approves; the requester and grantee cannot approve', async () => {
      // An officer may not work a civil litigation; a detective may.
      expect((await asOfficer(DETECTIVE_ONLY)).data?.arrest ?? null).toBeNull();

      const requested = await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'officer', roles: ['OFFICER', 'DETECTIVE'] });
      expect(requested.errors).toBeUndefined();
      expect(requested.data.setUserRoles.roles).toEqual(['OFFICER']);
      expect(await rolesOf('officer')).toEqual(['OFFICER']);
      expect((await asOfficer(DETECTIVE_ONLY)).data?.arrest ?? null).toBeNull();
      const pending = await stack.queryAs('admin', null, 'query { user(id: "officer") { pendingGrants { id role status } } }');
      expect(pending.data.user.pendingGrants).toEqual([{ id: expect.any(String), role: 'DETECTIVE', status: 'PENDING' }]);
      const grantId: string = pending.data.user.pendingGrants[0].id;

      // The requester (no approver role) and the grantee may not decide it.
      const byRequester = await stack.queryAs('admin', null, APPROVE, { id: grantId });
      expect(byRequester.data?.approveRoleGrant ?? null).toBeNull();
      expect(refusal(byRequester)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_ROLE' });
      const byGrantee = await stack.queryAs('officer', null, APPROVE, { id: grantId });
      expect(refusal(byGrantee)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED' });
      expect(await rolesOf('officer')).toEqual(['OFFICER']);

      // Oversight sees it pending.
      for (const reader of ['privacy-officer', 'iab', 'co']) {
        const grants = await stack.queryAs(reader, null, GRANTS, { userId: 'officer' });
        expect(grants.data.roleGrants).toEqual([{ id: grantId, userId: 'officer', role: 'DETECTIVE', status: 'PENDING', requestedBy: 'admin', decidedBy: null }]);
      }

      const approved = await stack.queryAs('co', null, APPROVE, { id: grantId });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.approveRoleGrant).toMatchObject({ status: 'APPROVED', decidedBy: 'co' });
      const arrest = await asOfficer(DETECTIVE_ONLY);
      expect(arrest.errors).toBeUndefined();
      expect(arrest.data.arrest.number).toBe(arrestNumber);

      const events = (await directoryEvents()).filter((e) => e.event.of === 'officer');
      expect(events.map((e) => [e.user_id, e.event.change])).toEqual([['admin', 'setUserRoles'], ['co', 'approveRoleGrant']]);
      expect(events[0]!.event.requested).toEqual([{ id: grantId, role: 'DETECTIVE' }]);
    });

    it('revokes at once: the next request of a token already issued is refused', async () => {
      const token = await stack.token('officer');
      const read = () => stack.query(ARREST, { number: arrestNumber }, { authorization: `Bearer ${token}`, ...purposeHeaders(DETECTIVE_ONLY) });
      expect((await read()).data.arrest.number).toBe(arrestNumber);
      const revoked = await stack.queryAs('admin', null, SET_ROLES_PLAIN, { userId: 'officer', roles: ['OFFICER'] });
      expect(revoked.data.setUserRoles.roles).toEqual(['OFFICER']);
      expect((await read()).data?.arrest ?? null).toBeNull();
    });

    it('does not let a commanding officer of another command, or the grantee, approve', async () => {
      const requested = await stack.queryAs('admin', null, SET_ROLES, { userId: 'privacy-officer', roles: ['PRIVACY_OFFICER', 'IAB'] });
      const grantId: string = requested.data.setUserRoles.pendingGrants[0].id;
      const byGrantee = await stack.queryAs('privacy-officer', null, APPROVE, { id: grantId });
      expect(refusal(byGrantee)).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_APPROVAL' });
      const byOtherCommand = await stack.queryAs('co', null, APPROVE, { id: grantId });
      expect(refusal(byOtherCommand)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_APPROVER' });
      expect(await rolesOf('privacy-officer')).toEqual(['PRIVACY_OFFICER']);
      // A commanding officer does not see grants outside their command.
      expect((await stack.queryAs('co', null, GRANTS, { userId: 'privacy-officer' })).data.roleGrants).toEqual([]);
      // Replacing the roles again withdraws the request.
      const withdrawn = await stack.queryAs('admin', null, SET_ROLES, { userId: 'privacy-officer', roles: ['PRIVACY_OFFICER'] });
      expect(withdrawn.data.setUserRoles.pendingGrants).toEqual([]);
      expect((await stack.queryAs('iab', null, GRANTS, { userId: 'privacy-officer' })).data.roleGrants).toMatchObject([{ id: grantId, status: 'CANCELLED' }]);
    });

    it('shows role grants to no one outside oversight and administration', async () => {
      for (const reader of ['officer', 'vendor', 'detective']) {
        const grants = await stack.queryAs(reader, null, GRANTS, {});
        expect(grants.data?.roleGrants ?? null).toBeNull();
        expect(refusal(grants)).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED' });
      }
    });
  });
});
