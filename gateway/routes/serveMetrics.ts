import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeJson } from '../../platform/http/graphqlRequestHandler';
import type { GatewayMetrics } from '../../platform/observability/metrics';
import type { Role } from '../../policy/vocabulary';
import type { GatewaySecurity } from '../pipeline';

/**
 * [P16] who may read the gateway's metrics: the system administrators, and vendors, whose
 * least privilege is health, metrics and configuration. Nobody else: the counters tell how
 * often each legal guard fired, which is operational detail, not for anyone who reaches the port.
 */
export const METRICS_ROLES: readonly Role[] = ['ADMIN', 'VENDOR'];

/**
 * `/metrics`, behind a bearer token whose user holds a metrics role: 401 without a valid token,
 * 403 for any other role. Without the security stages (the benchmark's bare baseline) there is
 * no way to tell who asks, so it is not served at all.
 */
export async function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  security: Pick<GatewaySecurity, 'authenticate'> | null,
  metrics: GatewayMetrics,
): Promise<void> {
  if (!security) return writeJson(response, 404, { error: 'not found' });
  const copies = request.headersDistinct.authorization ?? [];
  if (copies.length !== 1) {
    response.setHeader('www-authenticate', 'Bearer');
    return writeJson(response, copies.length ? 400 : 401, {
      errors: [{ message: copies.length ? 'the Authorization header was sent more than once' : 'a bearer token is required for /metrics', extensions: { code: copies.length ? 'BAD_USER_INPUT' : 'UNAUTHENTICATED' } }],
    });
  }
  let roles: readonly Role[];
  try {
    roles = (await security.authenticate(copies[0])).roles;
  } catch (error) {
    const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } }).extensions;
    const code = typeof extensions?.code === 'string' ? extensions.code : 'UNAUTHENTICATED';
    const status = typeof extensions?.http?.status === 'number' ? extensions.http.status : 401;
    if (status === 401) response.setHeader('www-authenticate', 'Bearer');
    return writeJson(response, status, { errors: [{ message: error instanceof Error ? error.message : 'not authenticated', extensions: { code } }] });
  }
  if (!roles.some((role) => METRICS_ROLES.includes(role))) {
    return writeJson(response, 403, { errors: [{ message: `metrics are for the roles ${METRICS_ROLES.join(', ')} [P16]`, extensions: { code: 'FORBIDDEN' } }] });
  }
  const text = await metrics.registry.metrics();
  response.writeHead(200, { 'content-type': metrics.registry.contentType });
  response.end(text);
}
