import { startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Issue 23 through the gateway, over HTTP: every example the issue found behaves as its label
 * says [P15, P6, SPEC §4]. Refused by the word guard though ordinary police work: now allowed
 * (a victim's account is allowed and flagged for review). Let through though plainly
 * enforcement: now refused before planning. Monitoring a protest under another purpose: refused.
 */
const PERSON = '{ person(id: "P00000001") { id fullName } }';
const AUDIT = { code: 'AUDIT', justification: "Weekly review of my officers' uses" };

type Expected = 'ALLOW' | 'FLAG' | 'IMMIGRATION_ENFORCEMENT_BLOCKED' | 'POLITICAL_ACTIVITY_RESTRICTED' | 'BAD_USER_INPUT';
interface Example {
  justification: string;
  caseNumber?: string;
  expected: Expected;
  /** The header bytes as sent, when they are not the UTF-8 of the text (an invalid sequence). */
  rawJustification?: string;
}

const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

const EXAMPLES: Example[] = [
  // Refused, though ordinary police work.
  { justification: 'Phone stolen inside Port Authority Bus Terminal', expected: 'ALLOW' },
  { justification: 'Collision caused by black ice', expected: 'ALLOW' },
  { justification: 'Assault with an ice pick', expected: 'ALLOW' },
  { justification: 'Theft: removal of catalytic converters', expected: 'ALLOW' },
  { justification: 'Removal of graffiti', expected: 'ALLOW' },
  { justification: 'Interstate Agreement on Detainers request from NJ prosecutor', expected: 'ALLOW' },
  { justification: 'DV victim says abuser threatened her with deportation', expected: 'FLAG' },
  { justification: 'Burglary at 1150 Grand Concourse, apartment I-205', expected: 'ALLOW' },
  // Let through, though plainly enforcement.
  { justification: 'Hand over to Immigration & Customs Enforcement', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'transfer to DHS custody', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'enforce immigration law', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Subject has an immigration hold', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Entregar al detenido a la migra al salir', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Notificar a inmigración la fecha de liberación', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Transfer to ᎠHS custody (a Cherokee look-alike)', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Notify I\u202eCE of the release date (a bidi override)', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Notify I\u2066C\u2069E of the release date (bidi isolates)', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Two I-247As on file for the subject', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { justification: 'Locate the subject for the case', caseNumber: 'ICE2025-0413', expected: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  // Not valid UTF-8: read as Latin-1, the Cyrillic е of "dеportation" stopped being folded.
  { justification: 'Assist with dеportation', rawJustification: `${utf8Bytes('Assist with dеportation')}\u00ff`, expected: 'BAD_USER_INPUT' },
  // Political activity under another purpose.
  { justification: "monitor the organizers of Saturday's protest", expected: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { justification: 'Assault of a protester by a counter-protester at Union Square', expected: 'FLAG' },
];

describe('issue 23: the guards read intent, through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { recordSubgraphRequests: true });
  }, 120_000);
  afterAll(() => stack?.close());

  const send = async (example: Example) => {
    const headers = {
      authorization: `Bearer ${await stack.token('detective')}`,
      'x-purpose': 'CRIMINAL_INVESTIGATION',
      'x-case-number': example.caseNumber ?? '2025-075-000123',
      // Headers travel as bytes: UTF-8, as curl sends it.
      'x-justification': example.rawJustification ?? utf8Bytes(example.justification),
    };
    return stack.query(PERSON, {}, headers);
  };

  it.each(EXAMPLES.map((e) => [e.expected, e.justification, e] as const))('%s: %s', async (expected, _text, example) => {
    const before = stack.subgraphRequests.length;
    const result = await send(example);
    if (expected === 'ALLOW' || expected === 'FLAG') {
      expect(result.errors).toBeUndefined();
      expect(result.data?.person?.id).toBe('P00000001');
      return;
    }
    expect((result.errors ?? []).map((e) => e.extensions?.code)).toEqual([expected]);
    expect(result.status).toBe(expected === 'BAD_USER_INPUT' ? 400 : 403);
    expect(stack.subgraphRequests.length).toBe(before); // refused before planning
  });

  it('puts the flagged uses, and only those, before the supervisor, and counts them', async () => {
    const review = `{ usesToReview(flagged: true, first: 100) { edges { node { userId justification flags } } } }`;
    const flagged = (await stack.queryAs('supervisor', AUDIT, review)).data.usesToReview.edges.map((e: any) => e.node);
    const expected = EXAMPLES.filter((e) => e.expected === 'FLAG');
    expect(flagged.map((n: any) => n.justification).sort()).toEqual(expected.map((e) => e.justification).sort());
    expect(flagged.find((n: any) => n.justification.startsWith('DV victim')).flags).toEqual(['IMMIGRATION_TERM_REVIEW']);
    expect(flagged.find((n: any) => n.justification.startsWith('Assault of a protester')).flags).toEqual(['POLITICAL_ACTIVITY_REVIEW']);
    // An allowed use with no term is not flagged, but still listed without the filter.
    const all = (await stack.queryAs('supervisor', AUDIT, `{ usesToReview(first: 100) { edges { node { justification flags } } } }`)).data.usesToReview.edges.map((e: any) => e.node);
    expect(all.find((n: any) => n.justification === 'Removal of graffiti')?.flags).toEqual([]);

    const metrics = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${await stack.token('admin')}` } })).text();
    expect(metrics).toMatch(/erms_flagged_uses_total\{flag="IMMIGRATION_TERM_REVIEW"\} 1\b/);
    expect(metrics).toMatch(/erms_flagged_uses_total\{flag="POLITICAL_ACTIVITY_REVIEW"\} 1\b/);
  });
});
