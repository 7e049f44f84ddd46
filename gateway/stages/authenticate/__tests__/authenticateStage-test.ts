import type { IncomingMessage } from 'node:http';
import { unauthenticated } from '../../../../platform/identity/verifyBearerToken';
import { ermsError } from '../../../../platform/errors/ErrorCode';
import type { Subject } from '../../../../policy/Subject';
import type { PendingContext } from '../../../GatewayContext';
import { newAuditDraft } from '../../audit/AuditDraft';
import { UnauthenticatedRateLimit } from '../../rateLimit/UnauthenticatedRateLimit';
import { authenticateStage, type Authenticate } from '../authenticateStage';

/**
 * [P9] Who is asking, the stage alone (its onRequest and onRefused): one Authorization header,
 * a caller the authenticator accepts. [P18] Failed authentications count against the source
 * address: past its limit, a request that cannot authenticate is refused RATE_LIMITED, and the
 * trail keeps the first such refusal of each minute; a valid token is still verified (one flood
 * never locks out a station behind the same address).
 */
const DETECTIVE = { id: 'detective', kind: 'USER', displayName: 'D', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false } as Subject;

/** An authenticator: `Bearer good` is the detective; `Bearer remote` verifies but is not permitted; anything else is refused. */
function authenticator() {
  const calls: (string | undefined)[] = [];
  const authenticate: Authenticate = async (authorization) => {
    calls.push(authorization);
    if (authorization === 'Bearer good') return DETECTIVE;
    if (authorization === 'Bearer remote') throw ermsError('FORBIDDEN', 'remote access is not permitted for this user');
    if (authorization === 'Bearer crash') throw new Error('a bug, with no code');
    throw unauthenticated('the token does not verify');
  };
  return { authenticate, calls };
}

const http = (authorization?: string | string[]) => {
  const copies = authorization === undefined ? undefined : [authorization].flat();
  return { headers: copies ? { authorization: copies[0] } : {}, headersDistinct: copies ? { authorization: copies } : {} } as unknown as IncomingMessage;
};
const context = (sourceAddress: string | null = '10.0.0.5'): PendingContext => ({ requestId: 'r1', sourceAddress, audit: newAuditDraft() });

/** An address limit on a clock the test moves: `burst` failures, then one a minute. */
function addressLimit(burst = 1) {
  const clock = { now: 0 };
  let refusals = 0;
  const limit = new UnauthenticatedRateLimit({ burst, perMinute: 1 }, () => refusals++, () => clock.now);
  return { limit, clock, refusals: () => refusals };
}

async function request(stage: ReturnType<typeof authenticateStage>, authorization?: string | string[], ctx = context()) {
  try {
    await stage.onRequest!({ http: http(authorization), requestId: ctx.requestId, context: ctx });
    return { code: null, error: undefined, context: ctx };
  } catch (error) {
    return { code: (error as { extensions?: { code?: string } }).extensions?.code ?? 'NO_CODE', error: error as { message: string; extensions: Record<string, unknown> }, context: ctx };
  }
}

describe('[P9] the authenticate stage: who is asking', () => {
  it('a caller the authenticator accepts becomes the request\'s subject', async () => {
    const { authenticate } = authenticator();
    const { code, context: ctx } = await request(authenticateStage({ authenticate }), 'Bearer good');
    expect(code).toBeNull();
    expect(ctx.subject).toBe(DETECTIVE);
  });

  it.each([
    { rule: 'a token that does not verify is refused UNAUTHENTICATED', authorization: 'Bearer forged', code: 'UNAUTHENTICATED' },
    { rule: 'no Authorization header is refused UNAUTHENTICATED', authorization: undefined, code: 'UNAUTHENTICATED' },
    { rule: 'a verified caller the directory does not permit is refused FORBIDDEN', authorization: 'Bearer remote', code: 'FORBIDDEN' },
  ])('$rule, and no subject is set', async ({ authorization, code }) => {
    const { authenticate } = authenticator();
    const result = await request(authenticateStage({ authenticate, addressLimit: addressLimit(5).limit }), authorization);
    expect(result.code).toBe(code);
    expect(result.context.subject).toBeUndefined();
  });

  it('an Authorization header sent twice is refused BAD_USER_INPUT, naming it, before any token is verified', async () => {
    const { authenticate, calls } = authenticator();
    const result = await request(authenticateStage({ authenticate }), ['Bearer good', 'Bearer other']);
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.error?.extensions.header).toBe('Authorization');
    expect(calls).toEqual([]);
  });
});

describe('[P18] failed authentications per source address', () => {
  it('a bad token past the address\'s limit is refused RATE_LIMITED, with the limit and the seconds to wait', async () => {
    const { authenticate } = authenticator();
    const { limit, refusals } = addressLimit(2);
    const stage = authenticateStage({ authenticate, addressLimit: limit });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await request(stage, 'Bearer forged')).code);
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    const refused = await request(stage, 'Bearer forged');
    expect(refused.error?.message).toMatch(/too many failed authentications from this address: at most 1 a minute; retry in \d+ s/);
    expect(refused.error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(refusals()).toBe(2);
  });

  it('a request without an Authorization header is counted, and past the limit refused before the authenticator is asked', async () => {
    const { authenticate, calls } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    expect((await request(stage, undefined)).code).toBe('UNAUTHENTICATED');
    expect(calls).toEqual([undefined]);
    expect((await request(stage, undefined)).code).toBe('RATE_LIMITED');
    expect(calls).toEqual([undefined]);
  });

  it('a valid token is verified even when its address is over the limit (a station behind one address is not locked out)', async () => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    await request(stage, 'Bearer forged');
    expect((await request(stage, 'Bearer forged')).code).toBe('RATE_LIMITED');
    const valid = await request(stage, 'Bearer good');
    expect(valid.code).toBeNull();
    expect(valid.context.subject).toBe(DETECTIVE);
    expect(valid.context.audit.unrecorded).toBeUndefined();
  });

  it('a valid token spends none of the address\'s failures', async () => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    for (let i = 0; i < 3; i++) expect((await request(stage, 'Bearer good')).code).toBeNull();
    expect((await request(stage, 'Bearer forged')).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    { rule: 'FORBIDDEN (the token verified: remote access not permitted, or the directory down)', authorization: 'Bearer remote', code: 'FORBIDDEN' },
    { rule: 'an error without a code (a fault, not the caller\'s guessing)', authorization: 'Bearer crash', code: 'NO_CODE' },
  ])('only UNAUTHENTICATED counts: $rule does not', async ({ authorization, code }) => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    for (let i = 0; i < 3; i++) expect((await request(stage, authorization)).code).toBe(code);
    expect((await request(stage, 'Bearer forged')).code).toBe('UNAUTHENTICATED');
  });

  it('each address has its own failures; an address the socket does not know is one address', async () => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    expect((await request(stage, 'Bearer forged', context('10.0.0.1'))).code).toBe('UNAUTHENTICATED');
    expect((await request(stage, 'Bearer forged', context('10.0.0.2'))).code).toBe('UNAUTHENTICATED');
    expect((await request(stage, 'Bearer forged', context(null))).code).toBe('UNAUTHENTICATED');
    expect((await request(stage, 'Bearer forged', context(null))).code).toBe('RATE_LIMITED');
    expect((await request(stage, 'Bearer forged', context('10.0.0.1'))).code).toBe('RATE_LIMITED');
  });

  it('the trail keeps the first refusal of each minute per address; the rest are marked unrecorded', async () => {
    const { authenticate } = authenticator();
    const { limit, clock } = addressLimit(1);
    const stage = authenticateStage({ authenticate, addressLimit: limit });
    clock.now = 59_000;
    const unrecorded = async (authorization?: string, address = '10.0.0.5') => {
      const result = await request(stage, authorization, context(address));
      return [result.code, result.context.audit.unrecorded ?? false];
    };
    expect(await unrecorded('Bearer forged')).toEqual(['UNAUTHENTICATED', false]);
    expect(await unrecorded('Bearer forged')).toEqual(['RATE_LIMITED', false]);
    expect(await unrecorded('Bearer forged')).toEqual(['RATE_LIMITED', true]);
    expect(await unrecorded(undefined)).toEqual(['RATE_LIMITED', true]);
    expect(await unrecorded('Bearer forged', '10.0.0.9')).toEqual(['UNAUTHENTICATED', false]);
    clock.now = 61_000; // a new minute, the address still over its limit
    expect(await unrecorded(undefined)).toEqual(['RATE_LIMITED', false]);
    expect(await unrecorded(undefined)).toEqual(['RATE_LIMITED', true]);
  });

  it('without an address limit, failures are refused as they are, never RATE_LIMITED', async () => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate });
    for (let i = 0; i < 5; i++) expect((await request(stage, i % 2 ? undefined : 'Bearer forged')).code).toBe('UNAUTHENTICATED');
  });
});

describe('[P18] a request the HTTP edge refused (onRefused): recorded with its caller, or spending a failure', () => {
  const refused = async (stage: ReturnType<typeof authenticateStage>, authorization: string | undefined, ctx: PendingContext | undefined, edge: 'INVALID_JSON' | null = 'INVALID_JSON') => {
    await stage.onRefused!({ http: http(authorization), requestId: 'r1', context: ctx, code: 'BAD_USER_INPUT', ...(edge ? { edge } : {}) });
    return ctx;
  };

  it('names the caller when the Authorization header verifies, spending none of the address\'s failures', async () => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    for (let i = 0; i < 3; i++) expect((await refused(stage, 'Bearer good', context()))?.subject).toBe(DETECTIVE);
    expect((await request(stage, 'Bearer forged')).code).toBe('UNAUTHENTICATED');
  });

  it('without a caller, spends one of the address\'s failures', async () => {
    const { authenticate } = authenticator();
    const stage = authenticateStage({ authenticate, addressLimit: addressLimit(1).limit });
    const ctx = await refused(stage, 'Bearer forged', context());
    expect(ctx?.subject).toBeUndefined();
    expect((await request(stage, 'Bearer forged')).code).toBe('RATE_LIMITED');
  });

  it('past the limit, the first refusal of the minute is recorded and the next ones are not', async () => {
    const { authenticate } = authenticator();
    const { limit, refusals } = addressLimit(1);
    const stage = authenticateStage({ authenticate, addressLimit: limit });
    const marks = [];
    for (let i = 0; i < 3; i++) marks.push((await refused(stage, undefined, context()))?.audit.unrecorded ?? false);
    expect(marks).toEqual([false, false, true]);
    expect(refusals()).toBe(2);
  });

  it('a refusal that is not the HTTP edge\'s (an onRequest already heard it) or has no context is left alone', async () => {
    const { authenticate, calls } = authenticator();
    const { limit } = addressLimit(1);
    const stage = authenticateStage({ authenticate, addressLimit: limit });
    const notEdge = await refused(stage, 'Bearer good', context(), null);
    expect(notEdge?.subject).toBeUndefined();
    await refused(stage, 'Bearer good', undefined);
    expect(calls).toEqual([]);
    for (let i = 0; i < 3; i++) await refused(stage, 'Bearer forged', context(), null);
    expect((await request(stage, 'Bearer forged')).code).toBe('UNAUTHENTICATED');
  });

  it('without an address limit, an unknown caller is simply not named', async () => {
    const { authenticate } = authenticator();
    const ctx = await refused(authenticateStage({ authenticate }), 'Bearer forged', context());
    expect(ctx?.subject).toBeUndefined();
    expect(ctx?.audit.unrecorded).toBeUndefined();
  });
});
