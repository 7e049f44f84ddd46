import { createGovernanceSubgraph } from '..';
import { AuditLog } from '../audit/AuditLog';
import { verifyAuditChain } from '../audit/verifyAuditChain';
import type { Database } from '../../storage/Database';
import { prepareDatabase } from '../../subgraphs/prepareDatabase';
import { backends, createTestStorage, type TestStorage } from '../../test/harness/testDatabase';

/** [P18] the audit log: append-only in the database, hash-chained, and every kind of tampering found. */
describe.each(backends())('audit log (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;
  let log: AuditLog;

  beforeEach(async () => {
    storage = await createTestStorage(backend);
    ({ db } = await prepareDatabase(createGovernanceSubgraph({ onDirectoryChange: () => undefined }), storage.target, { seed: 1, persons: 10 }));
    log = new AuditLog(db);
    // 20 events arriving together, across a month boundary (two partitions).
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        log.append({ kind: 'OPERATION', occurredAt: new Date(Date.UTC(2026, 9, 31, 23, 59, 50 + i)), requestId: `r${i}`, userId: 'detective', event: { outcome: 'ALLOWED', i } }),
      ),
    );
  }, 60_000);
  afterEach(async () => {
    await db?.close();
    await storage?.drop();
  });

  /** Tampering as someone with the database's superuser would: bypassing the append-only triggers. */
  const tamper = async (sql: string) => {
    await db.transaction(async (tx) => {
      await tx.exec("SET LOCAL session_replication_role = 'replica'");
      await tx.exec(sql);
    });
  };

  it('orders concurrent events into one chain without gaps, across monthly partitions', async () => {
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 20 });
    const partitions = await db.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'audit_event_2026_%' ORDER BY relname");
    expect(partitions.map((p) => p.relname)).toEqual(['audit_event_2026_10', 'audit_event_2026_11']);
  });

  it('refuses updates, deletes and truncation of audit rows in the database itself', async () => {
    await expect(db.exec("UPDATE audit_event SET user_id = 'nobody' WHERE seq = 3")).rejects.toThrow(/append-only/);
    await expect(db.exec('DELETE FROM audit_event WHERE seq = 3')).rejects.toThrow(/append-only/);
    await expect(db.exec('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    await expect(db.exec('DELETE FROM audit_head')).rejects.toThrow(/append-only/);
  });

  it('finds an edited event', async () => {
    await tamper(`UPDATE audit_event SET event = '{"outcome":"REFUSED","i":4}' WHERE seq = 5`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: 5, problem: expect.stringMatching(/edited/) } });
  });

  it('finds a deleted event', async () => {
    await tamper('DELETE FROM audit_event WHERE seq = 7');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: 8, problem: expect.stringMatching(/7\.\.7 are missing/) } });
  });

  it('finds deleted last events', async () => {
    await tamper('DELETE FROM audit_event WHERE seq >= 19');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: 19, problem: expect.stringMatching(/last events were deleted/) } });
  });

  it('finds an inserted event', async () => {
    await tamper(`INSERT INTO audit_event SELECT seq, occurred_at - interval '1 millisecond', kind, 'forged', user_id, event, prev_hash, hash FROM audit_event WHERE seq = 9`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: 9 } });
  });

  it('finds reordered events', async () => {
    await tamper(`UPDATE audit_event SET seq = CASE seq WHEN 11 THEN 12 ELSE 11 END WHERE seq IN (11, 12)`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: 11 } });
  });

  it('continues the chain after a restart (a new writer reads the head)', async () => {
    await new AuditLog(db).append({ kind: 'LOGON', userId: 'officer', event: {} });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 21 });
  });
});
