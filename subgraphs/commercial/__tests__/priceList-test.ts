import { buildASTSchema, GraphQLEnumType, GraphQLObjectType, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCommercialConfig } from '../../../platform/config/loadCommercialConfig';
import { personAt } from '../../../synthetic/world';
import { detectiveCaller, startTestCommercial, type TestCommercial } from '../../../test/harness/startCommercialStack';
import { TEST_WORLD } from '../../../test/harness/startTestSubgraph';
import { SEARCH_FIELDS } from '../searchFields';

/**
 * [P3] The price list the console shows before a search runs: the rates the searches are
 * charged at, the caller's seats, and what the caller's command has left, from the ledger.
 */
const RATES = loadCommercialConfig({}, { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' }).providers;
const PRICES = '{ commercialPrices { month command budgetCents spentCents remainingCents prices { search provider costCents seatHeld cacheSeconds acceptedDppa } } }';

describe('the commercial price list', () => {
  it('offers every search field of CommercialSearch, with every provider its argument allows, and nothing else', () => {
    const sdl = readFileSync(path.join(__dirname, '../../../schema/commercial.graphql'), 'utf8').replace(/^extend schema[\s\S]*?directive @policy[^\n]*\n/m, 'directive @policy(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION\n');
    const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
    const search = schema.getType('CommercialSearch') as GraphQLObjectType;
    const reportProviders = (schema.getType('ReportProvider') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(SEARCH_FIELDS.map((f) => f.search).sort()).toEqual(Object.keys(search.getFields()).sort());
    for (const { search: field, providers } of SEARCH_FIELDS) {
      const takesProvider = search.getFields()[field]!.args.some((a) => a.name === 'provider');
      if (takesProvider) expect([...providers].sort()).toEqual([...reportProviders].sort());
      else expect(providers).toHaveLength(1);
    }
  });

  describe('over HTTP, signed as the gateway signs', () => {
    let commercial: TestCommercial;
    beforeAll(async () => {
      commercial = await startTestCommercial('pglite');
    }, 60_000);
    afterAll(() => commercial?.close());

    it('prices each search at the rate it is charged, and the remaining budget falls by exactly what a search was charged', async () => {
      const before = (await commercial.queryAs(detectiveCaller(), PRICES)).data.commercialPrices;
      expect(before).toMatchObject({ command: '075 DET SQUAD', budgetCents: 50_000, month: new Date().toISOString().slice(0, 7) });
      expect(before.remainingCents).toBe(before.budgetCents - before.spentCents);
      for (const price of before.prices) {
        expect(price).toMatchObject({ costCents: RATES[price.provider as keyof typeof RATES].rateCents, seatHeld: true, cacheSeconds: RATES[price.provider as keyof typeof RATES].cacheTtlSeconds });
      }
      const person = personAt(TEST_WORLD, 31);
      const run = await commercial.queryAs(detectiveCaller(), 'query($s: CommercialSubject!) { commercialSearch(subject: $s) { personReport(provider: ACCURINT) { costCents cached } } }', {
        s: { firstName: person.firstName, lastName: person.lastName },
      });
      expect(run.data.commercialSearch.personReport).toEqual({ costCents: RATES.ACCURINT.rateCents, cached: false });
      const after = (await commercial.queryAs(detectiveCaller(), PRICES)).data.commercialPrices;
      expect(after.remainingCents).toBe(before.remainingCents - RATES.ACCURINT.rateCents);
    });

    it.each([
      ['intel: the seats of its licence only, its own command’s budget', { id: 'intel', roles: ['INTELLIGENCE' as const], command: 'INTELLIGENCE DIVISION' }, 100_000, ['ACCURINT', 'SKOPENOW', 'TLO']],
      ['a detective without seats, in a command with no budget', { id: 'new-detective', roles: ['DETECTIVE' as const], command: '090 DET SQUAD' }, null, []],
    ])('%s', async (_name, subject, budget, seats) => {
      const list = (await commercial.queryAs(detectiveCaller(undefined, subject), PRICES)).data.commercialPrices;
      expect(list).toMatchObject({ command: subject.command, budgetCents: budget, remainingCents: budget === null ? null : budget - list.spentCents });
      const held = [...new Set(list.prices.filter((p: { seatHeld: boolean }) => p.seatHeld).map((p: { provider: string }) => p.provider))].sort();
      expect(held).toEqual(seats);
    });
  });
});
