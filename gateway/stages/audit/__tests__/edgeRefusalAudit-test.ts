import type { IncomingMessage } from 'node:http';
import type { Subject } from '../../../../policy/Subject';
import type { AuditEventInput } from '../../../../subgraphs/governance/audit/AuditLog';
import { runStages } from '../../../runStages';
import { authenticateStage } from '../../authenticate/authenticateStage';
import { UnauthenticatedRateLimit } from '../../rateLimit/UnauthenticatedRateLimit';
import { auditStage } from '../auditStage';

/**
 * [P18] A request the HTTP edge refuses before any context is built is a use too: one event,
 * with the caller when the token verifies (the authenticate stage's onRefused), else a LOGON
 * attempt; an address over its limit of failures leaves one such event a minute; an event that
 * cannot be stored rejects (the edge answers 503). Driven through runStages().refused, the path
 * the HTTP edge takes.
 */
const DETECTIVE = { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, remote: false, mfa: false } as unknown as Subject;
const request = (authorization?: string, remoteAddress: string | undefined = '10.0.0.5') =>
  ({ headers: authorization ? { authorization } : {}, socket: { remoteAddress } }) as unknown as IncomingMessage;

function edge(options: { fails?: boolean; addressLimit?: UnauthenticatedRateLimit; subject?: Subject } = {}) {
  const events: AuditEventInput[] = [];
  const authenticate = async (authorization: string | undefined) => {
    if (authorization === 'Bearer good') return options.subject ?? DETECTIVE;
    throw new Error('bad token');
  };
  const log = { append: async (event: AuditEventInput) => {
    if (options.fails) throw new Error('store down');
    events.push(event);
  } };
  const stages = runStages([authenticateStage({ authenticate, addressLimit: options.addressLimit }), auditStage({ log, recordKeys: new Map() })]);
  return { events, refused: stages.refused };
}

describe('[P18] a refusal at the HTTP edge is recorded', () => {
  it('with the caller when the token verifies', async () => {
    const { events, refused } = edge();
    await refused(request('Bearer good'), 'r1', 'BODY_TOO_LARGE');
    expect(events).toEqual([expect.objectContaining({ kind: 'OPERATION', requestId: 'r1', userId: 'detective', event: expect.objectContaining({ user: 'detective', outcome: 'REFUSED', errorCodes: ['BAD_USER_INPUT'], reason: 'BODY_TOO_LARGE' }) })]);
  });

  it('a caller with a session: the refusal alone, no LOGON (the session is logged on by its first request the edge lets through)', async () => {
    const { events, refused } = edge({ subject: { ...DETECTIVE, authentication: { method: 'BEARER_JWT', issuer: 'urn:test', amr: ['pwd'], sessionId: 's1' } } });
    await refused(request('Bearer good'), 'r1', 'BODY_TOO_LARGE');
    expect(events.map((e) => [e.kind, e.requestId, e.event.reason])).toEqual([['OPERATION', 'r1', 'BODY_TOO_LARGE']]);
  });

  it('as an attempt without identity when it does not', async () => {
    const { events, refused } = edge();
    await refused(request('Bearer forged'), 'r2', 'INVALID_JSON');
    expect(events).toEqual([expect.objectContaining({ kind: 'LOGON', userId: null, event: expect.objectContaining({ sourceAddress: '10.0.0.5', reason: 'INVALID_JSON' }) })]);
  });

  it('an address over its limit of failures leaves one event a minute; a known caller always leaves one', async () => {
    const now = { t: 0 };
    const { events, refused } = edge({ addressLimit: new UnauthenticatedRateLimit({ burst: 1, perMinute: 1 }, () => undefined, () => now.t) });
    for (let i = 0; i < 4; i++) await refused(request(undefined), `r${i}`, 'INVALID_JSON');
    // The first failure is within the limit; the second is the first refusal of its minute; the rest are not recorded.
    expect(events.map((e) => e.requestId)).toEqual(['r0', 'r1']);
    for (let i = 0; i < 2; i++) await refused(request('Bearer good'), `k${i}`, 'INVALID_JSON');
    expect(events.map((e) => e.requestId)).toEqual(['r0', 'r1', 'k0', 'k1']);
    now.t = 60_000;
    await refused(request(undefined), 'next-minute', 'INVALID_JSON');
    expect(events.at(-1)?.requestId).toBe('next-minute');
  });

  it('an address the socket does not know is limited as one address', async () => {
    const { events, refused } = edge({ addressLimit: new UnauthenticatedRateLimit({ burst: 1, perMinute: 1 }, () => undefined, () => 0) });
    for (let i = 0; i < 3; i++) await refused(request(undefined, undefined), `u${i}`, 'INVALID_JSON');
    expect(events).toHaveLength(2);
  });

  it('fail closed: an event that cannot be stored rejects with AUDIT_UNAVAILABLE, so the edge answers 503', async () => {
    const { refused } = edge({ fails: true });
    await expect(refused(request('Bearer good'), 'r9', 'INVALID_JSON')).rejects.toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' } });
  });
});
