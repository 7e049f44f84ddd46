import { createGovernanceSubgraph } from '..';
import { cachedSubjects } from '../directory/cachedSubjects';
import { DirectoryStore } from '../directory/DirectoryStore';
import { RoleGrants } from '../directory/RoleGrants';
import type { Database } from '../../../platform/storage/Database';
import { prepareDatabase } from '../../prepareDatabase';
import { backends, createTestStorage, type TestStorage } from '../../../test/harness/testDatabase';

/** [P8] the directory: roles only while an assignment is in force, current training, changes logged. */
describe.each(backends())('directory (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;
  let directory: DirectoryStore;
  beforeAll(async () => {
    storage = await createTestStorage(backend);
    ({ db } = await prepareDatabase(createGovernanceSubgraph({ onDirectoryChange: () => undefined }), storage.target, { seed: 1, persons: 10 }));
    directory = new DirectoryStore(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  it('holds the seeded users of SPEC §5', async () => {
    const ids = (await directory.users()).map((u) => u.id);
    for (const id of ['officer', 'detective', 'analyst', 'supervisor', 'ico', 'iab', 'privacy-officer', 'intel', 'admin', 'vendor', 'partner-da']) {
      expect(ids).toContain(id);
    }
  });

  it('gives a user the roles, command and current trainings in force today', async () => {
    const detective = await directory.subject('detective', false, false);
    expect(detective).toMatchObject({ roles: ['DETECTIVE'], command: '075 DET SQUAD', kind: 'USER' });
    expect([...detective!.currentTrainings].sort()).toEqual(['ERMS-COMMERCIAL-SOURCES', 'ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS']);
  });

  it('does not count training completed more than a year ago', async () => {
    expect((await directory.subject('trainee', false, false))!.currentTrainings).toEqual([]);
  });

  it('ends access when the assignment ends, and restores it with a new one', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await directory.assign('analyst', 'CRIME ANALYSIS UNIT', 'CRIME ANALYST', today, 'admin');
    await db.query("UPDATE assignment SET effective_from = LEAST(effective_from, current_date - 10), effective_to = current_date - 1 WHERE user_id = 'analyst'");
    expect((await directory.subject('analyst', false, false))!.roles).toEqual([]);
    await directory.assign('analyst', 'CRIME ANALYSIS UNIT', 'CRIME ANALYST', today, 'admin');
    expect((await directory.subject('analyst', false, false))!.roles).toEqual(['ANALYST']);
  });

  it('refuses an inactive user, and logs every change with who made it', async () => {
    await directory.setActive('vendor', false, 'admin');
    expect(await directory.subject('vendor', false, false)).toBeNull();
    const changes = await db.query<{ change: string; changed_by: string }>("SELECT change, changed_by FROM directory_change WHERE user_id = 'vendor'");
    expect(changes).toEqual([{ change: 'DEACTIVATED', changed_by: 'admin' }]);
  });

  it('records a training for someone else, never one completed in the future [P8]', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(directory.recordTraining('trainee', 'ERMS-INTERNAL-RECORDS', tomorrow, 'admin')).rejects.toThrow(/future/);
    await expect(directory.recordTraining('trainee', 'ERMS-INTERNAL-RECORDS', 'last week', 'admin')).rejects.toThrow(/YYYY-MM-DD/);
    expect((await directory.subject('trainee', false, false))!.currentTrainings).toEqual([]);
  });

  it('replaces roles, and refuses an unknown user or role', async () => {
    const grants = new RoleGrants(db);
    const { requested } = await grants.setRoles('officer', ['OFFICER', 'ANALYST'], 'admin');
    await grants.decide(requested[0]!.id, { id: 'co', roles: ['COMMANDING_OFFICER'], command: '075 PCT' }, true, null);
    expect((await directory.subject('officer', false, false))!.roles).toEqual(['ANALYST', 'OFFICER']);
    await grants.setRoles('officer', ['OFFICER'], 'admin');
    expect((await directory.subject('officer', false, false))!.roles).toEqual(['OFFICER']);
    await expect(grants.setRoles('nobody', ['OFFICER'], 'admin')).rejects.toThrow(/no user nobody/);
    await expect(grants.setRoles('officer', ['KING' as never], 'admin')).rejects.toThrow(/unknown role/);
  });
});

describe('cachedSubjects', () => {
  const subject = (roles: string[]) => ({ id: 'u', roles }) as never;

  it('serves a cached read until the TTL, then reads the directory again (changes apply within a minute)', async () => {
    let now = 0;
    let roles = ['OFFICER'];
    let reads = 0;
    const cache = cachedSubjects({ subject: async () => (reads++, subject(roles)) }, 30_000, () => now);
    expect(await cache.subject('u', false, false)).toMatchObject({ roles: ['OFFICER'] });
    roles = [];
    now = 29_999;
    expect(await cache.subject('u', false, false)).toMatchObject({ roles: ['OFFICER'] });
    now = 30_000;
    expect(await cache.subject('u', false, false)).toMatchObject({ roles: [] });
    expect(reads).toBe(2);
  });

  it('forgets a user at once when this process changes them', async () => {
    let roles = ['OFFICER'];
    const cache = cachedSubjects({ subject: async () => subject(roles) }, 30_000, () => 0);
    await cache.subject('u', false, false);
    roles = ['ANALYST'];
    cache.invalidate('u');
    expect(await cache.subject('u', false, false)).toMatchObject({ roles: ['ANALYST'] });
  });

  it('does not cache a failed read: the next request asks the directory again', async () => {
    let fail = true;
    const cache = cachedSubjects({ subject: async () => { if (fail) throw new Error('down'); return subject(['OFFICER']); } }, 30_000, () => 0);
    await expect(cache.subject('u', false, false)).rejects.toThrow('down');
    fail = false;
    await expect(cache.subject('u', false, false)).resolves.toMatchObject({ roles: ['OFFICER'] });
  });
});
