/** The commercial providers the department contracts with [P3], in their simulators' port order. */
export const COMMERCIAL_PROVIDERS = ['TLO', 'WHOOSTER', 'ACCURINT', 'SKOPENOW', 'LEADS_ONLINE'] as const;
export type CommercialProvider = (typeof COMMERCIAL_PROVIDERS)[number];
