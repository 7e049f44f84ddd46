import { driveLoad, waitFor, type ReceivedAnswer } from '../harness/driveLoad';
import { startFaultStack, type FaultStack } from '../harness/startFaultStack';
import { purposeHeaders } from '../harness/startTestStack';
import { postGraphQL } from '../harness/startTestSubgraph';
import { faultLoad, INTERNALS } from './faultLoad';

const SUBGRAPH_TIMEOUT_MS = 1_000;
/** A person from complaints-arrests, with fields from the calls and warrants subgraphs. */
const PERSON_WITH_RECORDS = '{ person(id: "P00000001") { fullName calls911 { id } warrants { number } } }';

/**
 * A record subgraph that dies or hangs costs its own fields, never the answer: the gateway keeps
 * answering, with that subgraph's fields null and a coded error that leaks no internals, and the
 * other subgraphs' data intact. Against a gateway process and real TCP faults (fault proxies).
 */
describe('a record subgraph fails under the gateway', () => {
  let stack: FaultStack;
  let headers: Record<string, string>;
  beforeAll(async () => {
    stack = await startFaultStack('pglite', { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS) });
    headers = { authorization: `Bearer ${await stack.gateway.token('detective')}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) };
  }, 120_000);
  afterAll(() => stack?.close());
  afterEach(() => stack.faults.warrants.set('pass'));

  /** What every answer must be while warrants is down: the rest of the person, warrants null and explained. */
  function expectAnswerWithoutWarrants(answer: Pick<ReceivedAnswer, 'status' | 'body'>) {
    expect(answer.status).toBe(200);
    const person = answer.body.data?.person;
    expect(person.fullName).toEqual(expect.any(String));
    expect(person.calls911).toEqual(expect.any(Array));
    expect(person.warrants).toBeNull();
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    for (const error of answer.body.errors ?? []) {
      expect(error.extensions?.code).toEqual(expect.any(String));
      expect(JSON.stringify(error)).not.toMatch(INTERNALS);
    }
  }

  it('killed during load: every request is still answered; its fields null with a coded error, then back when it returns', async () => {
    const load = driveLoad(stack.gateway.url, headers, () => JSON.stringify({ query: PERSON_WITH_RECORDS }), faultLoad.concurrency);
    try {
      for (let cycle = 0; cycle < faultLoad.cycles; cycle++) {
        const healthyFrom = load.answers.length;
        await waitFor(() => load.answers.length >= healthyFrom + faultLoad.answersBeforeFault, faultLoad.timeoutMs, 'answers before the kill');
        await stack.faults.warrants.set('down');
        const killedAt = load.answers.length;
        await waitFor(() => load.answers.slice(killedAt).filter((a) => a.body.data?.person?.warrants === null).length >= faultLoad.answersDuringFault, faultLoad.timeoutMs, 'answers while warrants is down');
        await stack.faults.warrants.set('pass');
        const restartedAt = load.answers.length;
        await waitFor(() => load.answers.slice(restartedAt).some((a) => Array.isArray(a.body.data?.person?.warrants)), faultLoad.timeoutMs, 'warrants back');
      }
    } finally {
      await load.stop();
    }
    // No request went unanswered: the gateway itself never dropped a connection.
    expect(load.failures).toEqual([]);
    const withoutWarrants = load.answers.filter((a) => a.body.data?.person?.warrants === null);
    expect(withoutWarrants.length).toBeGreaterThanOrEqual(faultLoad.answersDuringFault * faultLoad.cycles);
    withoutWarrants.forEach(expectAnswerWithoutWarrants);
    for (const answer of load.answers.filter((a) => a.body.data?.person?.warrants !== null)) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.person.warrants).toEqual(expect.any(Array));
    }
  }, faultLoad.testTimeoutMs);

  it('hangs: answered within the subgraph timeout, its fields null with a coded error; other queries are not held up', async () => {
    await stack.faults.warrants.set('hang');
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 4 }, () => postGraphQL(stack.gateway.url, PERSON_WITH_RECORDS, {}, headers)));
    const elapsed = performance.now() - started;
    answers.forEach((answer) => expectAnswerWithoutWarrants({ status: answer.status, body: answer }));
    // It did wait for the hung subgraph (so the fault was real), and no longer than its timeout allows.
    expect(elapsed).toBeGreaterThanOrEqual(SUBGRAPH_TIMEOUT_MS * 0.9);
    expect(elapsed).toBeLessThan(SUBGRAPH_TIMEOUT_MS + 3_000);

    const quick = performance.now();
    const notTouchingWarrants = await postGraphQL(stack.gateway.url, '{ person(id: "P00000001") { fullName calls911 { id } } }', {}, headers);
    expect(notTouchingWarrants.errors).toBeUndefined();
    expect(notTouchingWarrants.data.person.fullName).toEqual(expect.any(String));
    expect(performance.now() - quick).toBeLessThan(SUBGRAPH_TIMEOUT_MS);
  }, faultLoad.testTimeoutMs);
});
