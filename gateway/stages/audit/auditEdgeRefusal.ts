import type { IncomingMessage } from 'node:http';
import type { EdgeRefusal } from '../../../platform/http/graphqlRequestHandler';
import type { Subject } from '../../../policy/Subject';
import { refusalEvent } from './auditStage';
import type { GatewaySecurity } from '../../startGateway';
import type { UnauthenticatedRateLimit } from '../rateLimit/UnauthenticatedRateLimit';

/**
 * [P18] A request the HTTP edge refuses before any context is built (body too large, not JSON,
 * unstorable text) is a use too: one event, with the caller when the Authorization header
 * verifies (the authenticator caches), else as an attempt without identity (LOGON), like the
 * refusals of requestContext. Rejects when the event cannot be stored: the edge then answers
 * 503 AUDIT_UNAVAILABLE.
 *
 * Without an identity, each refusal spends one of the address's failures (`addressLimit`): once
 * the address is over its limit, only its first refusal of each minute is recorded, so a flood
 * of malformed bodies cannot fill the trail any more than a flood of bad tokens.
 */
export function auditEdgeRefusal(security: Pick<GatewaySecurity, 'authenticate' | 'audit'>, addressLimit?: UnauthenticatedRateLimit) {
  return async (request: IncomingMessage, requestId: string, reason: EdgeRefusal): Promise<void> => {
    const subject: Subject | null = await security.authenticate(request.headers.authorization).catch(() => null);
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!subject && addressLimit && !addressLimit.failed(address).allowed && !addressLimit.firstRefusalOfMinute(address)) return;
    await security.audit.append(refusalEvent(request, requestId, subject, 'BAD_USER_INPUT', { reason }));
  };
}
