import { z } from 'zod';
import { clauseNumber } from '../../../policy/permissiblePurposes';
import type { LineType } from '../ProviderReport';
import type { ProviderAdapter } from './ProviderAdapter';
import { readProviderBody } from './readProviderBody';

/**
 * Whooster: real-time phone and carrier information, GET on the number with an `X-API-Key`
 * header, snake_case JSON in a `{ status, data }` envelope; the permissible purpose in the query.
 */
const Answer = z.object({
  status: z.literal('ok'),
  data: z.object({
    phone_number: z.string(),
    carrier: z.object({ name: z.string().nullable().optional(), type: z.string().nullable().optional() }).nullable().optional(),
    line_status: z.enum(['active', 'inactive', 'unknown']).nullable().optional(),
    ported: z.boolean().default(false),
    ported_date: z.string().nullable().optional(),
    subscriber: z.object({ name: z.string(), address: z.string().nullable().optional() }).nullable().optional(),
  }),
});
const LINE_TYPES: Record<string, LineType> = { wireless: 'MOBILE', landline: 'LANDLINE', voip: 'VOIP' };

export const whoosterAdapter: ProviderAdapter = {
  provider: 'WHOOSTER',
  kinds: ['PHONE'],
  toRequest(query, purpose, apiKey) {
    if (query.kind !== 'PHONE') throw new Error(`Whooster offers no ${query.kind} search`);
    const params = new URLSearchParams({ dppa: clauseNumber(purpose.dppa), glba: clauseNumber(purpose.glba) });
    return { method: 'GET', path: `/v2/phone/${query.phone}?${params}`, headers: { 'x-api-key': apiKey, accept: 'application/json' } };
  },
  fromResponse(_query, response) {
    const { data } = readProviderBody('WHOOSTER', response, Answer);
    return {
      kind: 'PHONE',
      reference: null,
      number: data.phone_number,
      carrier: data.carrier?.name ?? null,
      lineType: LINE_TYPES[data.carrier?.type ?? ''] ?? null,
      active: data.line_status === 'active' ? true : data.line_status === 'inactive' ? false : null,
      ported: data.ported,
      portedOn: data.ported_date ?? null,
      subscriberName: data.subscriber?.name ?? null,
      subscriberAddress: data.subscriber?.address ?? null,
    };
  },
};
