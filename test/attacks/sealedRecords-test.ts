import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Attack (issue 22, finding 1): sealed and juvenile records leaked through neighbouring
 * subgraphs. `stolenProperty { edges { node { complaint { number } } } }` named sealed and
 * juvenile complaints, because the planner answered the key from the warrants subgraph's stub
 * and the owner's record rule never ran; asking `{ number status }` instead nulled the same
 * complaint, a sealed-record test. `propertyInvoice(number:) { owner { fullName } arrest { number } }`
 * answered the owner beside `arrest: null`, telling a sealed arrest from none. Now the owner's
 * rules travel with every reference [P12], and records linked to a sealed arrest are sealed with
 * it: an invoice of a sealed arrest is absent, exactly as one that does not exist.
 */
const INVESTIGATION = purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' });
const STOLEN = (fields: string) => `query S($after: String) { stolenProperty(first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id complaint { ${fields} } } } } }`;
const INVOICE = 'query I($n: String!) { propertyInvoice(number: $n) { number category owner { fullName } arrest { number } complaint { number } } }';

describe('sealed and juvenile records stay sealed across subgraphs', () => {
  let stack: TestStack;
  let sealedArrestInvoice: string;
  let juvenileComplaintInvoice: string;
  let visibleInvoices: number;
  beforeAll(async () => {
    stack = await startTestStack();
    const db = stack.subgraphs['complaints-arrests'].db;
    // The store's own links: an invoice made at a sealed (adult) arrest, one on a juvenile complaint.
    [{ number: sealedArrestInvoice }] = (await db.query<{ number: string }>(
      'SELECT p.number FROM property_invoice p JOIN arrest a ON a.number = p.arrest_number WHERE a.sealed ORDER BY p.number LIMIT 1',
    )) as [{ number: string }];
    [{ number: juvenileComplaintInvoice }] = (await db.query<{ number: string }>(
      'SELECT p.number FROM property_invoice p JOIN complaint c ON c.number = p.complaint_number WHERE c.juvenile ORDER BY p.number LIMIT 1',
    )) as [{ number: string }];
    [{ n: visibleInvoices }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM property_invoice p
       WHERE NOT EXISTS (SELECT 1 FROM arrest a WHERE a.number = p.arrest_number AND (a.sealed OR a.juvenile))
         AND NOT EXISTS (SELECT 1 FROM complaint c WHERE c.number = p.complaint_number AND (c.sealed OR c.juvenile))`,
    )) as [{ n: number }];
  }, 400_000);
  afterAll(() => stack?.close());

  const as = async (user: string, query: string, variables: Record<string, unknown> = {}) =>
    stack.query(query, variables, { authorization: `Bearer ${await stack.token(user)}`, ...INVESTIGATION });

  /** Every stolen property entry's complaint, page by page. */
  async function stolenComplaints(user: string, fields: string): Promise<Map<string, Record<string, unknown> | null>> {
    const seen = new Map<string, Record<string, unknown> | null>();
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const answer = await as(user, STOLEN(fields), { after });
      expect(answer.errors).toBeUndefined();
      for (const { node } of answer.data.stolenProperty.edges) seen.set(node.id, node.complaint);
      if (!answer.data.stolenProperty.pageInfo.hasNextPage) break;
      after = answer.data.stolenProperty.pageInfo.endCursor;
    }
    return seen;
  }

  it.each([
    ['analyst', 'a sealed or juvenile', 'sealed OR juvenile'],
    ['detective', 'a sealed', 'sealed'],
  ])('[P12] %s: a stolen property entry never names %s complaint', async (user, _what, hiddenWhere) => {
    const hidden = new Set((await stack.subgraphs['complaints-arrests'].db.query<{ number: string }>(`SELECT number FROM complaint WHERE ${hiddenWhere}`)).map((r) => r.number));
    const complaints = await stolenComplaints(user, 'number');
    const named = [...complaints.values()].flatMap((c) => (c ? [c.number as string] : []));
    expect(named.length).toBeGreaterThan(0); // the reference works for the complaints that may be seen
    expect(named.filter((number) => hidden.has(number))).toEqual([]);
  });

  it('[P12] the key alone and the key with a field owned elsewhere answer alike: no difference to test for sealing', async () => {
    const keyOnly = await stolenComplaints('analyst', 'number');
    const withStatus = await stolenComplaints('analyst', 'number status');
    expect([...withStatus].map(([id, c]) => [id, c?.number ?? null])).toEqual([...keyOnly].map(([id, c]) => [id, c?.number ?? null]));
  });

  it.each([
    ['made at a sealed arrest', () => sealedArrestInvoice, 'officer'],
    ['made at a sealed arrest, to a detective (juvenile records open, sealed ones not)', () => sealedArrestInvoice, 'detective'],
    ['on a juvenile complaint', () => juvenileComplaintInvoice, 'officer'],
  ])('[P12] a property invoice %s is withheld whole, answered exactly as a number that does not exist', async (_rule, invoice, user) => {
    const linked = await as(user, INVOICE, { n: invoice() });
    const missing = await as(user, INVOICE, { n: '3999999999' });
    expect(linked.status).toBe(missing.status);
    expect({ data: linked.data, errors: linked.errors }).toEqual({ data: missing.data, errors: missing.errors });
    expect(linked.data).toEqual({ propertyInvoice: null });
  });

  it('[P12] property invoice lists and counts leave out the invoices of sealed and juvenile records', async () => {
    const list = await as('officer', '{ propertyInvoices(first: 100) { totalCount edges { node { number arrest { number } complaint { number } } } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.propertyInvoices.totalCount).toBe(visibleInvoices);
    const numbers = list.data.propertyInvoices.edges.map((e: any) => e.node.number);
    expect(numbers).not.toContain(sealedArrestInvoice);
    expect(numbers).not.toContain(juvenileComplaintInvoice);
    // Every invoice shown shows its links: none is left with a hole where a sealed record was.
    const db = stack.subgraphs['complaints-arrests'].db;
    for (const { node } of list.data.propertyInvoices.edges) {
      const [row] = await db.query<{ arrest_number: string | null; complaint_number: string | null }>('SELECT arrest_number, complaint_number FROM property_invoice WHERE number = $1', [node.number]);
      expect([node.number, node.arrest?.number ?? null, node.complaint?.number ?? null]).toEqual([node.number, row!.arrest_number, row!.complaint_number]);
    }
  });

  it('[P12] a serial number\'s invoices through a stolen property entry leave out the sealed ones', async () => {
    const answer = await as('analyst', '{ stolenProperty(first: 50) { edges { node { item { invoices(first: 50) { number } } } } } }');
    expect(answer.errors).toBeUndefined();
    const shown = answer.data.stolenProperty.edges.flatMap((e: any) => e.node.item?.invoices ?? []).map((i: any) => i.number);
    expect(shown).not.toContain(sealedArrestInvoice);
    expect(shown).not.toContain(juvenileComplaintInvoice);
  });

  it('[P12] under a statutory exception the sealed invoice is there, with its arrest', async () => {
    const answer = await stack.query(INVOICE, { n: sealedArrestInvoice }, {
      authorization: `Bearer ${await stack.token('detective')}`, ...INVESTIGATION,
      'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'ORDER-2026-0042',
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.propertyInvoice).toMatchObject({ number: sealedArrestInvoice, arrest: { number: expect.any(String) } });
  });
});
