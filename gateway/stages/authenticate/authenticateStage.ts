import { rateLimited } from '../../../platform/errors/ErrorCode';
import type { Subject } from '../../../policy/Subject';
import type { UnauthenticatedRateLimit } from '../rateLimit/UnauthenticatedRateLimit';
import type { Stage } from '../Stage';
import { IDENTITY_HEADERS, refuseRepeatedHeaders } from './refuseRepeatedHeaders';

export type Authenticate = (authorization: string | undefined) => Promise<Subject>;

const codeOf = (error: unknown): string => (error as { extensions?: { code?: string } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR';

/**
 * Who is asking [P9]: one Authorization header, a bearer token that verifies, an active user of
 * the directory (gateway/stages/authenticate/authenticate.ts). Failures count against the source
 * address (`addressLimit`); once it is over its limit, a request that fails is refused with
 * RATE_LIMITED instead, and the trail keeps the first such refusal of each minute only.
 *
 * A request without an Authorization header cannot authenticate: it is counted and, over the
 * limit, refused before anything is done for it. A request with one is verified even over the
 * limit: refusing it unverified would be cheaper, but would lock out every valid user behind
 * the same address (a station's NAT) while one client floods. Verifying stays cheap enough:
 * a token seen before is cached, a malformed header fails on its shape, and only a forged or
 * expired well-formed token costs a signature check. Only UNAUTHENTICATED counts: FORBIDDEN
 * means the token verified (remote access not permitted) or the directory is down, neither the
 * caller's guessing.
 */
export function authenticateStage(options: { authenticate: Authenticate; addressLimit?: UnauthenticatedRateLimit }): Stage {
  const { authenticate, addressLimit } = options;
  const failed = (address: string) => {
    const decision = addressLimit?.failed(address);
    if (!decision || decision.allowed) return;
    throw rateLimited(
      `too many failed authentications from this address: at most ${addressLimit!.limit.perMinute} a minute; retry in ${decision.retryAfterSeconds} s`,
      decision.retryAfterSeconds,
    );
  };
  return {
    name: 'authenticate',
    async onRequest({ http, context }) {
      refuseRepeatedHeaders(http, IDENTITY_HEADERS);
      const address = context.sourceAddress ?? 'unknown';
      const authorization = http.headers.authorization;
      try {
        if (authorization === undefined) failed(address);
        try {
          context.subject = await authenticate(authorization);
        } catch (error) {
          if (authorization !== undefined && codeOf(error) === 'UNAUTHENTICATED') failed(address);
          throw error;
        }
      } catch (error) {
        if (codeOf(error) === 'RATE_LIMITED' && !addressLimit!.firstRefusalOfMinute(address)) context.audit.unrecorded = true;
        throw error;
      }
    },
    /**
     * A request the HTTP edge refused (body too large, not JSON, ...) is recorded with its caller
     * when the Authorization header verifies (the authenticator caches); without an identity it
     * spends one of the address's failures, like a bad token.
     */
    async onRefused({ http, edge, context }) {
      if (!edge || !context) return;
      const subject = await authenticate(http.headers.authorization).catch(() => null);
      if (subject) {
        context.subject = subject;
        return;
      }
      const address = context.sourceAddress ?? 'unknown';
      if (addressLimit && !addressLimit.failed(address).allowed && !addressLimit.firstRefusalOfMinute(address)) context.audit.unrecorded = true;
    },
  };
}
