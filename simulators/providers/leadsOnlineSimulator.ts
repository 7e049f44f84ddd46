import type { ProviderTruth, TruthPawnTransaction } from '../providerTruth';
import type { SimulatorDefinition, SimulatorRequest } from '../serveSimulator';

/**
 * Leads Online as a simulator: pawn, scrap and second-hand transactions by GET, searched by
 * serial number or by seller, an `X-LeadsOnline-ApiKey` header, camelCase JSON with US dates and
 * amounts as strings, and the permissible purpose in headers (`X-Permissible-Purpose: DPPA-1`,
 * `X-GLB-Exception: 5`).
 */
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const isoOf = (us: string | null) => (us && /^\d\d\/\d\d\/\d{4}$/.test(us) ? `${us.slice(6)}-${us.slice(0, 2)}-${us.slice(3, 5)}` : null);
const TYPE = { PAWN: 'Pawn', PURCHASE: 'Buy', SCRAP: 'Scrap' } as const;

function transaction(t: TruthPawnTransaction) {
  return {
    transactionNumber: t.id,
    transactionDate: usDate(t.date),
    transactionType: TYPE[t.type],
    business: { name: t.store.name, address: t.store.street, city: t.store.city, state: t.store.state, license: t.store.licenseNumber },
    property: { serialNumber: t.item.serialNumber, make: t.item.make, model: t.item.model, description: t.item.description },
    customer: { firstName: t.seller.firstName, lastName: t.seller.lastName, dob: usDate(t.seller.dateOfBirth), idType: t.seller.idType, idNumber: t.seller.idNumber, address: t.seller.address },
    amount: (t.amountCents / 100).toFixed(2),
  };
}

export function leadsOnlineSimulator(truth: ProviderTruth): SimulatorDefinition {
  return {
    provider: 'LEADS_ONLINE',
    authenticated: (headers, apiKey) => headers['x-leadsonline-apikey'] === apiKey,
    errorBody: (status, message) => ({ errors: [{ status, title: message }] }),
    answer(request: SimulatorRequest) {
      if (request.method !== 'GET' || request.path !== '/api/v3/transactions') return null;
      if (!/^DPPA-\d{1,2}$/.test(String(request.headers['x-permissible-purpose'] ?? '')) || !/^\d$/.test(String(request.headers['x-glb-exception'] ?? ''))) {
        return { status: 400, body: { errors: [{ status: 400, title: 'X-Permissible-Purpose and X-GLB-Exception are required' }] } };
      }
      const q = request.query;
      const serial = q.get('serialNumber');
      const [first, last] = [q.get('sellerFirstName'), q.get('sellerLastName')];
      let found: TruthPawnTransaction[];
      if (serial) found = truth.pawnsBySerial(serial);
      else if (first && last) found = truth.pawnsBySeller({ firstName: first, lastName: last, dateOfBirth: isoOf(q.get('sellerDob')) });
      else return { status: 400, body: { errors: [{ status: 400, title: 'serialNumber, or sellerFirstName and sellerLastName, are required' }] } };
      const sorted = [...found].sort((a, b) => b.date.localeCompare(a.date));
      return { status: 200, body: { totalResults: sorted.length, transactions: sorted.map(transaction) } };
    },
  };
}
