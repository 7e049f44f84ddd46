import { createGovernanceSubgraph } from '..';
import { DirectoryStore } from '../directory/DirectoryStore';
import { DirectoryRuleError } from '../directory/directoryErrors';
import { RoleGrants, type Approver } from '../directory/RoleGrants';
import { SEED_USERS } from '../directory/seedUsers';
import { conflictingRecordRoles, RECORD_ROLES } from '../../../policy/separationOfDuties';
import type { Role } from '../../../policy/vocabulary';
import type { Database } from '../../../platform/storage/Database';
import { prepareDatabase } from '../../prepareDatabase';
import { backends, createTestStorage, type TestStorage } from '../../../test/harness/testDatabase';

const CO_075: Approver = { id: 'co', roles: ['COMMANDING_OFFICER'], command: '075 PCT' };
const PRIVACY_OFFICER: Approver = { id: 'privacy-officer', roles: ['PRIVACY_OFFICER'], command: 'LEGAL BUREAU' };

/** What a refused promise was refused for: the separation-of-duties rule it broke. */
const reasonOf = (promise: Promise<unknown>) =>
  promise.then(() => 'ALLOWED', (error: unknown) => (error instanceof DirectoryRuleError ? error.reason : `other: ${String(error)}`));

describe('separation of duties: which roles reach record data [P8, P16]', () => {
  it('derives the record roles from the access table, leaving out administrators, vendors and developers', () => {
    expect([...RECORD_ROLES].sort()).toEqual(
      ['ANALYST', 'COMMANDING_OFFICER', 'DETECTIVE', 'IAB', 'ICO', 'INTELLIGENCE', 'OFFICER', 'PARTNER', 'PRIVACY_OFFICER', 'SUPERVISOR'],
    );
  });

  it.each<[string, Role[], Role[]]>([
    ['ADMIN alone', ['ADMIN'], []],
    ['VENDOR alone', ['VENDOR'], []],
    ['ADMIN with VENDOR', ['ADMIN', 'VENDOR'], []],
    ['a detective', ['DETECTIVE'], []],
    ['ADMIN with DETECTIVE', ['ADMIN', 'DETECTIVE'], ['DETECTIVE']],
    ['ADMIN with IAB (the whole audit trail)', ['ADMIN', 'IAB'], ['IAB']],
    ['VENDOR with DETECTIVE', ['VENDOR', 'DETECTIVE'], ['DETECTIVE']],
    ['VENDOR with SUPERVISOR', ['VENDOR', 'SUPERVISOR'], ['SUPERVISOR']],
  ])('%s: conflicting record roles %j', (_name, roles, conflicting) => {
    expect(conflictingRecordRoles(roles)).toEqual(conflicting);
  });

  it('seeds no user who breaks the rule', () => {
    for (const user of SEED_USERS) expect({ user: user.id, conflicting: conflictingRecordRoles(user.roles) }).toEqual({ user: user.id, conflicting: [] });
  });
});

describe.each(backends())('role grants (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;
  let directory: DirectoryStore;
  let grants: RoleGrants;
  const rolesOf = async (id: string) => (await directory.subject(id, false, false))!.roles;
  beforeAll(async () => {
    storage = await createTestStorage(backend);
    ({ db } = await prepareDatabase(createGovernanceSubgraph({ onDirectoryChange: () => undefined }), storage.target, { seed: 1, persons: 10 }));
    directory = new DirectoryStore(db);
    grants = new RoleGrants(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['roles', () => grants.setRoles('admin', ['ADMIN', 'DETECTIVE'], 'admin'), 'SELF_CHANGE'],
    ['assignment', () => directory.assign('admin', '075 DET SQUAD', 'DETECTIVE SQUAD', '2026-01-01', 'admin'), 'SELF_CHANGE'],
    ['training', () => directory.recordTraining('admin', 'ERMS-INTERNAL-RECORDS', '2026-01-01', 'admin'), 'SELF_CHANGE'],
    ['status', () => directory.setActive('admin', true, 'admin'), 'SELF_CHANGE'],
  ])('nobody changes their own %s', async (_what, attempt, reason) => {
    expect(await reasonOf(attempt())).toBe(reason);
    expect(await rolesOf('admin')).toEqual(['ADMIN']);
    expect(await db.query("SELECT 1 FROM directory_change WHERE user_id = 'admin'")).toEqual([]);
  });

  it.each<[string, string, Role[]]>([
    ['ADMIN + DETECTIVE for another administrator', 'vendor', ['ADMIN', 'DETECTIVE']],
    ['VENDOR + DETECTIVE for the vendor', 'vendor', ['VENDOR', 'DETECTIVE']],
    ['VENDOR + IAB for the vendor', 'vendor', ['VENDOR', 'IAB']],
    ['ADMIN for a detective who keeps DETECTIVE', 'detective', ['DETECTIVE', 'ADMIN']],
  ])('refuses %s whoever asks (ROLE_CONFLICT)', async (_name, userId, roles) => {
    const before = await rolesOf(userId);
    expect(await reasonOf(grants.setRoles(userId, roles, 'admin'))).toBe('ROLE_CONFLICT');
    expect(await rolesOf(userId)).toEqual(before);
    expect(await grants.list({ userId, status: 'PENDING' }, 10)).toEqual([]);
  });

  it('gives a record role only when a second person approves it; the requester sees it pending', async () => {
    const change = await grants.setRoles('trainee', ['OFFICER', 'DETECTIVE'], 'admin');
    expect(change).toMatchObject({ removed: [], added: [], requested: [{ userId: 'trainee', role: 'DETECTIVE', status: 'PENDING', requestedBy: 'admin' }] });
    expect(await rolesOf('trainee')).toEqual(['OFFICER']);
    // Asking again queues no second request.
    expect((await grants.setRoles('trainee', ['OFFICER', 'DETECTIVE'], 'admin')).requested).toEqual([]);
    const [pending] = await grants.pendingFor(['trainee']);
    expect(pending!.map((g) => g.role)).toEqual(['DETECTIVE']);

    const approved = await grants.decide(pending![0]!.id, CO_075, true, 'joins the squad');
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: 'co', comment: 'joins the squad' });
    expect(await rolesOf('trainee')).toEqual(['DETECTIVE', 'OFFICER']);
    const log = await db.query<{ change: string; changed_by: string }>("SELECT change, changed_by FROM directory_change WHERE user_id = 'trainee' ORDER BY id");
    expect(log).toEqual([{ change: 'ROLES', changed_by: 'admin' }, { change: 'ROLES', changed_by: 'admin' }, { change: 'ROLE_GRANT_APPROVED', changed_by: 'co' }]);
  });

  it('removes a role at once, without anyone\'s approval, and withdraws requests for roles no longer wanted', async () => {
    await grants.setRoles('trainee', ['OFFICER', 'DETECTIVE', 'ANALYST'], 'admin');
    const change = await grants.setRoles('trainee', ['OFFICER'], 'admin');
    expect(change.removed).toEqual(['DETECTIVE']);
    expect(change.cancelled.map((g) => [g.role, g.status])).toEqual([['ANALYST', 'CANCELLED']]);
    expect(await rolesOf('trainee')).toEqual(['OFFICER']);
    await expect(grants.decide(change.cancelled[0]!.id, CO_075, true, null)).rejects.toThrow(/already CANCELLED/);
    expect(await rolesOf('trainee')).toEqual(['OFFICER']);
  });

  it.each<[string, Approver, string]>([
    ['its requester', { id: 'admin', roles: ['ADMIN'], command: 'INFORMATION TECHNOLOGY BUREAU' }, 'SELF_APPROVAL'],
    ['its grantee', { id: 'officer', roles: ['COMMANDING_OFFICER'], command: '075 PCT' }, 'SELF_APPROVAL'],
    ['a commanding officer of another command', { id: 'co-other', roles: ['COMMANDING_OFFICER'], command: '090 PCT' }, 'NOT_APPROVER'],
    ['IAB (oversight, not an approver)', { id: 'iab', roles: ['IAB'], command: 'INTERNAL AFFAIRS BUREAU' }, 'NOT_APPROVER'],
    ['a supervisor', { id: 'supervisor', roles: ['SUPERVISOR'], command: '075 PCT' }, 'NOT_APPROVER'],
  ])('does not let %s decide a grant', async (_who, approver, reason) => {
    const { requested } = await grants.setRoles('officer', ['OFFICER', 'ANALYST'], 'admin');
    const id = requested[0]?.id ?? (await grants.list({ userId: 'officer', status: 'PENDING' }, 1))[0]!.id;
    expect(await reasonOf(grants.decide(id, approver, true, null))).toBe(reason);
    expect(await rolesOf('officer')).toEqual(['OFFICER']);
    expect((await grants.list({ userId: 'officer', status: 'PENDING' }, 5)).map((g) => g.role)).toEqual(['ANALYST']);
  });

  it('lets the Privacy Officer approve for any command, and reject with a reason', async () => {
    const { requested } = await grants.setRoles('vendor', ['DETECTIVE'], 'admin');
    // VENDOR is removed at once; DETECTIVE waits.
    expect(await rolesOf('vendor')).toEqual([]);
    const rejected = await grants.decide(requested[0]!.id, PRIVACY_OFFICER, false, 'a contractor is not a detective');
    expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: 'privacy-officer' });
    expect(await rolesOf('vendor')).toEqual([]);
    await grants.setRoles('vendor', ['VENDOR'], 'admin');
  });

  it('re-checks the rule at approval: a grantee who became an administrator meanwhile gets no record role', async () => {
    const { requested } = await grants.setRoles('analyst', ['ANALYST', 'SUPERVISOR'], 'admin');
    await db.query("INSERT INTO user_role (user_id, role, granted_by) VALUES ('analyst', 'ADMIN', 'test')");
    expect(await reasonOf(grants.decide(requested[0]!.id, PRIVACY_OFFICER, true, null))).toBe('ROLE_CONFLICT');
    await db.query("DELETE FROM user_role WHERE user_id = 'analyst' AND role = 'ADMIN'");
  });

  it('reads a directory row written around the API fail-closed: ADMIN beside a record role keeps only ADMIN', async () => {
    await db.query("INSERT INTO user_role (user_id, role, granted_by) VALUES ('admin', 'DETECTIVE', 'sql'), ('vendor', 'IAB', 'sql')");
    expect(await rolesOf('admin')).toEqual(['ADMIN']);
    expect(await rolesOf('vendor')).toEqual(['VENDOR']);
    await db.query("DELETE FROM user_role WHERE granted_by = 'sql'");
  });

  it('lists grants to a commanding officer by command only', async () => {
    await grants.setRoles('supervisor', ['SUPERVISOR', 'ICO'], 'admin');
    const inCommand = await grants.list({ command: '075 PCT', status: 'PENDING' }, 50);
    expect(inCommand.map((g) => g.userId)).toContain('supervisor');
    expect(await grants.list({ command: 'LEGAL BUREAU', status: 'PENDING' }, 50)).toEqual([]);
  });
});
