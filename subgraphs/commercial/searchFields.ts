import type { CommercialProvider } from './providers/providerNames';

/**
 * The searches of `CommercialSearch` (schema/commercial.graphql) and the provider each may ask:
 * what the price list offers, one row per field and provider. A test holds it to the schema,
 * so a new search field cannot be offered unpriced [P3].
 */
export const SEARCH_FIELDS: readonly { search: string; providers: readonly CommercialProvider[] }[] = [
  { search: 'personReport', providers: ['TLO', 'ACCURINT'] },
  { search: 'phoneReport', providers: ['WHOOSTER'] },
  { search: 'socialProfiles', providers: ['SKOPENOW'] },
  { search: 'pawnTransactions', providers: ['LEADS_ONLINE'] },
  { search: 'vehicleRegistrations', providers: ['TLO', 'ACCURINT'] },
];
