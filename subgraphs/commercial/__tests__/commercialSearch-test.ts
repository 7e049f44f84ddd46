import { loadCommercialConfig } from '../../../platform/config/loadCommercialConfig';
import { COMMERCIAL_PROVIDERS, type CommercialProvider } from '../providers/providerNames';
import { FAST_BEHAVIOUR } from '../../../simulators/startSimulators';
import { personAt } from '../../../synthetic/world';
import { detectiveCaller, startTestCommercial, type TestCommercial } from '../../../test/harness/startCommercialStack';
import { TEST_WORLD } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';

/**
 * The commercial subgraph over HTTP, signed as the gateway signs [P3, P10]: permissible purpose,
 * seats, prices charged to user and command, budgets, the cache, and providers failing alone.
 */
const RATES = Object.fromEntries(
  Object.values(loadCommercialConfig({}, { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' }).providers).map((p) => [p.provider, p.rateCents]),
) as Record<CommercialProvider, number>;
const TTL_SECONDS = loadCommercialConfig({}, { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' }).providers.TLO.cacheTtlSeconds;

const EVERY_PROVIDER = /* GraphQL */ `
  query Everything($s: CommercialSubject!) {
    commercialSearch(subject: $s) {
      tlo: personReport(provider: TLO) { provider cached costCents records { matchScore dateOfBirth } }
      accurint: personReport(provider: ACCURINT) { provider cached costCents records { matchScore } }
      phoneReport { provider number carrier }
      socialProfiles { provider profiles { platform } }
      pawnTransactions { provider transactions { transactionId } }
    }
  }`;
const FIELD_OF: Record<CommercialProvider, string> = { TLO: 'tlo', ACCURINT: 'accurint', WHOOSTER: 'phoneReport', SKOPENOW: 'socialProfiles', LEADS_ONLINE: 'pawnTransactions' };

describe.each(backends())('commercial searches (%s)', (backend) => {
  let commercial: TestCommercial;
  beforeAll(async () => {
    commercial = await startTestCommercial(backend);
  }, 60_000);
  afterAll(() => commercial?.close());
  afterEach(() => COMMERCIAL_PROVIDERS.forEach((p) => commercial.simulators.byProvider[p].behave(FAST_BEHAVIOUR)));

  let next = 0;
  /** A different world person each time, so no case meets another's cached answers. */
  const subjectOf = () => {
    const person = personAt(TEST_WORLD, 10 + next++);
    return { firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth, phone: person.phone };
  };
  const requests = () => Object.fromEntries(COMMERCIAL_PROVIDERS.map((p) => [p, commercial.simulators.byProvider[p].requests.length]));
  const ledger = () => commercial.db.query<{ user_id: string; command: string; provider: string; dppa: string; glba: string; purpose: string; case_number: string; status: string; cost_cents: number; request_id: string }>('SELECT * FROM search ORDER BY requested_at, provider');
  const errorAt = (result: { errors?: { path?: (string | number)[]; extensions?: Record<string, any> }[] }, field: string) =>
    result.errors?.find((e) => e.path?.at(-1) === field)?.extensions;

  it('searches every provider in one operation, each answer in the shared schema, each charged at its rate to the user and command', async () => {
    const caller = detectiveCaller();
    const before = (await ledger()).length;
    const result = await commercial.queryAs(caller, EVERY_PROVIDER, { s: subjectOf() });
    expect(result.errors).toBeUndefined();
    const search = result.data.commercialSearch;
    for (const provider of COMMERCIAL_PROVIDERS) expect(search[FIELD_OF[provider]]).toMatchObject({ provider, ...(provider === 'TLO' || provider === 'ACCURINT' ? { costCents: RATES[provider], cached: false } : {}) });
    const added = (await ledger()).slice(before);
    expect(added.map((row) => [row.provider, row.cost_cents]).sort()).toEqual(COMMERCIAL_PROVIDERS.map((p) => [p, RATES[p]]).sort());
    for (const row of added) {
      expect(row).toMatchObject({ user_id: 'detective', command: '075 DET SQUAD', dppa: 'DPPA_B1', glba: 'GLBA_E5', purpose: 'CRIMINAL_INVESTIGATION', case_number: '2025-075-000123', status: 'COMPLETED', request_id: caller.requestId });
    }
  });

  it('[P3] sends each provider the permissible purpose in its own format', async () => {
    await commercial.queryAs(detectiveCaller({ dppa: 'DPPA_B4', glba: 'GLBA_E8' }), '{ commercialSearch(subject: { firstName: "ANA", lastName: "ORTIZ" }) { personReport(provider: TLO) { provider } } }');
    const sent = commercial.simulators.byProvider.TLO.requests.at(-1)!;
    expect((sent.body as { PermissiblePurpose: unknown }).PermissiblePurpose).toEqual({ DPPA: '4', GLBA: '8' });
  });

  it('[P3] refuses a search without a DPPA purpose and a GLBA exception, before any provider is asked or anything charged', async () => {
    const [before, charged] = [requests(), (await ledger()).length];
    const result = await commercial.queryAs(detectiveCaller(null), EVERY_PROVIDER, { s: subjectOf() });
    for (const provider of COMMERCIAL_PROVIDERS) {
      expect(result.data.commercialSearch[FIELD_OF[provider]]).toBeNull();
      expect(errorAt(result, FIELD_OF[provider])).toMatchObject({ code: 'PERMISSIBLE_PURPOSE_REQUIRED', provider, missing: ['X-Permissible-Purpose', 'X-GLBA-Exception'] });
    }
    expect(requests()).toEqual(before);
    expect(await ledger()).toHaveLength(charged);
  });

  it('[P3] refuses only the provider that does not accept the declared GLBA exception', async () => {
    const result = await commercial.queryAs(detectiveCaller({ dppa: 'DPPA_B1', glba: 'GLBA_E8' }), EVERY_PROVIDER, { s: subjectOf() });
    expect(result.data.commercialSearch.tlo.provider).toBe('TLO');
    expect(result.data.commercialSearch.socialProfiles).toBeNull();
    expect(errorAt(result, 'socialProfiles')).toMatchObject({ code: 'PERMISSIBLE_PURPOSE_REQUIRED', provider: 'SKOPENOW', notAccepted: ['GLBA_E8'] });
    expect(result.errors).toHaveLength(1);
  });

  it('[P3] lets only seat holders search a provider', async () => {
    const before = requests();
    const noSeat = await commercial.queryAs(detectiveCaller(undefined, { id: 'detective-without-seat' }), EVERY_PROVIDER, { s: subjectOf() });
    for (const provider of COMMERCIAL_PROVIDERS) expect(errorAt(noSeat, FIELD_OF[provider])).toMatchObject({ code: 'COMMERCIAL_SEAT_REQUIRED', provider });
    expect(requests()).toEqual(before);
    // Intelligence holds TLO, Accurint and SkopeNow seats only.
    const intel = await commercial.queryAs(
      detectiveCaller(undefined, { id: 'intel', roles: ['INTELLIGENCE'], command: 'INTELLIGENCE DIVISION' }),
      EVERY_PROVIDER,
      { s: subjectOf() },
    );
    expect(intel.data.commercialSearch.tlo.provider).toBe('TLO');
    expect(errorAt(intel, 'phoneReport')).toMatchObject({ code: 'COMMERCIAL_SEAT_REQUIRED', provider: 'WHOOSTER' });
    expect(errorAt(intel, 'pawnTransactions')).toMatchObject({ code: 'COMMERCIAL_SEAT_REQUIRED', provider: 'LEADS_ONLINE' });
  });

  it('refuses a search past the command\'s monthly budget with COMMERCIAL_BUDGET_EXCEEDED, and any paid search of a command with none', async () => {
    const [{ spent }] = await commercial.db.query<{ spent: string }>(
      `SELECT COALESCE(sum(cost_cents), 0) AS spent FROM search WHERE command = '075 DET SQUAD' AND status <> 'FAILED' AND month = date_trunc('month', now())::date`,
    ) as [{ spent: string }];
    const [{ budget }] = await commercial.db.query<{ budget: number }>(`SELECT monthly_budget_cents AS budget FROM command_budget WHERE command = '075 DET SQUAD'`) as [{ budget: number }];
    await commercial.db.query(`UPDATE command_budget SET monthly_budget_cents = $1 WHERE command = '075 DET SQUAD'`, [Number(spent) + RATES.TLO]);
    try {
      const query = 'query($s: CommercialSubject!) { commercialSearch(subject: $s) { personReport(provider: TLO) { costCents } } }';
      const within = await commercial.queryAs(detectiveCaller(), query, { s: subjectOf() });
      expect(within.data.commercialSearch.personReport.costCents).toBe(RATES.TLO);
      const before = requests();
      const over = await commercial.queryAs(detectiveCaller(), query, { s: subjectOf() });
      expect(over.data.commercialSearch.personReport).toBeNull();
      expect(errorAt(over, 'personReport')).toMatchObject({ code: 'COMMERCIAL_BUDGET_EXCEEDED', provider: 'TLO', command: '075 DET SQUAD', budgetCents: Number(spent) + RATES.TLO, spentCents: Number(spent) + RATES.TLO, priceCents: RATES.TLO });
      expect(requests()).toEqual(before);
    } finally {
      await commercial.db.query(`UPDATE command_budget SET monthly_budget_cents = $1 WHERE command = '075 DET SQUAD'`, [budget]);
    }
    const noBudget = await commercial.queryAs(detectiveCaller(undefined, { command: 'COMMAND WITHOUT BUDGET' }), '{ commercialSearch(subject: { phone: "718-555-0100" }) { phoneReport { number } } }');
    expect(errorAt(noBudget, 'phoneReport')).toMatchObject({ code: 'COMMERCIAL_BUDGET_EXCEEDED', budgetCents: null });
  });

  it('asks a provider once, and charges once, for the same search asked twice in one operation', async () => {
    const before = [commercial.simulators.byProvider.WHOOSTER.requests.length, (await ledger()).length];
    const result = await commercial.queryAs(detectiveCaller(), '{ commercialSearch(subject: { phone: "(347) 555-0199" }) { a: phoneReport { number } b: phoneReport { carrier } } }');
    expect(result.data.commercialSearch.a.number).toBe('+13475550199');
    expect([commercial.simulators.byProvider.WHOOSTER.requests.length, (await ledger()).length]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('one provider hanging: its part is null with an error naming it, the others arrive, nothing is charged for it', async () => {
    commercial.simulators.byProvider.TLO.behave({ fault: { kind: 'hang' } });
    const started = Date.now();
    const result = await commercial.queryAs(detectiveCaller(), EVERY_PROVIDER, { s: subjectOf() });
    // Bounded by TLO's timeout (1.5 s in tests), not by the hang.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(result.data.commercialSearch.tlo).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(errorAt(result, 'tlo')).toEqual({ code: 'PROVIDER_UNAVAILABLE', provider: 'TLO', reason: 'TIMEOUT' });
    for (const provider of COMMERCIAL_PROVIDERS.filter((p) => p !== 'TLO')) expect(result.data.commercialSearch[FIELD_OF[provider]].provider).toBe(provider);
    const tlo = (await ledger()).filter((row) => row.provider === 'TLO').at(-1)!;
    expect([tlo.status, tlo.cost_cents]).toEqual(['FAILED', 0]);
  });

  it('a provider rate limiting past what may be waited: PROVIDER_UNAVAILABLE with the wait it asked for', async () => {
    commercial.simulators.byProvider.WHOOSTER.behave({ fault: { kind: 'status', status: 429, retryAfterSeconds: 30 } });
    const result = await commercial.queryAs(detectiveCaller(), '{ commercialSearch(subject: { phone: "2125550123" }) { phoneReport { number } } }');
    expect(errorAt(result, 'phoneReport')).toEqual({ code: 'PROVIDER_UNAVAILABLE', provider: 'WHOOSTER', reason: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('refuses a malformed subject before anything is charged', async () => {
    const charged = (await ledger()).length;
    const result = await commercial.queryAs(detectiveCaller(), '{ commercialSearch(subject: { phone: "12" }) { phoneReport { number } vehicleRegistrations { registrations { vin } } } }');
    expect([errorAt(result, 'phoneReport')?.code, errorAt(result, 'vehicleRegistrations')?.code]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(await ledger()).toHaveLength(charged);
  });

  it('searches a person of the master index by the name and date of birth the gateway hands over (@requires)', async () => {
    const person = personAt(TEST_WORLD, 3);
    const result = await commercial.queryAs(
      detectiveCaller(),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { personReport(provider: ACCURINT) { records { dateOfBirth names } } } } }',
      { r: [{ __typename: 'Person', id: person.id, firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].personReport.records[0].dateOfBirth).toBe(person.dateOfBirth);
  });

  it('shows supervisors what searches cost, per user and per command against its budget; nobody else', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const supervisor = detectiveCaller(undefined, { id: 'supervisor', roles: ['SUPERVISOR'], command: '075 PCT' });
    const result = await commercial.queryAs(supervisor, `{ commercialCosts { month byCommand { command budgetCents spentCents remainingCents } byUser { userId command provider searches cachedSearches failedSearches costCents } } }`);
    expect(result.errors).toBeUndefined();
    const rows = (await ledger()).filter((row) => row.status !== 'FAILED');
    const spent = (command: string) => rows.filter((row) => row.command === command).reduce((sum, row) => sum + Number(row.cost_cents), 0);
    const report = result.data.commercialCosts;
    expect(report.month).toBe(month);
    expect(report.byCommand.find((c: { command: string }) => c.command === '075 DET SQUAD')).toMatchObject({ budgetCents: 50_000, spentCents: spent('075 DET SQUAD'), remainingCents: 50_000 - spent('075 DET SQUAD') });
    const tlo = report.byUser.find((u: { userId: string; provider: string }) => u.userId === 'detective' && u.provider === 'TLO');
    const tloRows = (await ledger()).filter((row) => row.user_id === 'detective' && row.provider === 'TLO');
    expect(tlo).toEqual({
      userId: 'detective', command: '075 DET SQUAD', provider: 'TLO',
      searches: tloRows.filter((r) => r.status === 'COMPLETED').length, cachedSearches: tloRows.filter((r) => r.status === 'CACHED').length,
      failedSearches: tloRows.filter((r) => r.status === 'FAILED').length, costCents: tloRows.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + Number(r.cost_cents), 0),
    });
    const detective = await commercial.queryAs(detectiveCaller(), '{ commercialCosts { month } }');
    expect(detective.errors![0]!.extensions!.code).toBe('FIELD_NOT_AUTHORIZED');
  });

  it('circuit breaker: a provider failing again and again is refused at once, without being asked', async () => {
    commercial.simulators.byProvider.ACCURINT.behave({ fault: { kind: 'status', status: 500 } });
    const query = '{ commercialSearch(subject: { firstName: "ANA", lastName: "ORTIZ" }) { personReport(provider: ACCURINT) { provider } } }';
    for (let i = 0; i < 3; i++) expect(errorAt(await commercial.queryAs(detectiveCaller(), query), 'personReport')).toMatchObject({ reason: 'PROVIDER_ERROR' });
    const before = commercial.simulators.byProvider.ACCURINT.requests.length;
    const open = await commercial.queryAs(detectiveCaller(), query);
    expect(errorAt(open, 'personReport')).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'ACCURINT', reason: 'CIRCUIT_OPEN' });
    expect(commercial.simulators.byProvider.ACCURINT.requests.length).toBe(before);
    expect(commercial.subgraph.clients.ACCURINT.circuit()).toBe('OPEN');
  });

  // Last: it moves the subgraph's clock a cache lifetime forward.
  it('[P10] serves a cached answer without asking or charging again, until the provider\'s cache time is over', async () => {
    const subject = subjectOf();
    const query = 'query($s: CommercialSubject!) { commercialSearch(subject: $s) { personReport(provider: TLO) { searchId cached costCents retrievedAt } phoneReport { number } } }';
    const first = await commercial.queryAs(detectiveCaller(), query, { s: subject });
    expect(first.data.commercialSearch.personReport).toMatchObject({ cached: false, costCents: RATES.TLO });
    const asked = requests();
    const second = await commercial.queryAs(detectiveCaller(), query, { s: subject });
    expect(second.data.commercialSearch.personReport).toMatchObject({ cached: true, costCents: 0, retrievedAt: first.data.commercialSearch.personReport.retrievedAt });
    // TLO answered from the cache; Whooster (no cache by policy) asked again.
    expect(requests()).toEqual({ ...asked, WHOOSTER: asked.WHOOSTER! + 1 });
    const [row] = await commercial.db.query<{ status: string; cost_cents: number }>('SELECT status, cost_cents FROM search WHERE id = $1', [second.data.commercialSearch.personReport.searchId]);
    expect(row).toEqual({ status: 'CACHED', cost_cents: 0 });
    commercial.advanceClock((TTL_SECONDS + 1) * 1000);
    const third = await commercial.queryAs(detectiveCaller(), query, { s: subject });
    expect(third.data.commercialSearch.personReport).toMatchObject({ cached: false, costCents: RATES.TLO });
    expect(requests().TLO).toBe(asked.TLO! + 1);
  });

});
