/**
 * The commercial searches as the console asks for them: the price list (from the server, the
 * same rates the searches are charged at [P3]) and one operation running the searches chosen,
 * each under its own alias so each answer, and each failure, is its own.
 */
export const COMMERCIAL_PRICES = `query ConsoleCommercialPrices {
  commercialPrices { month command budgetCents spentCents remainingCents prices { search provider costCents seatHeld cacheSeconds acceptedDppa acceptedGlba } }
}`;

export interface CommercialPrice {
  search: string;
  provider: string;
  costCents: number;
  seatHeld: boolean;
  cacheSeconds: number;
  acceptedDppa: string[];
  acceptedGlba: string[];
}

export interface PriceList {
  month: string;
  command: string;
  budgetCents: number | null;
  spentCents: number;
  remainingCents: number | null;
  prices: CommercialPrice[];
}

/** What a person calls each search, and what the console shows of its answer. */
const SEARCHES: Record<string, { title: string; needs: string; selection: string }> = {
  personReport: {
    title: 'Person report',
    needs: 'first and last name',
    selection: 'records { matchScore names dateOfBirth addresses { line1 city state current } phones { number carrier } }',
  },
  phoneReport: { title: 'Phone carrier and subscriber', needs: 'phone', selection: 'number carrier lineType active subscriberName' },
  socialProfiles: { title: 'Social-media profiles', needs: 'first and last name', selection: 'profiles { platform username url confidence }' },
  pawnTransactions: { title: 'Pawn and second-hand transactions', needs: 'serial number, or first and last name', selection: 'transactions { date type store { name } description serialNumber seller { name } }' },
  vehicleRegistrations: { title: 'Vehicle registrations', needs: 'VIN', selection: 'registrations { vin plate plateState year make model registrantName }' },
};

export const searchTitle = (search: string): string => SEARCHES[search]?.title ?? search;
export const searchNeeds = (search: string): string => SEARCHES[search]?.needs ?? '';
export const priceKey = (price: Pick<CommercialPrice, 'search' | 'provider'>): string => `${price.search}_${price.provider}`;

/** Fields that take a provider argument (schema: `ReportProvider`); the others have one provider. */
const TAKES_PROVIDER = new Set(['personReport', 'vehicleRegistrations']);

/** One operation selecting each chosen search under the alias `<search>_<PROVIDER>`. */
export function searchOperation(chosen: readonly Pick<CommercialPrice, 'search' | 'provider'>[]): string {
  const fields = chosen.map((price) => {
    if (!/^[A-Z_]+$/.test(price.provider) || !SEARCHES[price.search]) throw new Error(`the console cannot show ${price.search} yet`);
    const argument = TAKES_PROVIDER.has(price.search) ? `(provider: ${price.provider})` : '';
    return `    ${priceKey(price)}: ${price.search}${argument} { provider costCents cached ${SEARCHES[price.search]!.selection} }`;
  });
  return `query ConsoleCommercialSearch($subject: CommercialSubject!) {\n  commercialSearch(subject: $subject) {\n${fields.join('\n')}\n  }\n}`;
}

export const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;
