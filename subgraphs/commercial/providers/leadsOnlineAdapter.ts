import { z } from 'zod';
import { clauseNumber } from '../../../policy/permissiblePurposes';
import type { PawnTransactionType } from '../ProviderReport';
import type { ProviderAdapter } from './ProviderAdapter';
import { fromUsDate, readProviderBody, toUsDate } from './readProviderBody';

/**
 * Leads Online: pawn, scrap and second-hand transactions by serial number or by seller, GET with
 * an `X-LeadsOnline-ApiKey` header, camelCase JSON with US dates and amounts as strings; the
 * permissible purpose in headers (`X-Permissible-Purpose: DPPA-1`, `X-GLB-Exception: 5`).
 */
const Answer = z.object({
  totalResults: z.number(),
  transactions: z.array(z.object({
    transactionNumber: z.string(),
    transactionDate: z.string().regex(/^\d\d\/\d\d\/\d{4}$/),
    transactionType: z.string(),
    business: z.object({ name: z.string(), address: z.string(), city: z.string(), state: z.string(), license: z.string().nullable().optional() }),
    property: z.object({ serialNumber: z.string().nullable().optional(), make: z.string().nullable().optional(), model: z.string().nullable().optional(), description: z.string() }),
    customer: z.object({
      firstName: z.string(), lastName: z.string(), dob: z.string().nullable().optional(), idType: z.string().nullable().optional(),
      idNumber: z.string().nullable().optional(), address: z.string().nullable().optional(),
    }),
    amount: z.string().regex(/^\d+(\.\d\d)?$/).nullable().optional(),
  })),
});
const TYPES: Record<string, PawnTransactionType> = { Pawn: 'PAWN', Buy: 'PURCHASE', Scrap: 'SCRAP' };

export const leadsOnlineAdapter: ProviderAdapter = {
  provider: 'LEADS_ONLINE',
  kinds: ['PAWN_BY_SERIAL', 'PAWN_BY_SELLER'],
  toRequest(query, purpose, apiKey) {
    const headers = {
      'x-leadsonline-apikey': apiKey,
      'x-permissible-purpose': `DPPA-${clauseNumber(purpose.dppa)}`,
      'x-glb-exception': clauseNumber(purpose.glba),
      accept: 'application/json',
    };
    const params = new URLSearchParams();
    if (query.kind === 'PAWN_BY_SERIAL') params.set('serialNumber', query.serialNumber);
    else if (query.kind === 'PAWN_BY_SELLER') {
      params.set('sellerFirstName', query.person.firstName);
      params.set('sellerLastName', query.person.lastName);
      if (query.person.dateOfBirth) params.set('sellerDob', toUsDate(query.person.dateOfBirth));
    } else throw new Error(`Leads Online offers no ${query.kind} search`);
    return { method: 'GET', path: `/api/v3/transactions?${params}`, headers };
  },
  fromResponse(_query, response) {
    const answer = readProviderBody('LEADS_ONLINE', response, Answer);
    return {
      kind: 'PAWN',
      reference: null,
      transactions: answer.transactions.map((t) => ({
        transactionId: t.transactionNumber,
        date: fromUsDate(t.transactionDate)!,
        type: TYPES[t.transactionType] ?? 'PURCHASE',
        store: { name: t.business.name, address: t.business.address, city: t.business.city, state: t.business.state, licenseNumber: t.business.license ?? null },
        serialNumber: t.property.serialNumber ?? null,
        make: t.property.make ?? null,
        model: t.property.model ?? null,
        description: t.property.description,
        seller: {
          name: `${t.customer.firstName} ${t.customer.lastName}`,
          dateOfBirth: fromUsDate(t.customer.dob),
          idType: t.customer.idType ?? null,
          idNumber: t.customer.idNumber ?? null,
          address: t.customer.address ?? null,
        },
        amountCents: t.amount ? Math.round(Number(t.amount) * 100) : null,
      })),
    };
  },
};
