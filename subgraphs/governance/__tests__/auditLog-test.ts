import { createGovernanceSubgraph } from '..';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AuditLog, recordHash, type AuditEventRow } from '../audit/AuditLog';
import { archiveAuditMonths } from '../audit/archiveMonths';
import { checkpointSigner } from '../audit/checkpoints';
import { verifyAuditChain } from '../audit/verifyAuditChain';
import { createKeyPair, type KeyPair } from '../../../platform/identity/localKeys';
import type { Database } from '../../../platform/storage/Database';
import { prepareDatabase } from '../../prepareDatabase';
import { backends, createTestStorage, type TestStorage } from '../../../test/harness/testDatabase';

/** [P18] the audit log: append-only in the database, hash-chained, and every kind of tampering found. */
describe.each(backends())('audit log (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;
  let log: AuditLog;
  let key: KeyPair;
  const trusted = () => ({ checkpointKeys: [key.publicJwk] });

  /**
   * One store for the file, emptied before each test: opening and migrating a store costs
   * seconds, and mutation testing (docs/mutation.md) runs this suite once for each mutant of the
   * audit log. The reset bypasses the append-only triggers as a superuser would (`tamper`).
   */
  beforeAll(async () => {
    key = await createKeyPair('audit-checkpoint', 'EdDSA');
    storage = await createTestStorage(backend);
    ({ db } = await prepareDatabase(createGovernanceSubgraph({ onDirectoryChange: () => undefined }), storage.target, { seed: 1, persons: 10 }));
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  beforeEach(async () => {
    await tamper(`DO $$ DECLARE t text; BEGIN
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname ~ '^audit_(event|archived)_[0-9]{4}_[0-9]{2}$'
        LOOP EXECUTE format('DROP TABLE %I', t); END LOOP; END $$;
      DELETE FROM audit_checkpoint; DELETE FROM audit_archive; UPDATE audit_head SET seq = 0, hash = repeat('0', 64)`);
    log = new AuditLog(db, { checkpoints: { signer: checkpointSigner(key), everyEvents: 5 } });
    // 20 events arriving together, across a month boundary (two partitions).
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        log.append({ kind: 'OPERATION', occurredAt: new Date(Date.UTC(2026, 9, 31, 23, 59, 50 + i)), requestId: `r${i}`, userId: 'detective', event: { outcome: 'ALLOWED', i } }),
      ),
    );
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

  it('indexes the records of every month directly, with no pending list to merge in one long stall', async () => {
    const indexes = await db.query<{ name: string; options: string[] | null }>(
      `SELECT c.relname AS name, c.reloptions AS options FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND t.relname LIKE 'audit_event%' AND pg_get_indexdef(i.indexrelid) LIKE '%gin%records%'`,
      [db.schema],
    );
    // The parent index and one per month's partition (the events above span two months).
    expect(indexes.length).toBeGreaterThanOrEqual(3);
    for (const index of indexes) expect(index.options ?? []).toContain('fastupdate=off');
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

  /**
   * Every field of an operation's event is covered by its hash: who, why (the justification and
   * case number too), what was asked, what was released, the outcome, and each column.
   */
  describe('finds an edit to any field of an operation event', () => {
    const EVENT = {
      user: 'detective', roles: ['DETECTIVE'], command: '075 PCT', ori: 'NY0303000', sourceAddress: '127.0.0.1', remote: false, mfa: false,
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'Robbery pattern on Pitkin Avenue, 75 precinct' },
      operationName: 'Person', document: '{person(id:$id){fullName}}', documentHash: 'a'.repeat(64), variables: { id: 'sha256:' + 'b'.repeat(64) },
      fieldsRequested: ['Query.person', 'Person.fullName'], fieldsRemoved: [{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }],
      flags: ['FACIAL_RECOGNITION_PROBE'], records: { Person: ['P00000001'] }, resultCount: 1, outcome: 'PARTIAL',
    };
    const EDITS: [string, string][] = [
      ['the justification', `jsonb_set(event, '{purpose,justification}', '"routine"')`],
      ['the case number', `jsonb_set(event, '{purpose,caseNumber}', '"2025-075-999999"')`],
      ['the purpose code', `jsonb_set(event, '{purpose,code}', '"AUDIT"')`],
      ['the user in the event', `jsonb_set(event, '{user}', '"officer"')`],
      ['the roles', `jsonb_set(event, '{roles}', '["OFFICER"]')`],
      ['the operation text', `jsonb_set(event, '{document}', '"{me{id}}"')`],
      ['a hashed variable', `jsonb_set(event, '{variables,id}', '"sha256:00"')`],
      ['the records released', `jsonb_set(event, '{records,Person}', '[]')`],
      ['the fields removed', `jsonb_set(event, '{fieldsRemoved}', '[]')`],
      ['the flags', `jsonb_set(event, '{flags}', '[]')`],
      ['the outcome', `jsonb_set(event, '{outcome}', '"ALLOWED"')`],
      ['a member added', `event || '{"note":"added later"}'`],
      ['a member removed', `event - 'flags'`],
    ];
    const COLUMNS: [string, string][] = [
      ['the user column', `user_id = 'officer'`],
      ['the request id column', `request_id = 'forged'`],
      ['the kind column', `kind = 'LOGON'`],
      ['the time', `occurred_at = occurred_at + interval '1 second'`],
    ];
    // One store for the whole table: each edit is made, verified, then undone.
    it('whichever field is edited, the chain names the event', async () => {
      await log.append({ kind: 'OPERATION', occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, 30)), requestId: 'r-real', userId: 'detective', event: EVENT });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 21 });
      const [original] = await db.query<AuditEventRow>('SELECT * FROM audit_event WHERE seq = 21');
      const undetected: string[] = [];
      const edits = [...EDITS.map(([field, edited]): [string, string] => [field, `event = ${edited}`]), ...COLUMNS];
      for (const [field, assignment] of edits) {
        await tamper(`UPDATE audit_event SET ${assignment} WHERE seq = 21`);
        const verdict = await verifyAuditChain(db);
        if (verdict.ok || verdict.firstBad?.seq !== 21) undetected.push(field);
        await tamper('DELETE FROM audit_event WHERE seq = 21');
        await tamper(`INSERT INTO audit_event SELECT * FROM json_populate_record(NULL::audit_event, '${JSON.stringify(original).replace(/'/g, "''")}')`);
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 21 });
      }
      expect(undetected).toEqual([]);
    });
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

  it('signs a checkpoint of the head when a batch crosses the interval', async () => {
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, checked: 20, checkpoints: 1 });
    for (let i = 0; i < 6; i++) await log.append({ kind: 'LOGON', userId: 'officer', event: { i } });
    const checkpoints = await db.query<{ seq: string }>('SELECT seq FROM audit_checkpoint ORDER BY seq');
    expect(checkpoints.map((c) => Number(c.seq))).toEqual([20, 25]);
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, checked: 26, checkpoints: 2 });
  });

  it('signs the head when the writer closes, so the last events are covered too', async () => {
    await log.append({ kind: 'LOGON', userId: 'officer', event: {} });
    await log.close();
    const [last] = await db.query<{ seq: string }>('SELECT max(seq) AS seq FROM audit_checkpoint');
    expect(Number(last!.seq)).toBe(21);
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('finds a chain rewritten from scratch (every hash recomputed) by its signed checkpoint', async () => {
    const rows = await db.query<any>('SELECT * FROM audit_event ORDER BY seq');
    let prevHash = '0'.repeat(64);
    const statements: string[] = [];
    for (const row of rows) {
      const event = Number(row.seq) === 3 ? { ...row.event, outcome: 'REFUSED' } : row.event;
      const content = { seq: Number(row.seq), occurredAt: new Date(row.occurred_at).toISOString(), kind: row.kind, requestId: row.request_id, userId: row.user_id, event, prevHash };
      const hash = recordHash(content);
      statements.push(`UPDATE audit_event SET event = '${JSON.stringify(event)}', prev_hash = '${prevHash}', hash = '${hash}' WHERE seq = ${row.seq}`);
      prevHash = hash;
    }
    statements.push(`UPDATE audit_head SET hash = '${prevHash}'`);
    await tamper(statements.join(';\n'));
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: false, firstBad: { seq: 20, problem: expect.stringMatching(/signed checkpoint.*rewritten/) } });
  });

  it('finds a forged checkpoint', async () => {
    const forger = checkpointSigner(await createKeyPair('audit-checkpoint', 'EdDSA'));
    const [row] = await db.query<{ hash: string }>('SELECT hash FROM audit_event WHERE seq = 10');
    const forged = forger.sign({ seq: 10, hash: row!.hash, signedAt: new Date().toISOString() });
    await db.query('INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)', [10, forged.hash, forged.signedAt, key.kid, forged.signature]);
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: false, firstBad: { seq: 10, problem: expect.stringMatching(/forged checkpoint/) } });
  });

  it('refuses to edit or delete checkpoints', async () => {
    await expect(db.exec('DELETE FROM audit_checkpoint')).rejects.toThrow(/append-only/);
    await expect(db.exec("UPDATE audit_checkpoint SET hash = 'x'")).rejects.toThrow(/append-only/);
  });

  describe('retention', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'erms-archive-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('archives a month past retention to a file, detaches it without dropping it, and the chain still verifies', async () => {
      const archived = await archiveAuditMonths(db, log, { dir, retentionMonths: 12, by: 'test', now: new Date('2027-11-15T00:00:00Z') });
      expect(archived).toEqual([expect.objectContaining({ month: '2026-10', firstSeq: 1, lastSeq: 10, eventCount: 10 })]);
      const lines = gunzipSync(readFileSync(archived[0]!.file)).toString().trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // Out of the live table, still in the database.
      expect(await db.query("SELECT 1 FROM audit_event WHERE occurred_at < '2026-11-01'")).toHaveLength(0);
      expect(await db.query('SELECT seq FROM audit_archived_2026_10')).toHaveLength(10);
      const [event] = await db.query<{ event: any }>("SELECT event FROM audit_event WHERE kind = 'ARCHIVE'");
      expect(event!.event).toMatchObject({ month: '2026-10', sha256: archived[0]!.sha256 });
      expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, archived: 10, checked: 11 });
      // Deleting live events right after the archive is still caught.
      await tamper('DELETE FROM audit_event WHERE seq = 11');
      expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: false, firstBad: { seq: 12 } });
    });

    it('keeps a month inside the retention period, and refuses a period under a year', async () => {
      expect(await archiveAuditMonths(db, log, { dir, retentionMonths: 13, by: 'test', now: new Date('2027-11-15T00:00:00Z') })).toEqual([]);
      await expect(archiveAuditMonths(db, log, { dir, retentionMonths: 6, by: 'test', now: new Date('2027-11-15T00:00:00Z') })).rejects.toThrow(/at least 12 months/);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, archived: 0 });
    });

    it('refuses to archive a month whose chain is broken', async () => {
      await tamper(`UPDATE audit_event SET event = '{"outcome":"REFUSED"}' WHERE seq = 4`);
      await expect(archiveAuditMonths(db, log, { dir, retentionMonths: 12, by: 'test', now: new Date('2027-11-15T00:00:00Z') })).rejects.toThrow(/event 4 breaks the chain/);
      expect(await db.query('SELECT 1 FROM audit_event WHERE seq = 1')).toHaveLength(1);
    });
  });

  it('keeps one chain when two writers (two gateway replicas) append at once', async () => {
    const other = new AuditLog(db);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? log : other).append({ kind: 'OPERATION', userId: i % 2 ? 'officer' : 'analyst', event: { i } })),
    );
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, checked: 50 });
  });

  it('stores each event as JSON would write it, and hashes exactly what it stored (undefined members, dates, nesting)', async () => {
    const at = new Date(Date.UTC(2026, 10, 1, 8, 30));
    const event = { z: 1, a: { y: [3, undefined, { b: 'x', a: at }], x: undefined }, when: at, none: null, text: 'é "quoted" \\ back' };
    await log.append({ kind: 'OPERATION', userId: 'officer', event });
    const [stored] = await db.query<{ event: unknown }>("SELECT event FROM audit_event WHERE event ? 'when'");
    expect(stored!.event).toEqual(JSON.parse(JSON.stringify(event)));
    expect(stored!.event).toEqual({ z: 1, a: { y: [3, null, { b: 'x', a: '2026-11-01T08:30:00.000Z' }] }, when: '2026-11-01T08:30:00.000Z', none: null, text: 'é "quoted" \\ back' });
    // Recomputed from the stored row by the verifier: the hash covers what was stored.
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, checked: 21 });
  });

  it('stores text jsonb cannot hold (in values and member names), and fails only the event that cannot be written, not its batch', async () => {
    const [odd, bad, fine] = await Promise.allSettled([
      log.append({ kind: 'OPERATION', userId: 'officer', event: { justification: 'nul \u0000 and lone \ud800 here', variables: { 'named \u0000': 'sha256:1' } } }),
      log.append({ kind: 'OPERATION', userId: 'officer', event: { size: BigInt(1) } }),
      log.append({ kind: 'OPERATION', userId: 'officer', event: { ok: true } }),
    ]);
    expect(odd.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(fine.status).toBe('fulfilled');
    const [stored] = await db.query<{ event: any }>("SELECT event FROM audit_event WHERE event ? 'justification'");
    expect(stored!.event.justification).toBe('nul \ufffd and lone \ufffd here');
    expect(stored!.event.variables).toEqual({ 'named \ufffd': 'sha256:1' });
    expect(await verifyAuditChain(db, trusted())).toMatchObject({ ok: true, checked: 22 });
  });

  it('continues the chain after a restart (a new writer reads the head)', async () => {
    await new AuditLog(db).append({ kind: 'LOGON', userId: 'officer', event: {} });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 21 });
  });
});
