import { CALL_SIGNATURE_HEADER, createCallSigner } from '../../platform/identity/subgraphCallSignature';
import { CONTEXT_HEADER, signSubgraphContext, type SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import type { RecordedRequest } from '../harness/recordingProxy';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { postBody, postSignedGraphQL, type GraphQLResponse } from '../harness/startTestSubgraph';
import { ALL_TRAININGS, testContextKey } from '../harness/testContext';

/**
 * Attack (issue 20, part 3): a signed gateway context captured from one gateway→subgraph call
 * (e.g. by a recording proxy on the link) and sent straight to a subgraph. Before the fix it was
 * accepted within its 60 s life with any query, by any subgraph, with no audit event; and the
 * warrants subgraph answered a caller without the training its records require [P5, P8].
 * Each row below sends one such call over real HTTP and expects the subgraph itself to refuse it.
 */
const WARRANTS = '{ warrants(first: 2) { edges { node { number } } } }';
const MORE_WARRANTS = '{ warrants(first: 50) { edges { node { number judge subjectNameAsRecorded } } } }';
const A_PERSON = '{ person(id: "P00000001") { id fullName } }';

const DETECTIVE: SubgraphCallContext = {
  requestId: 'attack-test',
  subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ALL_TRAININGS },
  purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123' },
};

describe('a captured gateway context cannot be replayed or reused', () => {
  let stack: TestStack;
  let captured: RecordedRequest;
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { recordSubgraphRequests: true });
    const answer = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, WARRANTS);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.warrants.edges.length).toBeGreaterThan(0);
    captured = stack.subgraphRequests.find((r) => r.subgraph === 'warrants')!;
    expect(captured).toBeDefined();
  }, 180_000);
  afterAll(() => stack?.close());

  const capturedHeaders = (): Record<string, string> =>
    Object.fromEntries([CONTEXT_HEADER, CALL_SIGNATURE_HEADER].flatMap((name) => (typeof captured.headers[name] === 'string' ? [[name, captured.headers[name] as string]] : [])));
  const url = (subgraph: 'warrants' | 'complaints-arrests') => stack.subgraphs[subgraph].url;
  const metricsOf = async (subgraph: 'warrants' | 'complaints-arrests') => {
    const response = await fetch(url(subgraph).replace(/\/graphql$/, '/metrics'));
    return response.status === 200 ? response.text() : '';
  };
  const refusals = (metrics: string, subgraph: string, reason: string) =>
    Number(new RegExp(`erms_subgraph_context_refusals_total\\{subgraph="${subgraph}",reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);

  const rows: { rule: string; subgraph: 'warrants' | 'complaints-arrests'; send: () => Promise<GraphQLResponse & { status: number }>; status: number; code: string; reason: string }[] = [
    {
      rule: 'the identical captured request, replayed: refused (each call id is accepted once)',
      subgraph: 'warrants',
      send: () => postBody(url('warrants'), captured.body, capturedHeaders()),
      status: 403, code: 'FORBIDDEN', reason: 'replayed',
    },
    {
      rule: 'the captured context with a different query: refused (the signature covers the body)',
      subgraph: 'warrants',
      send: () => postBody(url('warrants'), JSON.stringify({ query: MORE_WARRANTS }), capturedHeaders()),
      status: 403, code: 'FORBIDDEN', reason: 'body-mismatch',
    },
    {
      rule: 'the captured context sent to another subgraph: refused (the signature names its subgraph)',
      subgraph: 'complaints-arrests',
      send: () => postBody(url('complaints-arrests'), JSON.stringify({ query: A_PERSON }), capturedHeaders()),
      status: 403, code: 'FORBIDDEN', reason: 'wrong-audience',
    },
    {
      rule: 'the captured context token alone, without a call signature: refused',
      subgraph: 'warrants',
      send: () => postBody(url('warrants'), JSON.stringify({ query: MORE_WARRANTS }), { [CONTEXT_HEADER]: capturedHeaders()[CONTEXT_HEADER]! }),
      status: 401, code: 'UNAUTHENTICATED', reason: 'missing',
    },
    {
      rule: 'a correctly signed call whose expiry has passed: refused',
      subgraph: 'warrants',
      send: async () => {
        const key = await testContextKey();
        const token = await signSubgraphContext(key, DETECTIVE);
        const body = JSON.stringify({ query: WARRANTS });
        const expired = createCallSigner(key, -1)('warrants', body, token, 'attack-test');
        return postBody(url('warrants'), body, { [CONTEXT_HEADER]: token, [CALL_SIGNATURE_HEADER]: expired });
      },
      status: 401, code: 'UNAUTHENTICATED', reason: 'expired',
    },
  ];

  it.each(rows)('$rule', async ({ subgraph, send, status, code, reason }) => {
    const before = refusals(await metricsOf(subgraph), subgraph, reason);
    const result = await send();
    expect(result.status).toBe(status);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([[code, reason]]);
    // The refusal is counted on the subgraph's own metrics, by reason.
    expect(refusals(await metricsOf(subgraph), subgraph, reason)).toBe(before + 1);
  });

  it('[P8] the warrants subgraph itself refuses warrants to a caller without the outside-agency records training', async () => {
    const untrained = { ...DETECTIVE, subject: { ...DETECTIVE.subject, currentTrainings: ['ERMS-INTERNAL-RECORDS'] } };
    const refused = await postSignedGraphQL(url('warrants'), 'warrants', untrained, WARRANTS);
    expect(refused.data?.warrants ?? null).toBeNull();
    expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['FIELD_NOT_AUTHORIZED', 'MISSING_TRAINING']]);
    // The same call for a trained caller is answered: the refusal is the training's, nothing else.
    const answered = await postSignedGraphQL(url('warrants'), 'warrants', DETECTIVE, WARRANTS);
    expect(answered.errors).toBeUndefined();
    expect(answered.data.warrants.edges.length).toBeGreaterThan(0);
  });
});
