import { stolenPropertyAt } from '../../synthetic/stolenProperty';
import { personAt, personId, scaleOf } from '../../synthetic/world';
import { FAST_BEHAVIOUR } from '../../simulators/startSimulators';
import { startCommercialStack, type TestCommercial } from '../harness/startCommercialStack';
import { purposeHeaders, type TestStack } from '../harness/startTestStack';
import { TEST_WORLD } from '../harness/startTestSubgraph';
import { backends } from '../harness/testDatabase';

/**
 * Commercial sources through the gateway [P3]: a person found in the internal records, their TLO
 * report, and a pawned item's stolen-property hit, in one federated query; the permissible
 * purpose from headers to provider and audit; a provider down without holding up the rest.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
const PERMISSIBLE = { 'x-permissible-purpose': 'DPPA_B1', 'x-glba-exception': 'GLBA_E5' };

/** The README's query. */
const PERSON_WITH_COMMERCIAL = /* GraphQL */ `
  query PersonWithCommercial($id: ID!) {
    person(id: $id) {
      fullName
      dateOfBirth
      arrests { number }
      warrants { number }
      tlo: personReport(provider: TLO) {
        provider cached costCents
        records { matchScore names dateOfBirth addresses { line1 city state current } phones { number carrier } relatives { name } vehicles { vin vehicle { make model stolenReports { id } } } }
      }
      pawnTransactions {
        transactions {
          date type store { name city } serialNumber
          item { serialNumber description stolenReports { id status reportingAgency { name } } invoices { number } }
        }
      }
    }
  }`;

describe.each(backends())('commercial sources through the gateway (%s)', (backend) => {
  let stack: TestStack & { commercial: TestCommercial };
  beforeAll(async () => {
    stack = await startCommercialStack(backend);
  }, 120_000);
  afterAll(() => stack?.close());
  afterEach(() => Object.values(stack.commercial.simulators.byProvider).forEach((simulator) => simulator.behave(FAST_BEHAVIOUR)));

  const as = async (userId: string, purpose: { code: string } | null, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${await stack.token(userId)}`, ...purposeHeaders(purpose), ...extra,
  });
  const providerRequests = () => Object.values(stack.commercial.simulators.byProvider).reduce((sum, simulator) => sum + simulator.requests.length, 0);

  /** A person of the records who sold, at a pawn shop, an item the stolen-property files hold (from the synthetic truth, not hard-coded). */
  function sellerOfStolenItem() {
    const stolen = new Set(Array.from({ length: scaleOf(TEST_WORLD).stolenProperty }, (_, k) => stolenPropertyAt(TEST_WORLD, k).serialNumber));
    const { truth } = stack.commercial.simulators;
    const pawn = truth.allPawns().find((p) => stolen.has(p.item.serialNumber) && p.seller.personIndex !== null && truth.findPersons(p.seller).length === 1);
    if (!pawn) throw new Error('the synthetic world has no seller of a stolen item');
    return { id: personId(pawn.seller.personIndex!), serialNumber: pawn.item.serialNumber };
  }

  it('finds a person in the internal records with their TLO report and a pawned item\'s stolen-property hit, in one query', async () => {
    const { id, serialNumber } = sellerOfStolenItem();
    const result = await stack.query(PERSON_WITH_COMMERCIAL, { id }, await as('detective', INVESTIGATION, PERMISSIBLE));
    expect(result.errors).toBeUndefined();
    const person = result.data.person;
    const internal = personAt(TEST_WORLD, Number(id.slice(1)) - 1);
    expect([person.fullName, person.dateOfBirth]).toEqual([`${internal.firstName} ${internal.lastName}`, internal.dateOfBirth]);
    expect(person.tlo.provider).toBe('TLO');
    // TLO may also hold a namesake; the best match is the person searched.
    const best = person.tlo.records[0];
    expect([best.dateOfBirth, best.matchScore]).toEqual([internal.dateOfBirth, expect.any(Number)]);
    expect(best.matchScore).toBeGreaterThan(0.9);
    expect(best.phones.map((p: { number: string }) => p.number)).toContain(`+1${internal.phone}`);
    const hit = person.pawnTransactions.transactions.find((t: { serialNumber: string }) => t.serialNumber === serialNumber);
    expect(hit.item.stolenReports.length).toBeGreaterThan(0);
    expect(hit.item.stolenReports[0].id).toMatch(/^[AG]\d{9}$/);
  });

  it('[P3] refuses commercial fields without a permissible purpose; the internal records still arrive', async () => {
    const { id } = sellerOfStolenItem();
    const before = providerRequests();
    const result = await stack.query(PERSON_WITH_COMMERCIAL, { id }, await as('detective', INVESTIGATION));
    expect(result.status).toBe(200);
    expect(result.data.person.fullName).toEqual(expect.any(String));
    expect([result.data.person.tlo, result.data.person.pawnTransactions]).toEqual([null, null]);
    expect(result.errors!.map((e) => [e.path!.join('.'), e.extensions!.code, e.extensions!.provider])).toEqual([
      ['person.tlo', 'PERMISSIBLE_PURPOSE_REQUIRED', 'TLO'],
      ['person.pawnTransactions', 'PERMISSIBLE_PURPOSE_REQUIRED', 'LEADS_ONLINE'],
    ]);
    expect(providerRequests()).toBe(before);
  });

  it('[P3] refuses a malformed permissible purpose with BAD_USER_INPUT, before any subgraph', async () => {
    const before = providerRequests();
    const result = await stack.query(PERSON_WITH_COMMERCIAL, { id: 'P00000001' }, await as('detective', INVESTIGATION, { ...PERMISSIBLE, 'x-glba-exception': 'GLBA_E9' }));
    expect(result.status).toBe(400);
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT']);
    expect(providerRequests()).toBe(before);
  });

  it('[P3, P18] the permissible purpose reaches the audit record, and the provider', async () => {
    const { id } = sellerOfStolenItem();
    await stack.query('query Tlo($id: ID!) { person(id: $id) { tlo: personReport(provider: ACCURINT) { provider } } }', { id }, await as('detective', INVESTIGATION, { 'x-permissible-purpose': 'DPPA_B4', 'x-glba-exception': 'GLBA_E8' }));
    const [event] = await stack.governanceDb.query<{ event: { purpose: unknown; operationName: string } }>(
      `SELECT event FROM audit_event WHERE user_id = 'detective' AND event->>'operationName' = 'Tlo' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event!.event.purpose).toMatchObject({ code: 'CRIMINAL_INVESTIGATION', permissiblePurpose: { dppa: 'DPPA_B4', glba: 'GLBA_E8' } });
    const sent = stack.commercial.simulators.byProvider.ACCURINT.requests.at(-1)!;
    expect(new URL(sent.path, 'http://x').searchParams.get('DPPAPurpose')).toBe('4');
    const [charge] = await stack.commercial.db.query<{ dppa: string; glba: string }>(`SELECT dppa, glba FROM search WHERE provider = 'ACCURINT' ORDER BY requested_at DESC LIMIT 1`);
    expect(charge).toEqual({ dppa: 'DPPA_B4', glba: 'GLBA_E8' });
  });

  it('a provider down during a federated query: its part null with an error naming it, the rest of the answer arrives', async () => {
    const { id } = sellerOfStolenItem();
    // The earlier cases cached this person's TLO report: forget it, so TLO must be asked.
    await stack.commercial.db.query('DELETE FROM search_cache');
    stack.commercial.simulators.byProvider.TLO.behave({ fault: { kind: 'hang' } });
    const started = Date.now();
    const result = await stack.query(PERSON_WITH_COMMERCIAL, { id }, await as('detective', INVESTIGATION, PERMISSIBLE));
    // Bounded by TLO's timeout (1.5 s in tests), not by the hang.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe(200);
    expect(result.data.person.tlo).toBeNull();
    expect(result.errors!.map((e) => [e.path!.join('.'), e.extensions!.code, e.extensions!.provider])).toEqual([['person.tlo', 'PROVIDER_UNAVAILABLE', 'TLO']]);
    expect(result.data.person.fullName).toEqual(expect.any(String));
    expect(Array.isArray(result.data.person.arrests) && Array.isArray(result.data.person.warrants)).toBe(true);
    expect(result.data.person.pawnTransactions.transactions.length).toBeGreaterThan(0);
  });

  it.each([
    ['officer', 'MISSING_ROLE'],
    ['analyst', 'MISSING_ROLE'],
  ])('[P3] %s: commercial fields removed before planning (%s), no provider asked', async (userId, reason) => {
    const before = providerRequests();
    const result = await stack.query('query($id: ID!) { person(id: $id) { id tlo: personReport(provider: TLO) { provider } } }', { id: 'P00000001' }, await as(userId, { code: 'CRIMINAL_INVESTIGATION' }, PERMISSIBLE));
    expect(result.data.person.tlo).toBeNull();
    expect(result.errors!.find((e) => e.path!.join('.') === 'person.tlo')!.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason, field: 'Person.personReport' });
    expect(providerRequests()).toBe(before);
  });

  it('[P3, P14] partner-da: a commercial search is no operation its agreement approves (refused before parsing), no provider asked', async () => {
    const before = providerRequests();
    const result = await stack.query('query($id: ID!) { person(id: $id) { id tlo: personReport(provider: TLO) { provider } } }', { id: 'P00000001' }, await as('partner-da', { code: 'PROSECUTION' }, PERMISSIBLE));
    expect(result.data).toBeUndefined();
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['OPERATION_NOT_APPROVED']);
    expect(providerRequests()).toBe(before);
  });

  it('shows a supervisor what searches cost, with no purpose headers; a detective not', async () => {
    const result = await stack.query('{ commercialCosts { month byCommand { command spentCents budgetCents } } }', {}, await as('supervisor', null));
    expect(result.errors).toBeUndefined();
    expect(result.data.commercialCosts.byCommand.find((c: { command: string }) => c.command === '075 DET SQUAD').spentCents).toBeGreaterThan(0);
    const detective = await stack.query('{ commercialCosts { month } }', {}, await as('detective', INVESTIGATION));
    expect(detective.errors!.map((e) => e.extensions!.code)).toEqual(['FIELD_NOT_AUTHORIZED']);
  });
});
