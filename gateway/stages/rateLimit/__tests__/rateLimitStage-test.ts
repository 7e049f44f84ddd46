import type { IncomingMessage } from 'node:http';
import type { Subject } from '../../../../policy/Subject';
import type { PendingContext } from '../../../GatewayContext';
import { newAuditDraft } from '../../audit/AuditDraft';
import { rateLimitStage } from '../rateLimitStage';

/**
 * Requests per user (docs/limits.md): `burst` at once, refilled at `perMinute`; past it, RATE_LIMITED
 * with the seconds to wait, counted in the metrics. One user's flood never slows another.
 */
const caller = (id: string): PendingContext => ({ requestId: 'r', sourceAddress: '10.0.0.5', audit: newAuditDraft(), subject: { id } as Subject });

async function send(stage: ReturnType<typeof rateLimitStage>, id: string) {
  try {
    await stage.onRequest!({ http: {} as IncomingMessage, requestId: 'r', context: caller(id) });
    return { code: null };
  } catch (error) {
    const refusal = error as { message: string; extensions: { code: string; retryAfterSeconds: number } };
    return { code: refusal.extensions.code, retryAfterSeconds: refusal.extensions.retryAfterSeconds, message: refusal.message };
  }
}

describe('the rate limit per user', () => {
  it('lets a user send `burst` requests, then refuses RATE_LIMITED with the limit and the seconds to wait, counting each refusal', async () => {
    let refusals = 0;
    const stage = rateLimitStage({ limit: { perMinute: 1, burst: 2 }, refused: () => refusals++ });
    expect([await send(stage, 'officer'), await send(stage, 'officer')]).toEqual([{ code: null }, { code: null }]);
    expect(refusals).toBe(0);
    const refused = await send(stage, 'officer');
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(refused.message).toMatch(/^too many requests: at most 1 a minute; retry in \d+ s$/);
    await send(stage, 'officer');
    expect(refusals).toBe(2);
  });

  it('counts each user apart: one user over the rate never slows another', async () => {
    const stage = rateLimitStage({ limit: { perMinute: 1, burst: 1 }, refused: () => undefined });
    expect((await send(stage, 'officer')).code).toBeNull();
    expect((await send(stage, 'officer')).code).toBe('RATE_LIMITED');
    expect((await send(stage, 'detective')).code).toBeNull();
  });

  it('no limit configured: no request is refused', async () => {
    let refusals = 0;
    const stage = rateLimitStage({ limit: undefined, refused: () => refusals++ });
    expect(stage.name).toBe('rateLimit');
    expect(stage.onRequest).toBeUndefined();
    expect(refusals).toBe(0);
  });
});
