import { createKeyPair, type KeyPair } from '../../../../platform/identity/localKeys';
import { canonicalJson, recordHash, type AuditEventRow } from '../AuditLog';
import { checkpointPayload, checkpointSigner, checkpointVerifier } from '../checkpoints';
import { verifyAuditChain } from '../verifyAuditChain';

/**
 * [P18] The verifier alone, over the rows a store would return (no store: the store's own
 * append-only triggers are tested in subgraphs/governance/__tests__/auditLog-test.ts). Each kind
 * of tampering, each column and each member of an event, at any page boundary.
 */
const GENESIS = '0'.repeat(64);

interface Tables {
  events: AuditEventRow[];
  checkpoints: { seq: string; hash: string; signed_at: string; key_id: string; signature: string }[];
  archives: { month: string; first_seq: string; last_seq: string; first_prev_hash: string; last_hash: string }[];
  head: { seq: string; hash: string } | null;
}

/** The four reads the verifier makes, answered from plain arrays as PostgreSQL would. */
function store(tables: Tables) {
  const queries: string[] = [];
  return {
    queries,
    query: async <T,>(sql: string, params: readonly unknown[] = []): Promise<T[]> => {
      queries.push(sql);
      if (sql.includes('FROM audit_archive')) return tables.archives as T[];
      if (sql.includes('FROM audit_checkpoint')) return tables.checkpoints as T[];
      if (sql.includes('FROM audit_head')) return (tables.head ? [tables.head] : []) as T[];
      if (!sql.includes('FROM audit_event WHERE seq > $1 ORDER BY seq')) throw new Error(`unexpected statement: ${sql}`);
      const [after, limit] = params as [number, number];
      return tables.events
        .filter((row) => Number(row.seq) > after)
        .sort((a, b) => Number(a.seq) - Number(b.seq) || a.occurred_at.localeCompare(b.occurred_at))
        .slice(0, limit) as T[];
    },
  };
}

/** A genuine chain of `count` events starting after `from` (archived events before it). */
function chain(count: number, from = 0, prevHash = GENESIS): AuditEventRow[] {
  const rows: AuditEventRow[] = [];
  for (let seq = from + 1; seq <= from + count; seq++) {
    const record = {
      seq, occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, seq)).toISOString(), kind: 'OPERATION', requestId: `r${seq}`, userId: 'detective',
      event: { outcome: 'ALLOWED', purpose: { code: 'CRIMINAL_INVESTIGATION', justification: 'Robbery pattern' }, records: { Person: [`P${seq}`] } }, prevHash,
    };
    const hash = recordHash(record);
    rows.push({ seq: String(seq), occurred_at: record.occurredAt, kind: record.kind, request_id: record.requestId, user_id: record.userId, event: record.event, prev_hash: prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

const tablesOf = (events: AuditEventRow[], extra: Partial<Tables> = {}): Tables => ({
  events, checkpoints: [], archives: [],
  head: events.length ? { seq: events[events.length - 1]!.seq, hash: events[events.length - 1]!.hash } : { seq: '0', hash: GENESIS }, ...extra,
});

let key: KeyPair;
let forger: KeyPair;
beforeAll(async () => {
  [key, forger] = await Promise.all([createKeyPair('audit-checkpoint', 'EdDSA'), createKeyPair('audit-checkpoint', 'EdDSA')]);
});
const checkpointOf = (row: AuditEventRow, by: KeyPair = key) => {
  const signed = checkpointSigner(by).sign({ seq: Number(row.seq), hash: row.hash, signedAt: '2026-11-01T01:00:00.000Z' });
  return { seq: row.seq, hash: signed.hash, signed_at: signed.signedAt, key_id: signed.keyId, signature: signed.signature };
};

describe('[P18] verifyAuditChain: an untouched chain', () => {
  it.each([1, 2, 3, 10])('verifies across pages of %i events', async (pageSize) => {
    expect(await verifyAuditChain(store(tablesOf(chain(10))), { pageSize })).toEqual({ ok: true, checked: 10, checkpoints: 0, archived: 0 });
  });

  it('an empty log verifies', async () => {
    expect(await verifyAuditChain(store(tablesOf([])))).toEqual({ ok: true, checked: 0, checkpoints: 0, archived: 0 });
  });

  it('reads the whole chain in one page by default', async () => {
    const db = store(tablesOf(chain(30)));
    await verifyAuditChain(db);
    expect(db.queries.filter((sql) => sql.includes('FROM audit_event'))).toHaveLength(1);
  });

  it('counts the checkpoints it checked, with and without trusted keys', async () => {
    const events = chain(10);
    const tables = tablesOf(events, { checkpoints: [checkpointOf(events[4]!), checkpointOf(events[9]!)] });
    expect(await verifyAuditChain(store(tables))).toEqual({ ok: true, checked: 10, checkpoints: 2, archived: 0 });
    expect(await verifyAuditChain(store(tables), { checkpointKeys: [key.publicJwk] })).toEqual({ ok: true, checked: 10, checkpoints: 2, archived: 0 });
  });
});

describe('[P18] every column and every member of an event is covered by its hash', () => {
  const EDITS: [string, (row: AuditEventRow) => AuditEventRow][] = [
    ['the time', (row) => ({ ...row, occurred_at: new Date(Date.parse(row.occurred_at) + 1000).toISOString() })],
    ['the kind', (row) => ({ ...row, kind: 'LOGON' })],
    ['the request id', (row) => ({ ...row, request_id: 'forged' })],
    ['the request id removed', (row) => ({ ...row, request_id: null })],
    ['the user', (row) => ({ ...row, user_id: 'officer' })],
    ['the user removed', (row) => ({ ...row, user_id: null })],
    ['the outcome', (row) => ({ ...row, event: { ...row.event, outcome: 'REFUSED' } })],
    ['the justification', (row) => ({ ...row, event: { ...row.event, purpose: { code: 'CRIMINAL_INVESTIGATION', justification: 'routine' } } })],
    ['the records released', (row) => ({ ...row, event: { ...row.event, records: { Person: [] } } })],
    ['a member added', (row) => ({ ...row, event: { ...row.event, note: 'added later' } })],
    ['a member removed', (row) => ({ ...row, event: { outcome: row.event.outcome } })],
  ];
  it.each(EDITS)('an edit of %s names the event', async (_field, edit) => {
    const events = chain(6);
    events[3] = edit(events[3]!);
    expect(await verifyAuditChain(store(tablesOf(events)))).toEqual({
      ok: false, checked: 3, checkpoints: 0, archived: 0, firstBad: { seq: 4, problem: 'its content does not match its hash: edited' },
    });
  });

  it('the hash is over canonical JSON: members in another order hash the same', async () => {
    const events = chain(3);
    const { outcome, purpose, records } = events[1]!.event as Record<string, unknown>;
    events[1] = { ...events[1]!, event: { records, purpose, outcome } };
    expect((await verifyAuditChain(store(tablesOf(events)))).ok).toBe(true);
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: null }] })).toBe('{"a":[1,{"c":null}],"b":1}');
  });
});

describe('[P18] deleted, inserted and reordered events', () => {
  it('a deleted event: the gap is named', async () => {
    const events = chain(8);
    events.splice(3, 2);
    expect(await verifyAuditChain(store(tablesOf(events)))).toMatchObject({ ok: false, checked: 3, firstBad: { seq: 6, problem: 'events 4..5 are missing: deleted' } });
  });

  it('an event inserted under a used sequence number', async () => {
    const events = chain(5);
    events.push({ ...events[2]!, occurred_at: '2026-11-01T00:00:03.500Z', request_id: 'forged' });
    expect(await verifyAuditChain(store(tablesOf(events)))).toMatchObject({ ok: false, firstBad: { seq: 3, problem: 'sequence number used twice: an event was inserted' } });
  });

  it('an event re-linked to a previous hash that is not its predecessor\'s', async () => {
    const events = chain(5);
    events[2] = { ...events[2]!, prev_hash: events[0]!.hash };
    expect(await verifyAuditChain(store(tablesOf(events)))).toMatchObject({ ok: false, checked: 2, firstBad: { seq: 3, problem: 'does not follow the event before it: inserted or reordered' } });
  });

  it('the first event must follow the genesis', async () => {
    const events = chain(3, 0, 'f'.repeat(64));
    expect(await verifyAuditChain(store(tablesOf(events)))).toMatchObject({ ok: false, checked: 0, firstBad: { seq: 1, problem: expect.stringMatching(/does not follow/) } });
  });

  it.each([
    { rule: 'the last events deleted, the head left: named at the first missing', head: (events: AuditEventRow[]) => ({ seq: '8', hash: events[7]!.hash }), keep: 6, seq: 7 },
    { rule: 'a head whose hash is not the last event\'s', head: () => ({ seq: '8', hash: 'f'.repeat(64) }), keep: 8, seq: 9 },
    { rule: 'a head that runs behind the chain', head: (events: AuditEventRow[]) => ({ seq: '7', hash: events[6]!.hash }), keep: 8, seq: 9 },
    { rule: 'a head with the last event\'s hash but a later seq', head: (events: AuditEventRow[]) => ({ seq: '9', hash: events[7]!.hash }), keep: 8, seq: 9 },
    { rule: 'no head at all', head: () => null, keep: 8, seq: 9 },
  ])('$rule', async ({ head, keep, seq }) => {
    const events = chain(8);
    const tables = tablesOf(events.slice(0, keep), { head: head(events) });
    expect(await verifyAuditChain(store(tables))).toMatchObject({ ok: false, checked: keep, firstBad: { seq, problem: 'the chain ends before its recorded head: the last events were deleted' } });
  });
});

describe('[P18] signed checkpoints', () => {
  it('a chain rewritten from scratch (every hash recomputed) is caught by its checkpoint', async () => {
    const genuine = chain(6);
    const checkpoint = checkpointOf(genuine[4]!);
    const rewritten = chain(6).map((row) => row); // the same content re-chained
    rewritten[1] = { ...rewritten[1]!, event: { outcome: 'REFUSED' } };
    let prev = GENESIS;
    for (const [i, row] of rewritten.entries()) {
      const hash = recordHash({ seq: Number(row.seq), occurredAt: row.occurred_at, kind: row.kind, requestId: row.request_id, userId: row.user_id, event: row.event, prevHash: prev });
      rewritten[i] = { ...row, prev_hash: prev, hash };
      prev = hash;
    }
    const tables = tablesOf(rewritten, { checkpoints: [checkpoint] });
    expect(await verifyAuditChain(store(tables))).toMatchObject({ ok: false, checked: 4, firstBad: { seq: 5, problem: 'does not match its signed checkpoint: the chain up to here was rewritten' } });
  });

  it('a checkpoint signed by an untrusted key is forged; without trusted keys it is only matched', async () => {
    const events = chain(4);
    const tables = tablesOf(events, { checkpoints: [checkpointOf(events[1]!, forger)] });
    expect(await verifyAuditChain(store(tables), { checkpointKeys: [key.publicJwk] })).toMatchObject({
      ok: false, checked: 1, checkpoints: 0, firstBad: { seq: 2, problem: 'its checkpoint signature does not verify with a trusted key: forged checkpoint' },
    });
    expect((await verifyAuditChain(store(tables))).ok).toBe(true);
  });

  it('a checkpoint past the last event: the last events were deleted', async () => {
    const events = chain(6);
    const tables = tablesOf(events.slice(0, 4), { checkpoints: [checkpointOf(events[5]!)], head: { seq: '4', hash: events[3]!.hash } });
    expect(await verifyAuditChain(store(tables))).toMatchObject({ ok: false, checked: 4, firstBad: { seq: 5, problem: 'a signed checkpoint names an event that is gone: the last events were deleted' } });
  });

  it.each([
    { rule: 'its own signature verifies', change: {}, valid: true },
    { rule: 'another sequence number does not', change: { seq: 99 }, valid: false },
    { rule: 'another hash does not', change: { hash: 'f'.repeat(64) }, valid: false },
    { rule: 'another time does not', change: { signedAt: '2030-01-01T00:00:00.000Z' }, valid: false },
    { rule: 'an unknown key id does not', change: { keyId: 'unknown' }, valid: false },
    { rule: 'a signature that is not one does not', change: { signature: '!!' }, valid: false },
  ])('a checkpoint: $rule', ({ change, valid }) => {
    const signed = checkpointSigner(key).sign({ seq: 5, hash: 'a'.repeat(64), signedAt: '2026-11-01T01:00:00.000Z' });
    expect(checkpointVerifier([key.publicJwk])({ ...signed, ...change })).toBe(valid);
  });

  it('a trusted key that cannot sign (an X25519 key under the checkpoint\'s key id) verifies nothing, and does not fail the walk', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const exchangeKey = { ...generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }), kid: key.kid };
    const signed = checkpointSigner(key).sign({ seq: 5, hash: 'a'.repeat(64), signedAt: '2026-11-01T01:00:00.000Z' });
    expect(checkpointVerifier([exchangeKey])(signed)).toBe(false);
    const events = chain(3);
    expect(await verifyAuditChain(store(tablesOf(events, { checkpoints: [checkpointOf(events[1]!)] })), { checkpointKeys: [exchangeKey] })).toMatchObject({
      ok: false, firstBad: { seq: 2, problem: 'its checkpoint signature does not verify with a trusted key: forged checkpoint' },
    });
  });

  it('signs one line that names the chain, the event, its hash and the time', () => {
    expect(checkpointPayload({ seq: 5, hash: 'abc', signedAt: 'T' }).toString()).toBe('erms-audit-checkpoint|5|abc|T');
    expect(checkpointSigner(key).sign({ seq: 5, hash: 'abc', signedAt: 'T' })).toMatchObject({ seq: 5, hash: 'abc', signedAt: 'T', keyId: key.kid });
  });
});

describe('[P18] archived months', () => {
  const archiveOf = (rows: AuditEventRow[], month = '2026-10', prev = GENESIS) => ({
    month, first_seq: rows[0]!.seq, last_seq: rows[rows.length - 1]!.seq, first_prev_hash: prev, last_hash: rows[rows.length - 1]!.hash,
  });

  it('the live chain continues where the archived months end', async () => {
    const all = chain(10);
    const tables = tablesOf(all.slice(6), { archives: [archiveOf(all.slice(0, 3)), archiveOf(all.slice(3, 6), '2026-11', all[2]!.hash)] });
    expect(await verifyAuditChain(store(tables))).toEqual({ ok: true, checked: 4, checkpoints: 0, archived: 6 });
  });

  it.each([
    { rule: 'a month that does not start where the last ended', archives: (all: AuditEventRow[]) => [archiveOf(all.slice(0, 3)), archiveOf(all.slice(4, 6), '2026-11', all[2]!.hash)], seq: 4, archived: 3 },
    { rule: 'a month whose first link is not the last month\'s hash', archives: (all: AuditEventRow[]) => [archiveOf(all.slice(0, 3)), archiveOf(all.slice(3, 6), '2026-11', 'f'.repeat(64))], seq: 4, archived: 3 },
    { rule: 'a first month that does not start at the genesis', archives: (all: AuditEventRow[]) => [archiveOf(all.slice(0, 3), '2026-10', 'f'.repeat(64))], seq: 1, archived: 0 },
  ])('$rule is named', async ({ archives, seq, archived }) => {
    const all = chain(10);
    const verdict = await verifyAuditChain(store(tablesOf(all.slice(6), { archives: archives(all) })));
    expect(verdict).toMatchObject({ ok: false, checked: 0, checkpoints: 0, archived, firstBad: { seq, problem: expect.stringMatching(/^archived month 2026-1[01] does not continue the chain$/) } });
  });

  it('live events must follow the last archived month', async () => {
    const all = chain(6);
    const tables = tablesOf(all.slice(4), { archives: [archiveOf(all.slice(0, 3))] });
    expect(await verifyAuditChain(store(tables))).toMatchObject({ ok: false, archived: 3, firstBad: { seq: 5, problem: 'events 4..4 are missing: deleted' } });
  });
});
