import { revalidateTrustedDocuments } from '../../gateway/stages/trustedDocuments/revalidateTrustedDocuments';
import { publicationSchema } from '../../gateway/stages/trustedDocuments/validateOperation';
import { AgreementStore } from '../../subgraphs/governance/agreements/AgreementStore';
import { TrustedDocuments } from '../../subgraphs/governance/agreements/TrustedDocuments';
import { postBody } from '../harness/startTestSubgraph';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { backends } from '../harness/testDatabase';
import { byHash, codeOf, DA, exampleOperations, EXPIRED, extensionsOf, INVESTIGATION, NEIGHBOUR, PROSECUTION, publish, send } from '../partners/partnerRequests';

/**
 * A partner agency trying to get around its written agreement, over HTTP [P14] (issue 24).
 * The policy: partners reach data only through the gateway, only under their agreement (its
 * systems, fields and purposes, until it expires), only through operations approved for it.
 * Every case here was open before: a partner sent any text, under any purpose its role allowed.
 */
const CALLS_THROUGH_PERSON = 'query CallsThroughPerson($number: String!) { arrest(number: $number) { number person { fullName calls911 { id callerPhone } } } }';

describe.each(backends())('a partner agency outside its agreement [P14] (%s)', (backend) => {
  let stack: TestStack;
  let da: Record<string, string>;
  let neighbour: Record<string, string>;
  let clockOffsetMs = 0;
  const subgraphsCalled = () => new Set(stack.subgraphRequests.map((r) => r.subgraph));

  beforeAll(async () => {
    stack = await startTestStack(backend, undefined, { recordSubgraphRequests: true, partnerClock: () => new Date(Date.now() + clockOffsetMs) });
    da = await publish(stack, { agreement: DA }, exampleOperations(DA));
    neighbour = await publish(stack, { agreement: NEIGHBOUR }, exampleOperations(NEIGHBOUR));
  }, 180_000);
  afterAll(() => stack?.close());
  beforeEach(() => {
    stack.subgraphRequests.length = 0;
    clockOffsetMs = 0;
  });

  describe('only approved operations, refused before parsing: OPERATION_NOT_APPROVED', () => {
    const cases: [string, () => Record<string, unknown>][] = [
      ['the approved operation sent as text instead of its id', () => ({ query: exampleOperations(DA).find((f) => f.file === 'RecentArrests.graphql')!.text, variables: { first: 1 } })],
      ['its text together with its own valid hash', () => ({ query: exampleOperations(DA).find((f) => f.file === 'RecentArrests.graphql')!.text, ...byHash(da.RecentArrests!, { first: 1 }) })],
      ['an unapproved operation, as text', () => ({ query: '{ arrests(first: 50) { edges { node { number person { fullName nysid } } } } }' })],
      ['text that does not even parse (never reaches the parser)', () => ({ query: '{{{ not graphql' })],
      ['the hash of an operation approved for another agreement', () => byHash(neighbour.ActiveWarrants!, { first: 1 })],
      ['a hash nobody published', () => byHash('0'.repeat(64))],
      ['an id that is no SHA-256', () => ({ documentId: 'RecentArrests' })],
    ];
    it.each(cases)('%s', async (_attack, body) => {
      const result = await send(stack, 'partner-da', PROSECUTION, body());
      expect(result.status).toBe(403);
      expect(codeOf(result)).toBe('OPERATION_NOT_APPROVED');
      expect(result.data ?? null).toBeNull();
      expect(subgraphsCalled().size).toBe(0);
    });

    it('a GET with the operation in the query string', async () => {
      const url = new URL(stack.gateway.url);
      url.searchParams.set('query', '{ arrests(first: 1) { edges { node { number } } } }');
      const response = await fetch(url, { headers: { authorization: `Bearer ${await stack.token('partner-da')}`, ...purposeHeaders(PROSECUTION), 'apollo-require-preflight': 'true' } });
      const result = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(codeOf(result)).toBe('OPERATION_NOT_APPROVED');
    });
  });

  it('an approved operation with a purpose outside the agreement: AGREEMENT_SCOPE, nothing fetched', async () => {
    const result = await send(stack, 'partner-da', INVESTIGATION, byHash(da.RecentArrests!, { first: 1 }));
    expect(extensionsOf(result)).toMatchObject({ code: 'AGREEMENT_SCOPE', reason: 'PURPOSE', agreement: DA });
    expect(subgraphsCalled().size).toBe(0);
  });

  it('a field outside the agreement reached through a nested entity comes back null with FIELD_NOT_AUTHORIZED, reason AGREEMENT_SCOPE', async () => {
    // An operation that reaches 911 calls can never be published for the DA (publication names the field) ...
    await expect(publish(stack, { agreement: DA }, [{ file: 'Calls.graphql', text: CALLS_THROUGH_PERSON }])).rejects.toThrow(/Person\.calls911 is outside agreement DA-KINGS-2026-01/);
    // ... and one written into the manifest behind the publisher's back is still held to the agreement at run time.
    const forged = await new TrustedDocuments(stack.governanceDb).publish({ agreement: DA }, 'CallsThroughPerson', CALLS_THROUGH_PERSON, 'f'.repeat(64), 'forged', 'nobody');
    const recent = await send(stack, 'partner-da', PROSECUTION, byHash(da.RecentArrests!, { first: 1 }));
    const number = recent.data.arrests.edges[0].node.number;
    stack.subgraphRequests.length = 0;
    const result = await send(stack, 'partner-da', PROSECUTION, byHash(forged.document.sha256, { number }));
    expect(result.data.arrest.number).toBe(number);
    expect(result.data.arrest.person.calls911).toBeNull();
    const denial = result.errors!.find((e: { path?: unknown[] }) => JSON.stringify(e.path) === JSON.stringify(['arrest', 'person', 'calls911']));
    expect(denial?.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'AGREEMENT_SCOPE' });
    expect(subgraphsCalled().has('calls')).toBe(false);
  });

  it('[P15] place of birth, citizenship and alien registration numbers: never published for a partner, null if forced in', async () => {
    const IMMIGRATION = 'query Born($number: String!) { arrest(number: $number) { number person { placeOfBirth citizenshipStatus alienRegistrationNumber } } }';
    await expect(publish(stack, { agreement: DA }, [{ file: 'Born.graphql', text: IMMIGRATION }])).rejects.toThrow(/Person\.placeOfBirth is outside agreement DA-KINGS-2026-01/);
    const forged = await new TrustedDocuments(stack.governanceDb).publish({ agreement: DA }, 'Born', IMMIGRATION, 'e'.repeat(64), 'forged', 'nobody');
    const recent = await send(stack, 'partner-da', PROSECUTION, byHash(da.RecentArrests!, { first: 1 }));
    const result = await send(stack, 'partner-da', PROSECUTION, byHash(forged.document.sha256, { number: recent.data.arrests.edges[0].node.number }));
    expect(result.data.arrest.person).toEqual({ placeOfBirth: null, citizenshipStatus: null, alienRegistrationNumber: null });
    expect(result.errors!.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['FIELD_NOT_AUTHORIZED', 'FIELD_NOT_AUTHORIZED', 'FIELD_NOT_AUTHORIZED']);
  });

  it('any request one minute after expiry is refused (and one minute before, answered)', async () => {
    const agreement = (await new AgreementStore(stack.governanceDb).get(NEIGHBOUR))!;
    clockOffsetMs = Date.parse(agreement.expiresAt) - 60_000 - Date.now();
    const before = await send(stack, 'partner-npd', INVESTIGATION, byHash(neighbour.ActiveWarrants!, { first: 1 }));
    expect(before.errors).toBeUndefined();
    clockOffsetMs = Date.parse(agreement.expiresAt) + 60_000 - Date.now();
    const after = await send(stack, 'partner-npd', INVESTIGATION, byHash(neighbour.ActiveWarrants!, { first: 1 }));
    expect(extensionsOf(after)).toMatchObject({ code: 'AGREEMENT_SCOPE', reason: 'AGREEMENT_EXPIRED', agreement: NEIGHBOUR });
    // An agreement marked EXPIRED is refused whatever the clock.
    const expired = await send(stack, 'partner-rda', PROSECUTION, byHash('1'.repeat(64)));
    expect(extensionsOf(expired)).toMatchObject({ code: 'AGREEMENT_SCOPE', reason: 'AGREEMENT_EXPIRED', agreement: EXPIRED });
    const [event] = await stack.governanceDb.query<{ event: Record<string, unknown> }>(
      "SELECT event FROM audit_event WHERE kind = 'OPERATION' AND user_id = 'partner-rda' ORDER BY seq DESC LIMIT 1",
    );
    expect(event!.event).toMatchObject({ agreement: EXPIRED, outcome: 'REFUSED', errorCodes: ['AGREEMENT_SCOPE'] });
  });

  it('past the daily cap: RATE_LIMITED until midnight UTC', async () => {
    const [{ requests }] = (await stack.governanceDb.query<{ requests: number }>(
      'SELECT COALESCE(max(requests), 0)::int AS requests FROM agreement_use WHERE agreement_number = $1 AND day = current_date', [NEIGHBOUR],
    )) as [{ requests: number }];
    await stack.governanceDb.query('UPDATE agreement SET daily_request_cap = $2 WHERE number = $1', [NEIGHBOUR, requests + 1]);
    stack.partners.agreements.invalidate(NEIGHBOUR);
    try {
      const last = await send(stack, 'partner-npd', INVESTIGATION, byHash(neighbour.ActiveWarrants!, { first: 1 }));
      expect(last.errors).toBeUndefined();
      const over = await send(stack, 'partner-npd', INVESTIGATION, byHash(neighbour.ActiveWarrants!, { first: 1 }));
      expect(over.status).toBe(429);
      expect(extensionsOf(over)).toMatchObject({ code: 'RATE_LIMITED', agreement: NEIGHBOUR });
    } finally {
      await stack.governanceDb.query('UPDATE agreement SET daily_request_cap = 1000 WHERE number = $1', [NEIGHBOUR]);
      stack.partners.agreements.invalidate(NEIGHBOUR);
    }
  });

  it('a partner token never reaches a subgraph directly', async () => {
    const token = await stack.token('partner-da');
    for (const name of ['complaints-arrests', 'warrants'] as const) {
      const direct = await postBody(stack.subgraphs[name].url, JSON.stringify({ query: '{ _service { sdl } }' }), { authorization: `Bearer ${token}`, ...purposeHeaders(PROSECUTION) });
      expect(direct.status).toBe(401);
      expect(codeOf(direct)).toBe('UNAUTHENTICATED');
    }
  });

  it('a partner client with a user\'s token (no client credentials) is not authenticated', async () => {
    const result = await send(stack, 'partner-da', PROSECUTION, byHash(da.RecentArrests!, { first: 1 }), { clientCredentials: false });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });

  it('an approved operation no longer valid against a changed supergraph is marked, and not served', async () => {
    const [{ sha256 }] = await stack.governanceDb.query<{ sha256: string }>("SELECT sha256 FROM trusted_document WHERE name = 'ActiveWarrants'") as [{ sha256: string }];
    const documents = new TrustedDocuments(stack.governanceDb);
    const agreements = new AgreementStore(stack.governanceDb);
    // The warrants team renames a field the operation selects.
    const changed = stack.gateway.supergraphSdl.replace(/\n {2}extraditable: Boolean!/, '\n  extraditionAuthorized: Boolean!');
    expect(changed).not.toBe(stack.gateway.supergraphSdl);
    const revalidation = await revalidateTrustedDocuments(documents, agreements, publicationSchema(changed));
    const invalid = revalidation.invalid.map((d) => d.name);
    expect(invalid).toContain('ActiveWarrants');
    expect(invalid).not.toContain('RecentArrests');
    // A gateway starting on that supergraph (its cache empty) refuses it.
    const fresh = (await documents.find({ agreement: NEIGHBOUR }, sha256))!;
    expect(fresh).toMatchObject({ valid: false });
    expect(fresh.invalidReason).toMatch(/extraditable/);
    const restored = await revalidateTrustedDocuments(documents, agreements, publicationSchema(stack.gateway.supergraphSdl));
    expect((await documents.find({ agreement: NEIGHBOUR }, sha256))!.valid).toBe(true);
    // Operations written into the manifest behind the publisher's back (the tests above) stay marked: they reach outside the agreement.
    expect(restored.invalid.every((d) => d.name === 'CallsThroughPerson' || d.name === 'Born')).toBe(true);
  });
});
