import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Attack (issue 22, finding 0): a self-declared purpose unlocked the most protected records. Any
 * caller could declare PROSECUTION: a detective doing so read sealed arrests, and the partner
 * account `partner-da`, with no agreement at all, read department-wide arrests (sealed among
 * them) and 911 callers' phone numbers. Now [P5] a caller declares only a purpose its roles hold,
 * [P12] a sealed record opens only under a named statutory exception with its reference, for a
 * role the exception covers. (A partner without an active agreement reaching nothing [P14] is
 * test/partners/'s: the partner-agreement stage decides it.)
 */
const SEALED_ARREST = 'query A($n: String!) { arrest(number: $n) { number sealed } }';
const ARRESTS = '{ arrests(first: 100) { totalCount edges { node { number sealed } } } }';
const CALLERS = '{ calls911(first: 5) { edges { node { id callerPhone } } } }';
const exceptionHeaders = (code: string, reference: string) => ({ 'x-statutory-exception': code, 'x-exception-reference': reference });

describe('purposes and statutory exceptions are claims the caller must be entitled to', () => {
  let stack: TestStack;
  let sealed: string;
  beforeAll(async () => {
    stack = await startTestStack('pglite');
    const [row] = await stack.subgraphs['complaints-arrests'].db.query<{ number: string }>('SELECT number FROM arrest WHERE sealed AND NOT juvenile ORDER BY number LIMIT 1');
    sealed = row!.number;
  }, 400_000);
  afterAll(() => stack?.close());

  const as = async (user: string, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) =>
    stack.query(query, variables, { authorization: `Bearer ${await stack.token(user)}`, ...headers });
  const events = () => stack.governanceDb.query<{ kind: string; user_id: string | null; event: any }>('SELECT kind, user_id, event FROM audit_event ORDER BY seq');

  const refusals: { rule: string; user: string; headers: Record<string, string>; query: string; code: string; reason?: string }[] = [
    { rule: '[P5] a detective may not declare PROSECUTION', user: 'detective', headers: purposeHeaders({ code: 'PROSECUTION' }), query: SEALED_ARREST, code: 'FORBIDDEN', reason: 'PURPOSE_NOT_PERMITTED' },
    { rule: '[P5] an officer may not declare FOIL', user: 'officer', headers: purposeHeaders({ code: 'FOIL' }), query: SEALED_ARREST, code: 'FORBIDDEN', reason: 'PURPOSE_NOT_PERMITTED' },
    {
      rule: '[P12] a detective may not use the prosecutor\'s exception',
      user: 'detective', headers: { ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), ...exceptionHeaders('CPL_160_50_1_D_I', 'CR-012345-24KN') },
      query: SEALED_ARREST, code: 'FORBIDDEN', reason: 'EXCEPTION_NOT_COVERED',
    },
    {
      rule: '[P12] an officer is covered by no exception',
      user: 'officer', headers: { ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), ...exceptionHeaders('CPL_160_50_1_D_II', 'ORDER-2026-0042') },
      query: SEALED_ARREST, code: 'FORBIDDEN', reason: 'EXCEPTION_NOT_COVERED',
    },
    {
      rule: '[P12] an exception without its reference is the client\'s error',
      user: 'detective', headers: { ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), 'x-statutory-exception': 'CPL_160_50_1_D_II' },
      query: SEALED_ARREST, code: 'BAD_USER_INPUT',
    },
    {
      rule: '[P12] an exception that is not in the table is the client\'s error',
      user: 'detective', headers: { ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), ...exceptionHeaders('BECAUSE_I_SAY_SO', 'ORDER-1') },
      query: SEALED_ARREST, code: 'BAD_USER_INPUT',
    },
    {
      rule: '[P12] an exception without a purpose is the client\'s error',
      user: 'detective', headers: exceptionHeaders('CPL_160_50_1_D_II', 'ORDER-2026-0042'),
      query: SEALED_ARREST, code: 'BAD_USER_INPUT',
    },
    {
      rule: '[P12] a reference that is not valid UTF-8 is the client\'s error',
      user: 'detective', headers: { ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'ORDER-\u00ff\u00fe-1' },
      query: SEALED_ARREST, code: 'BAD_USER_INPUT',
    },
  ];

  it.each(refusals)('$rule: $code', async ({ user, headers, query, code, reason }) => {
    const before = (await events()).length;
    const answer = await as(user, headers, query, { n: sealed });
    expect(answer.data?.arrest ?? answer.data?.arrests ?? answer.data?.calls911 ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code, ...(reason ? { reason } : {}) });
    // [P18] the refusal is a use too: recorded, with the caller.
    const refused = (await events()).slice(before).filter((e) => e.kind !== 'LOGON');
    expect(refused.map((e) => [e.user_id, e.event.outcome ?? e.event.code])).toEqual([[user, expect.anything()]]);
  });

  it('[P12] a purpose alone never unseals: a detective investigating sees no sealed arrest, by number or in a list', async () => {
    const byNumber = await as('detective', purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), SEALED_ARREST, { n: sealed });
    expect(byNumber.errors).toBeUndefined();
    expect(byNumber.data.arrest).toBeNull();
    const list = await as('detective', purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), ARRESTS);
    expect(list.data.arrests.edges.filter((e: any) => e.node.sealed)).toEqual([]);
  });

  it('[P12, P18] a covered exception with its reference opens the sealed record: flagged, counted and named in the audit', async () => {
    const before = (await events()).length;
    const answer = await as('detective', { ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), ...exceptionHeaders('CPL_160_50_1_D_II', 'ORDER-2026-0042') }, SEALED_ARREST, { n: sealed });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.arrest).toEqual({ number: sealed, sealed: true });
    const operation = (await events()).slice(before).find((e) => e.kind === 'OPERATION')!;
    expect(operation.event.purpose.exception).toEqual({ code: 'CPL_160_50_1_D_II', reference: 'ORDER-2026-0042' });
    expect(operation.event.flags).toContain('SEALED_RECORD_EXCEPTION');
    const review = await stack.queryAs('supervisor', { code: 'AUDIT' }, '{ usesToReview(flagged: true, first: 100) { edges { node { userId flags } } } }');
    expect(review.data.usesToReview.edges.map((e: any) => e.node)).toContainEqual({ userId: 'detective', flags: ['SEALED_RECORD_EXCEPTION'] });
    const metrics = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${await stack.token('admin')}` } })).text();
    expect(metrics).toMatch(/erms_sealed_record_exceptions_total\{exception="CPL_160_50_1_D_II"\} 1\b/);
    expect(metrics).toMatch(/erms_flagged_uses_total\{flag="SEALED_RECORD_EXCEPTION"\} 1\b/);
  });

  it('[P12] the subgraph re-checks the exception from the signed context: the same exception opens nothing for a role it does not cover', async () => {
    const subgraph = stack.subgraphs['complaints-arrests'];
    const context = (roles: ('DETECTIVE' | 'ANALYST')[]) => ({
      requestId: 'purpose-claims',
      subject: { id: 'x', kind: 'USER' as const, roles, command: '075 PCT', assignment: 'X', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-INTERNAL-RECORDS'] },
      purpose: { code: 'CRIMINAL_INVESTIGATION' as const, caseNumber: 'C-1', exception: { code: 'CPL_160_50_1_D_II' as const, reference: 'ORDER-2026-0042' } },
    });
    expect((await subgraph.queryAs(context(['ANALYST']), SEALED_ARREST, { n: sealed })).data?.arrest).toBeNull();
    expect((await subgraph.queryAs(context(['DETECTIVE']), SEALED_ARREST, { n: sealed })).data?.arrest).toEqual({ number: sealed, sealed: true });
  });
});
