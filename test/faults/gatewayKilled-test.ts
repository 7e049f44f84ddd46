import { verifyAuditChain } from '../../subgraphs/governance/audit/verifyAuditChain';
import { driveLoad, waitFor, type ReceivedAnswer } from '../harness/driveLoad';
import { startFaultStack, type FaultStack } from '../harness/startFaultStack';
import { openGovernanceStore } from '../harness/startGatewayProcess';
import { purposeHeaders } from '../harness/startTestStack';
import { backends } from '../harness/testDatabase';
import { faultLoad } from './faultLoad';

/**
 * "Nothing is lost" (SPEC §7) [P18]: an answer leaves the gateway only once its audit event is
 * committed, so even a SIGKILL under load (no shutdown code runs) leaves no answer the client
 * received without its event, and the chain still verifies when the store is opened again.
 */
describe.each(backends())('the gateway killed with SIGKILL under load (%s)', (backend) => {
  let stack: FaultStack;
  beforeAll(async () => {
    // The load reads persons and their arrests: complaints-arrests is all it needs.
    stack = await startFaultStack(backend, {}, ['complaints-arrests']);
  }, 120_000);
  afterAll(() => stack?.close());

  it('every successful answer the client received has its audit event, and the chain holds', async () => {
    const answered: ReceivedAnswer[] = [];
    // FAULTS_LONG: killed again and again, each time restarted on the store the last one left.
    for (let cycle = 0; cycle < faultLoad.cycles; cycle++) {
      if (cycle > 0) await stack.startGateway();
      const headers = { authorization: `Bearer ${await stack.gateway.token('detective')}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) };
      // Different persons, so the events differ and the batches mix.
      const body = (i: number) => JSON.stringify({ query: 'query Who($id: ID!) { person(id: $id) { fullName arrests { number } } }', variables: { id: `P${String((i % 50) + 1).padStart(8, '0')}` } });
      const load = driveLoad(stack.gateway.url, headers, body, faultLoad.concurrency * 2);
      try {
        await waitFor(() => load.answers.filter((a) => a.status === 200).length >= faultLoad.answersBeforeFault * 3, faultLoad.timeoutMs, 'answers before the kill');
        stack.gateway.kill('SIGKILL');
        expect(await stack.gateway.exited).toEqual({ code: null, signal: 'SIGKILL' });
      } finally {
        await load.stop();
      }
      // From the kill on, the client gets no answer at all (refused, cut), never a wrong one.
      expect(load.failures.length).toBeGreaterThan(0);
      answered.push(...load.answers.filter((a) => a.status === 200));
    }
    expect(answered.length).toBeGreaterThanOrEqual(faultLoad.answersBeforeFault * 3 * faultLoad.cycles);
    for (const answer of answered) expect(answer.body.data?.person?.fullName).toEqual(expect.any(String));
    const requestIds = answered.map((a) => a.requestId);
    expect(requestIds).not.toContain(null);

    const store = await openGovernanceStore(stack.home);
    try {
      const recorded = await store.query<{ request_id: string }>('SELECT request_id FROM audit_event WHERE request_id = ANY($1::text[])', [requestIds as string[]]);
      const found = new Set(recorded.map((row) => row.request_id));
      expect(requestIds.filter((id) => !found.has(id!))).toEqual([]);
      expect(await verifyAuditChain(store)).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  }, faultLoad.testTimeoutMs);
});
