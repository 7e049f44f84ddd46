import { createKeyPair, type KeyPair } from '../../../../platform/identity/localKeys';
import { AuditLog, canonicalJson, recordHash, type AuditLogOptions, type AuditRecord } from '../AuditLog';
import { checkpointSigner, checkpointVerifier } from '../checkpoints';
import { verifyAuditChain } from '../verifyAuditChain';
import { GENESIS, MemoryAuditStore } from './MemoryAuditStore';

/**
 * [P18] The audit log's writer alone, over an in-memory store that keeps the contract of its
 * statements (MemoryAuditStore.ts). The statements themselves, the append-only triggers and
 * the partitions are tested on a real store in subgraphs/governance/__tests__/auditLog-test.ts;
 * this suite is fast enough to run once per mutant (docs/mutation.md).
 */
const at = (iso: string) => new Date(iso);
let key: KeyPair;
beforeAll(async () => {
  key = await createKeyPair('audit-checkpoint', 'EdDSA');
});

describe('[P18] AuditLog: one chain, each answer waits for its record', () => {
  it('events arriving together are written in one statement, chained in order from the genesis', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    const records = await Promise.all(Array.from({ length: 6 }, (_, i) => log.append({ kind: 'OPERATION', occurredAt: at(`2026-11-01T00:00:0${i}Z`), requestId: `r${i}`, userId: 'detective', event: { i } })));
    expect(store.appends).toBe(1);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records[0]!.prevHash).toBe(GENESIS);
    records.slice(1).forEach((record, i) => expect(record.prevHash).toBe(records[i]!.hash));
    for (const record of records) {
      const { hash, ...content } = record;
      expect(recordHash(content)).toBe(hash);
    }
    expect(await verifyAuditChain(store.db)).toEqual({ ok: true, checked: 6, checkpoints: 0, archived: 0 });
  });

  it('resolves each append with its record as stored: kind, time, request, user, event', async () => {
    const store = new MemoryAuditStore();
    const record = await new AuditLog(store.db).append({ kind: 'LOGON', occurredAt: at('2026-11-05T10:00:00Z'), requestId: 'r1', userId: 'officer', event: { b: 2, a: 1 } });
    expect(record).toMatchObject({ seq: 1, occurredAt: '2026-11-05T10:00:00.000Z', kind: 'LOGON', requestId: 'r1', userId: 'officer', event: { a: 1, b: 2 } });
    expect(store.events[0]).toMatchObject({ seq: '1', occurred_at: '2026-11-05T10:00:00.000Z', kind: 'LOGON', request_id: 'r1', user_id: 'officer', event: { a: 1, b: 2 }, hash: record.hash });
  });

  it('an event without request, user or time: recorded with none, at the time of writing', async () => {
    const store = new MemoryAuditStore();
    const before = Date.now();
    const record = await new AuditLog(store.db).append({ kind: 'ARCHIVE', event: {} });
    expect(record).toMatchObject({ requestId: null, userId: null });
    expect(Date.parse(record.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 1 });
  });

  it('at most `maxBatch` events a statement', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { maxBatch: 2, groupCommitMs: 0 });
    await Promise.all(Array.from({ length: 5 }, (_, i) => log.append({ kind: 'OPERATION', event: { i } })));
    expect(store.appends).toBe(3);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 5 });
  });

  it('continues the chain a previous writer left (reads the head first)', async () => {
    const store = new MemoryAuditStore();
    await new AuditLog(store.db).append({ kind: 'OPERATION', event: { first: true } });
    const second = await new AuditLog(store.db).append({ kind: 'OPERATION', event: { second: true } });
    expect(second.seq).toBe(2);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('two writers (two gateway replicas) keep one chain: a batch chained on a moved head is chained again', async () => {
    const store = new MemoryAuditStore();
    const [a, b] = [new AuditLog(store.db), new AuditLog(store.db)];
    await a.append({ kind: 'OPERATION', event: { n: 1 } });
    await b.append({ kind: 'OPERATION', event: { n: 2 } });
    const third = await a.append({ kind: 'OPERATION', event: { n: 3 } });
    expect(third.seq).toBe(3);
    expect(store.events.map((e) => e.seq)).toEqual(['1', '2', '3']);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 3 });
  });

  it('a head that keeps moving under the writer: the event fails after twenty tries, never written off the chain', async () => {
    const store = new MemoryAuditStore();
    store.interlopers = 20;
    await expect(new AuditLog(store.db).append({ kind: 'OPERATION', event: {} })).rejects.toThrow('the audit chain head kept moving under this writer');
    expect(store.appends).toBe(20);
    expect(store.events).toEqual([]);
  });

  it('a head moved once: chained again on the new head', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    await log.append({ kind: 'OPERATION', event: {} });
    store.interlopers = 1;
    const record = await log.append({ kind: 'OPERATION', event: {} });
    expect(record.seq).toBe(3);
    expect(store.appends).toBe(3);
  });

  it('fail closed: a statement that fails rejects its append; the writer reads the head again next time', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    await log.append({ kind: 'OPERATION', event: { n: 1 } });
    store.failAppends = 1;
    await expect(log.append({ kind: 'OPERATION', event: { n: 2 } })).rejects.toThrow('connection lost');
    store.head = { seq: 1, hash: store.events[0]!.hash };
    expect((await log.append({ kind: 'OPERATION', event: { n: 3 } })).seq).toBe(2);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('a batch that fails is written again one event at a time: one bad event fails only its own request', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    const [good, bad, after] = await Promise.allSettled([
      log.append({ kind: 'OPERATION', event: { ok: 1 } }),
      log.append({ kind: 'OPERATION', event: { size: BigInt(1) } }),
      log.append({ kind: 'OPERATION', event: { ok: 2 } }),
    ]);
    expect([good.status, bad.status, after.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.events.map((e) => e.event)).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('a store that fails a whole batch, then recovers: each event is still written, alone', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    store.failAppends = 1;
    const records = await Promise.all([log.append({ kind: 'OPERATION', event: { n: 1 } }), log.append({ kind: 'OPERATION', event: { n: 2 } })]);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(store.appends).toBe(3);
  });

  it('stores text jsonb cannot hold as U+FFFD, and hashes what it stored', async () => {
    const store = new MemoryAuditStore();
    const record = await new AuditLog(store.db).append({ kind: 'OPERATION', event: { justification: 'nul \u0000, lone \ud800, pair \ud83d\ude00', nested: { list: ['\udc00', 3, null, true] }, none: null, count: 2 } });
    expect(record.event).toEqual({ justification: 'nul \ufffd, lone \ufffd, pair \ud83d\ude00', nested: { list: ['\ufffd', 3, null, true] }, none: null, count: 2 });
    expect(store.events[0]!.event).toEqual(record.event);
    expect(JSON.stringify(store.events)).not.toMatch(/\\u0000|\\ud800|\\udc00/);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 1 });
  });

  it.each([
    { rule: 'a lone high surrogate at the end', text: 'end \ud83d', stored: 'end \ufffd' },
    { rule: 'a lone low surrogate at the start', text: '\ude00 start', stored: '\ufffd start' },
    { rule: 'a pair written the wrong way round', text: '\ude00\ud83d', stored: '\ufffd\ufffd' },
    { rule: 'a high surrogate before another character', text: '\udbffx', stored: '\ufffdx' },
    { rule: 'the last pair of the range', text: '\udbff\udfff', stored: '\udbff\udfff' },
    { rule: 'the first pair of the range', text: '\ud800\udc00', stored: '\ud800\udc00' },
    { rule: 'lone surrogates across the range', text: '\ud9a9 \uda00 \udaff \udcaf \udfff', stored: '\ufffd \ufffd \ufffd \ufffd \ufffd' },
    { rule: 'a backslash before u0000, which is text', text: '\\u0000', stored: '\\u0000' },
  ])('unstorable text at any place: $rule', async ({ text, stored }) => {
    const store = new MemoryAuditStore();
    const record = await new AuditLog(store.db).append({ kind: 'OPERATION', event: { text } });
    expect(record.event).toEqual({ text: stored });
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 1 });
  });

  it('a member named with text jsonb cannot hold (a variable a client named) is stored under U+FFFD, never refused', async () => {
    const store = new MemoryAuditStore();
    const record = await new AuditLog(store.db).append({ kind: 'OPERATION', event: { variables: { 'a\u0000': 'sha256:1', nested: [{ '\ud800': 'x' }] } } });
    expect(record.event).toEqual({ variables: { 'a\ufffd': 'sha256:1', nested: [{ '\ufffd': 'x' }] } });
    expect(store.events[0]!.event).toEqual(record.event);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 1 });
  });

  it('fail closed: a store without a chain head writes nothing', async () => {
    const store = new MemoryAuditStore();
    store.head = null;
    await expect(new AuditLog(store.db).append({ kind: 'OPERATION', event: {} })).rejects.toThrow('the audit chain has no head');
    expect(store.appends).toBe(0);
  });

  it('text that jsonb holds is stored as sent', async () => {
    const store = new MemoryAuditStore();
    const event = { text: 'é "quoted" \\ back \ud83d\ude00', when: at('2026-11-01T08:30:00Z'), gone: undefined };
    const record = await new AuditLog(store.db).append({ kind: 'OPERATION', event });
    expect(store.events[0]!.event).toEqual({ text: 'é "quoted" \\ back \ud83d\ude00', when: '2026-11-01T08:30:00.000Z' });
    expect(record.event).toBe(event);
  });

  it('drain waits until every event appended so far is committed', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    void log.append({ kind: 'OPERATION', event: {} });
    void log.append({ kind: 'OPERATION', event: {} });
    await log.drain();
    expect(store.events).toHaveLength(2);
    await log.drain();
  });
});

/**
 * Group commit, on a fake clock: under load (events faster than one every 5 ms) a commit waits,
 * at most `groupCommitMs`, until about four events are queued; a lone client gains nothing from
 * waiting, so after a wait no event joined, the next fifty commits do not wait.
 */
describe('[P18] group commit: under load, answers share a commit; none waits longer than `groupCommitMs`', () => {
  afterEach(() => jest.useRealTimers());

  /** Appends one event at each time (ms); returns how long each append waited for its commit, and the statements. */
  async function timeline(at: number[], options: AuditLogOptions = {}) {
    jest.useFakeTimers({ now: 0 });
    await jest.advanceTimersByTimeAsync(1_000);
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, options);
    const start = performance.now();
    const committed: number[] = [];
    const appends: Promise<unknown>[] = [];
    let clock = 0;
    for (const [i, t] of at.entries()) {
      if (t > clock) await jest.advanceTimersByTimeAsync(t - clock);
      clock = Math.max(clock, t);
      appends.push(log.append({ kind: 'OPERATION', event: { i } }).then(() => (committed[i] = performance.now() - start)));
    }
    await jest.advanceTimersByTimeAsync(100);
    await Promise.all(appends);
    return { waited: at.map((t, i) => committed[i]! - t), batches: store.batches };
  }

  it('events 1 ms apart: each commit waits for about four events, by default at most 4 ms', async () => {
    const { waited, batches } = await timeline([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
    expect(waited).toEqual([0, 3, 2, 1, 3, 2, 1, 3]);
  });

  it('no answer waits longer than `groupCommitMs`; those that arrived meanwhile share its commit', async () => {
    const { waited, batches } = await timeline([0, 1, 2], { groupCommitMs: 2 });
    expect(batches).toEqual([[1], [2, 3]]);
    expect(waited).toEqual([0, 2, 1]);
  });

  it('not under load (one event every 5 ms): nothing waits', async () => {
    const { waited, batches } = await timeline([0, 5, 10, 15]);
    expect(batches).toEqual([[1], [2], [3], [4]]);
    expect(waited).toEqual([0, 0, 0, 0]);
  });

  it('`groupCommitMs` 0: nothing waits, even under load', async () => {
    const { waited, batches } = await timeline([0, 1, 2, 3], { groupCommitMs: 0 });
    expect(batches).toEqual([[1], [2], [3], [4]]);
    expect(waited).toEqual([0, 0, 0, 0]);
  });

  it('four events already queued under load are committed at once, without waiting', async () => {
    const { waited, batches } = await timeline([0, 1, 1, 1, 1]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(waited).toEqual([0, 0, 0, 0, 0]);
  });

  it('a lone client (each append after the last committed): one wait in vain, then fifty commits without waiting, then it tries again', async () => {
    jest.useFakeTimers({ now: 0 });
    await jest.advanceTimersByTimeAsync(1_000);
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    const waited: number[] = [];
    for (let i = 0; i < 53; i++) {
      const sent = performance.now();
      let done = false;
      const append = log.append({ kind: 'OPERATION', event: { i } }).then(() => (done = true));
      while (!done) await jest.advanceTimersByTimeAsync(1);
      await append;
      waited.push(performance.now() - sent);
    }
    // The first is committed on the next tick (a 1 ms step here); the second waits for others that never come.
    expect(waited).toEqual([1, 3, ...Array(50).fill(1), 3]);
  });
});

describe('[P18] one partition a month, created when its first event arrives', () => {
  it.each([
    { rule: 'a month within a year', when: '2026-10-31T23:59:59Z', table: 'audit_event_2026_10', from: '2026-10-01', to: '2026-11-01' },
    { rule: 'December runs to January of the next year', when: '2026-12-15T00:00:00Z', table: 'audit_event_2026_12', from: '2026-12-01', to: '2027-01-01' },
    { rule: 'March to April (one digit, padded)', when: '2026-03-15T12:00:00Z', table: 'audit_event_2026_03', from: '2026-03-01', to: '2026-04-01' },
    { rule: 'September to October (two digits)', when: '2026-09-02T00:00:00Z', table: 'audit_event_2026_09', from: '2026-09-01', to: '2026-10-01' },
  ])('$rule', async ({ when, table, from, to }) => {
    const store = new MemoryAuditStore();
    await new AuditLog(store.db).append({ kind: 'OPERATION', occurredAt: at(when), event: {} });
    expect(store.partitions).toEqual([`CREATE TABLE IF NOT EXISTS ${table} PARTITION OF audit_event FOR VALUES FROM ('${from}') TO ('${to}')`]);
  });

  it('once per month per writer', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    await log.append({ kind: 'OPERATION', occurredAt: at('2026-11-01T00:00:00Z'), event: {} });
    await log.append({ kind: 'OPERATION', occurredAt: at('2026-11-30T00:00:00Z'), event: {} });
    await log.append({ kind: 'OPERATION', occurredAt: at('2026-12-01T00:00:00Z'), event: {} });
    expect(store.partitions).toHaveLength(2);
  });

  it('another replica creating the same month first is no failure; any other failure fails the event', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db);
    store.partitionError = 'relation "audit_event_2026_11" already exists';
    await expect(log.append({ kind: 'OPERATION', occurredAt: at('2026-11-01T00:00:00Z'), event: {} })).resolves.toMatchObject({ seq: 1 });
    store.partitionError = 'disk full';
    await expect(log.append({ kind: 'OPERATION', occurredAt: at('2027-01-01T00:00:00Z'), event: {} })).rejects.toThrow('disk full');
  });
});

describe('[P18] signed checkpoints of the head', () => {
  it('one when a batch crosses a multiple of `everyEvents`, signing the batch\'s last event, with a trusted key', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key), everyEvents: 3 } });
    for (let i = 0; i < 7; i++) await log.append({ kind: 'OPERATION', event: { i } });
    expect(store.checkpoints.map((c) => Number(c.seq))).toEqual([3, 6]);
    const verify = checkpointVerifier([key.publicJwk]);
    for (const c of store.checkpoints) {
      expect(c.hash).toBe(store.events[Number(c.seq) - 1]!.hash);
      expect(verify({ seq: Number(c.seq), hash: c.hash, signedAt: c.signed_at, keyId: c.key_id, signature: c.signature })).toBe(true);
    }
    expect(await verifyAuditChain(store.db, { checkpointKeys: [key.publicJwk] })).toEqual({ ok: true, checked: 7, checkpoints: 2, archived: 0 });
  });

  it('a batch that crosses the interval in the middle signs its own last event', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key), everyEvents: 4 } });
    await Promise.all(Array.from({ length: 6 }, (_, i) => log.append({ kind: 'OPERATION', event: { i } })));
    expect(store.checkpoints.map((c) => Number(c.seq))).toEqual([6]);
  });

  it('by default, one every thousand events', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key) } });
    await Promise.all(Array.from({ length: 999 }, (_, i) => log.append({ kind: 'OPERATION', event: { i } })));
    expect(store.checkpoints).toEqual([]);
    await log.append({ kind: 'OPERATION', event: {} });
    expect(store.checkpoints.map((c) => Number(c.seq))).toEqual([1000]);
  });

  it('one on the first write `everyMs` after the last', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key), everyEvents: 1000, everyMs: 0 } });
    await log.append({ kind: 'OPERATION', event: {} });
    await log.append({ kind: 'OPERATION', event: {} });
    expect(store.checkpoints.map((c) => Number(c.seq))).toEqual([1, 2]);
  });

  describe('by time: on the first write `everyMs` after the last checkpoint', () => {
    afterEach(() => jest.restoreAllMocks());
    async function writesAt(times: number[], everyMs?: number) {
      const clock = jest.spyOn(Date, 'now').mockReturnValue(0);
      const store = new MemoryAuditStore();
      const log = new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key), everyEvents: 1_000_000, ...(everyMs === undefined ? {} : { everyMs }) } });
      for (const t of times) {
        clock.mockReturnValue(t);
        await log.append({ kind: 'OPERATION', event: { t } });
      }
      return store.checkpoints.map((c) => Number(c.seq));
    }

    it('at `everyMs` exactly, then `everyMs` after that checkpoint, not after the writes between', async () => {
      expect(await writesAt([500, 999, 1_000, 1_500, 1_999, 2_000, 2_001], 1_000)).toEqual([3, 6]);
    });

    it('by default, ten minutes', async () => {
      expect(await writesAt([1_000, 599_999, 600_000, 900_000, 1_199_999, 1_200_000])).toEqual([3, 6]);
    });
  });

  it('none without a signer', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { maxBatch: 1 });
    for (let i = 0; i < 3; i++) await log.append({ kind: 'OPERATION', event: {} });
    await log.close();
    expect(store.checkpoints).toEqual([]);
  });

  it('closing signs the head as the writer leaves it, so the last events are covered too', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key), everyEvents: 100 } });
    await log.append({ kind: 'OPERATION', event: {} });
    await log.append({ kind: 'OPERATION', event: {} });
    await log.close();
    expect(store.checkpoints.map((c) => [Number(c.seq), c.hash, c.key_id])).toEqual([[2, store.events[1]!.hash, key.kid]]);
    expect(await verifyAuditChain(store.db, { checkpointKeys: [key.publicJwk] })).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('closing a writer that wrote nothing signs the head it reads; an empty chain gets no checkpoint', async () => {
    const store = new MemoryAuditStore();
    await new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key) } }).close();
    expect(store.checkpoints).toEqual([]);
    await new AuditLog(store.db).append({ kind: 'OPERATION', event: {} });
    await new AuditLog(store.db, { checkpoints: { signer: checkpointSigner(key) } }).close();
    expect(store.checkpoints.map((c) => Number(c.seq))).toEqual([1]);
  });
});

describe('the record hash names every member of a record', () => {
  const BASE: Omit<AuditRecord, 'hash'> = { seq: 7, occurredAt: '2026-11-01T00:00:00.000Z', kind: 'OPERATION', requestId: 'r', userId: 'u', event: { a: 1 }, prevHash: GENESIS };
  it.each<[string, Partial<Omit<AuditRecord, 'hash'>>]>([
    ['seq', { seq: 8 }], ['occurredAt', { occurredAt: '2026-11-01T00:00:01.000Z' }], ['kind', { kind: 'LOGON' }], ['requestId', { requestId: null }],
    ['userId', { userId: null }], ['event', { event: { a: 2 } }], ['prevHash', { prevHash: 'f'.repeat(64) }],
  ])('%s', (_member, change) => {
    expect(recordHash({ ...BASE, ...change })).not.toBe(recordHash(BASE));
  });
  it('is SHA-256 hex', () => {
    expect(recordHash(BASE)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonical JSON: what JSON.stringify writes, members ordered at every depth', () => {
  /** The reference: JSON.stringify's own output, parsed and written again with members sorted. */
  const sortedDeep = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sortedDeep)
      : value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedDeep((value as Record<string, unknown>)[k])]))
      : value;
  const reference = (value: unknown) => JSON.stringify(sortedDeep(JSON.parse(JSON.stringify(value) ?? 'null')));
  const when = new Date('2026-11-01T08:30:00Z');

  it.each<[string, unknown]>([
    ['members in any order, at every depth', { b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } }],
    ['undefined, functions and symbols: members left out, array items as null', { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('s'), 1] }],
    ['values with toJSON, at the top and inside', when],
    ['a date inside an array and an object', { at: when, list: [when] }],
    ['an object whose toJSON returns an object', { x: { toJSON: () => ({ z: 1, y: 2 }) } }],
    ['text that needs escaping', { 'quote"key': 'line\nbreak "quoted" \\ back \u0001' }],
    ['numbers, booleans, null', [0, -1.5, 1e21, NaN, Infinity, true, false, null]],
    ['empty objects and arrays', { a: {}, b: [], c: [[]], d: [{}] }],
    ['a member named "undefined" (no member past the last)', { undefined: 1, a: 2 }],
    ['a string alone', 'text'],
    ['null alone', null],
    ['undefined alone: null', undefined],
  ])('%s', (_rule, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });
});
