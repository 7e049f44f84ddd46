import type { ProviderTruth } from '../providerTruth';
import type { SimulatorDefinition, SimulatorRequest } from '../serveSimulator';

/**
 * Whooster as a simulator: real-time phone intelligence by GET on the number, an `X-API-Key`
 * header, snake_case JSON in a `{ status, data }` envelope, E.164 numbers, and the permissible
 * purpose in the query string (`dppa=1&glba=5`).
 */
export function whoosterSimulator(truth: ProviderTruth): SimulatorDefinition {
  return {
    provider: 'WHOOSTER',
    authenticated: (headers, apiKey) => headers['x-api-key'] === apiKey,
    errorBody: (status, message) => ({ status: 'error', error: { code: status, message } }),
    answer(request: SimulatorRequest) {
      const match = /^\/v2\/phone\/(\+?1?\d{10})$/.exec(request.path);
      if (request.method !== 'GET' || !match) return null;
      if (!request.query.get('dppa') || !request.query.get('glba')) {
        return { status: 400, body: { status: 'error', error: { code: 'permissible_purpose_required', message: 'dppa and glba are required' } } };
      }
      const line = truth.phoneLine(match[1]!.slice(-10));
      return {
        status: 200,
        body: {
          status: 'ok',
          data: {
            phone_number: `+1${line.number}`,
            carrier: { name: line.carrier, type: line.lineType === 'MOBILE' ? 'wireless' : line.lineType === 'VOIP' ? 'voip' : 'landline' },
            line_status: line.active ? 'active' : 'inactive',
            ported: line.portedOn !== null,
            ported_date: line.portedOn,
            subscriber: line.subscriber,
            queried_at: new Date().toISOString(),
          },
        },
      };
    },
  };
}
