import type { IncomingMessage } from 'node:http';
import { buildSchema, parse } from 'graphql';
import { policyContext, type Subject } from '../../../../policy/Subject';
import { AuditLog, type AuditEventRow } from '../../../../subgraphs/governance/audit/AuditLog';
import { MemoryAuditStore } from '../../../../subgraphs/governance/audit/__tests__/MemoryAuditStore';
import { verifyAuditChain } from '../../../../subgraphs/governance/audit/verifyAuditChain';
import type { GatewayContext } from '../../../GatewayContext';
import { newAuditDraft } from '../AuditDraft';
import { auditStage } from '../auditStage';

/**
 * [P18] Every field of every event the audit stage writes is covered by the chain: the events
 * are drafted by the stage (a LOGON, an operation with every part of its draft filled, a
 * refusal, an edge refusal without identity), written by the audit log's writer, and then each
 * field is edited in the store, one at a time, at any depth (a leaf changed, a member removed or
 * added), and each column: the verifier must name that event as edited. The fields are read
 * from the events themselves, so a field the stage starts writing is covered without a change here.
 */
const SUBJECT: Subject = {
  id: 'detective', kind: 'USER', displayName: 'D', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: true, mfa: true,
  authentication: { method: 'BEARER_JWT', issuer: 'urn:test', amr: ['pwd', 'otp'], sessionId: 's1' },
};
const PURPOSE = { code: 'CRIMINAL_INVESTIGATION' as const, caseNumber: '2025-075-000123', justification: 'Robbery pattern' };
const schema = buildSchema('type Query { person(id: ID!): Person } type Person { id: ID! fullName: String warrants: [String] }');
const SOURCE = 'query Person($id: ID!, $flag: Boolean) { person(id: $id) { fullName warrants } other: person(id: "P00000002") { fullName } }';

const context = (): GatewayContext => ({
  requestId: 'req-1', sourceAddress: '10.0.0.7', subject: SUBJECT, purpose: PURPOSE, missingPurposeHeaders: [], policy: policyContext(SUBJECT, PURPOSE),
  audit: {
    ...newAuditDraft(), startedAt: Date.now() - 25, agreement: 'AGR-2026-004', trustedDocument: { name: 'PartnerPerson', version: 2, sha256: 'c'.repeat(64) },
    savedQuery: { id: 'sq-1', version: 3, trigger: 'SCHEDULE', scheduleId: 'sch-1' }, flags: ['TERM_WITHOUT_INTENT', 'FACIAL_RECOGNITION_PROBE'],
    subgraphs: new Set(['complaints-arrests']), fieldsRemoved: [{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }],
    records: { Person: ['P00000001', 'P00000002'], Arrest: ['A1'] },
  },
});
const http = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '10.0.0.9' } }) as unknown as IncomingMessage;

/** The chain of the four kinds of event the stage writes, each as it was stored. */
async function storedEvents(): Promise<MemoryAuditStore> {
  const store = new MemoryAuditStore();
  const stage = auditStage({ log: new AuditLog(store.db), recordKeys: new Map() });
  const ctx = context();
  await stage.onRequest!({ http: http({}), requestId: 'req-1', context: ctx });
  await stage.onLeave!({
    schema, context: ctx, original: parse(SOURCE), operationName: 'Person', variables: { id: 'P00000001', flag: true, none: null, names: ['Ana'] }, source: SOURCE,
    result: { data: { person: { fullName: 'X', warrants: null } }, errors: [{ message: 'x', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }, status: undefined,
  });
  await stage.onRefused!({ http: http({ 'x-purpose': 'AUDIT', 'x-case-number': 'C-1' }), requestId: 'req-2', context: { ...ctx, requestId: 'req-2' }, code: 'AGREEMENT_SCOPE' });
  await stage.onRefused!({ http: http({}), requestId: 'req-3', context: { requestId: 'req-3', sourceAddress: '10.0.0.9', audit: newAuditDraft() }, code: 'BAD_USER_INPUT', edge: 'INVALID_JSON' });
  return store;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every way to edit one field of a JSON value: each leaf changed, each member removed, a member added, at every depth. */
function edits(value: Json, path: string[] = []): { field: string; edited: Json }[] {
  const at = path.join('.') || '(the event)';
  if (Array.isArray(value)) {
    if (!value.length) return [{ field: at, edited: ['x'] }];
    return [
      ...value.flatMap((item, i) => edits(item, [...path, String(i)]).map(({ field, edited }) => ({ field, edited: value.map((v, j) => (j === i ? edited : v)) }))),
      { field: `${at} (an item removed)`, edited: value.slice(1) },
    ];
  }
  if (value !== null && typeof value === 'object') {
    return [
      ...Object.entries(value).flatMap(([key, member]) => [
        ...edits(member, [...path, key]).map(({ field, edited }) => ({ field, edited: { ...value, [key]: edited } })),
        { field: `${[...path, key].join('.')} (removed)`, edited: Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) },
      ]),
      { field: `${at} (a member added)`, edited: { ...value, note: 'added later' } },
    ];
  }
  const changed: Json = typeof value === 'string' ? `${value}!` : typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : 'forged';
  return [{ field: at, edited: changed }];
}

const COLUMNS: [string, (row: AuditEventRow) => AuditEventRow][] = [
  ['the time', (row) => ({ ...row, occurred_at: new Date(Date.parse(row.occurred_at) + 1).toISOString() })],
  ['the kind', (row) => ({ ...row, kind: row.kind === 'LOGON' ? 'OPERATION' : 'LOGON' })],
  ['the request id', (row) => ({ ...row, request_id: 'forged' })],
  ['the request id removed', (row) => ({ ...row, request_id: null })],
  ['the user', (row) => ({ ...row, user_id: 'officer' })],
  ['the user removed', (row) => ({ ...row, user_id: null })],
];

describe('[P18] whichever field of an audit event the stage wrote is edited, the chain names that event', () => {
  let store: MemoryAuditStore;
  beforeAll(async () => {
    store = await storedEvents();
  });

  it('the stage wrote a LOGON, an operation, a refusal and an edge refusal, into one verified chain', async () => {
    expect(store.events.map((row) => [row.kind, row.request_id])).toEqual([['LOGON', 'req-1'], ['OPERATION', 'req-1'], ['OPERATION', 'req-2'], ['LOGON', 'req-3']]);
    expect(Object.keys(store.events[1]!.event).sort()).toEqual([
      'agencyOri', 'agreement', 'assignment', 'authentication', 'command', 'document', 'documentHash', 'durationMs', 'errorCodes', 'fieldsRemoved',
      'fieldsRequested', 'flags', 'guards', 'kind', 'literals', 'mfa', 'operationName', 'outcome', 'purpose', 'records', 'remote', 'resultCount',
      'roles', 'savedQuery', 'sourceAddress', 'subgraphs', 'trustedDocument', 'user', 'variables',
    ]);
    expect(await verifyAuditChain(store.db)).toEqual({ ok: true, checked: 4, checkpoints: 0, archived: 0 });
  });

  it.each([0, 1, 2, 3])('event %i: every field of its event, and every column', async (index) => {
    const original = store.events[index]!;
    const seq = index + 1;
    const tampered = [
      ...edits(original.event as Json).map(({ field, edited }) => ({ field, row: { ...original, event: edited as Record<string, unknown> } })),
      ...COLUMNS.map(([field, edit]) => ({ field, row: edit(original) })).filter(({ row }) => JSON.stringify(row) !== JSON.stringify(original)),
    ];
    expect(tampered.length).toBeGreaterThan(10);
    const undetected: string[] = [];
    for (const { field, row } of tampered) {
      store.events[index] = row;
      const verdict = await verifyAuditChain(store.db);
      if (verdict.ok || verdict.firstBad?.seq !== seq || verdict.firstBad.problem !== 'its content does not match its hash: edited') undetected.push(field);
    }
    store.events[index] = original;
    expect(undetected).toEqual([]);
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });
});
