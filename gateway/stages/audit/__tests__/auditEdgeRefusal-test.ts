import type { IncomingMessage } from 'node:http';
import type { Subject } from '../../../../policy/Subject';
import type { AuditEventInput, AuditLog } from '../../../../subgraphs/governance/audit/AuditLog';
import { UnauthenticatedRateLimit } from '../../rateLimit/UnauthenticatedRateLimit';
import { auditEdgeRefusal } from '../auditEdgeRefusal';

/**
 * [P18] A request the HTTP edge refuses before any context is built is a use too: one event,
 * with the caller when the token verifies, else a LOGON attempt; an address over its limit of
 * failures leaves one such event a minute; an event that cannot be stored rejects (503).
 */
const DETECTIVE = { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, remote: false, mfa: false } as unknown as Subject;
const request = (authorization?: string, remoteAddress: string | undefined = '10.0.0.5') =>
  ({ headers: authorization ? { authorization } : {}, socket: { remoteAddress } }) as unknown as IncomingMessage;

function security(options: { fails?: boolean } = {}) {
  const events: AuditEventInput[] = [];
  return {
    events,
    security: {
      authenticate: async (authorization: string | undefined) => {
        if (authorization === 'Bearer good') return DETECTIVE;
        throw new Error('bad token');
      },
      audit: { append: async (event: AuditEventInput) => {
        if (options.fails) throw new Error('store down');
        events.push(event);
      } } as unknown as AuditLog,
    },
  };
}

describe('[P18] a refusal at the HTTP edge is recorded', () => {
  it('with the caller when the token verifies', async () => {
    const { events, security: s } = security();
    await auditEdgeRefusal(s)(request('Bearer good'), 'r1', 'BODY_TOO_LARGE' as never);
    expect(events).toEqual([expect.objectContaining({ kind: 'OPERATION', requestId: 'r1', userId: 'detective', event: expect.objectContaining({ user: 'detective', outcome: 'REFUSED', errorCodes: ['BAD_USER_INPUT'], reason: 'BODY_TOO_LARGE' }) })]);
  });

  it('as an attempt without identity when it does not', async () => {
    const { events, security: s } = security();
    await auditEdgeRefusal(s)(request('Bearer forged'), 'r2', 'NOT_JSON' as never);
    expect(events).toEqual([expect.objectContaining({ kind: 'LOGON', userId: null, event: expect.objectContaining({ sourceAddress: '10.0.0.5', reason: 'NOT_JSON' }) })]);
  });

  it('an address over its limit of failures leaves one event a minute; a known caller always leaves one', async () => {
    const { events, security: s } = security();
    const now = { t: 0 };
    const limit = new UnauthenticatedRateLimit({ burst: 1, perMinute: 1 }, () => undefined, () => now.t);
    const audit = auditEdgeRefusal(s, limit);
    for (let i = 0; i < 4; i++) await audit(request(undefined), `r${i}`, 'NOT_JSON' as never);
    // The first failure is within the limit; the second is the first refusal of its minute; the rest are not recorded.
    expect(events.map((e) => e.requestId)).toEqual(['r0', 'r1']);
    for (let i = 0; i < 2; i++) await audit(request('Bearer good'), `k${i}`, 'NOT_JSON' as never);
    expect(events.map((e) => e.requestId)).toEqual(['r0', 'r1', 'k0', 'k1']);
  });

  it('an address the socket does not know is limited as one address', async () => {
    const { events, security: s } = security();
    const limit = new UnauthenticatedRateLimit({ burst: 1, perMinute: 1 }, () => undefined, () => 0);
    const audit = auditEdgeRefusal(s, limit);
    for (let i = 0; i < 3; i++) await audit(request(undefined, undefined), `u${i}`, 'NOT_JSON' as never);
    expect(events).toHaveLength(2);
  });

  it('fail closed: an event that cannot be stored rejects, so the edge answers 503', async () => {
    const { security: s } = security({ fails: true });
    await expect(auditEdgeRefusal(s)(request('Bearer good'), 'r9', 'NOT_JSON' as never)).rejects.toThrow('store down');
  });
});
