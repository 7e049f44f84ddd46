import { connect } from 'node:net';
import { driveLoad, waitFor } from '../harness/driveLoad';
import { startFaultStack, type FaultStack } from '../harness/startFaultStack';
import { openGovernanceStore } from '../harness/startGatewayProcess';
import { purposeHeaders } from '../harness/startTestStack';
import { faultLoad } from './faultLoad';

/** Each answer waits this long for the calls subgraph: SIGTERM always finds requests in flight. */
const SLOW_MS = 1_500;

/**
 * A deploy or Ctrl-C stops the gateway with SIGTERM: it stops taking connections, finishes the
 * requests in flight (each with its audit event), and exits 0, even while a keep-alive client
 * keeps sending on its open connections.
 */
describe('the gateway stopped with SIGTERM', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack('pglite', {}, ['complaints-arrests', 'calls']);
  }, 120_000);
  afterAll(() => stack?.close());

  it('drains: answers in flight complete with 200 and their audit events, new connections are refused, the process exits 0', async () => {
    const headers = { authorization: `Bearer ${await stack.gateway.token('detective')}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) };
    const query = JSON.stringify({ query: '{ person(id: "P00000001") { fullName calls911 { id } } }' });
    await stack.faults.calls.set({ delayMs: SLOW_MS });
    const load = driveLoad(stack.gateway.url, headers, () => query, faultLoad.concurrency);
    let stoppedAt = 0;
    try {
      // Wait until the first answers are back: every connection is then open, busy and keep-alive.
      await waitFor(() => load.answers.length >= faultLoad.concurrency, faultLoad.timeoutMs, 'first answers');
      const inFlightFrom = load.answers.length;
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS / 3));
      stoppedAt = performance.now();
      stack.gateway.kill('SIGTERM');

      // New connections are refused while the requests in flight are still being answered.
      const refusedWhileDraining = await refusedWithin(stack.gateway.url, 1_000);
      expect(refusedWhileDraining).toBe(true);
      expect(load.answers.length).toBeLessThan(inFlightFrom + faultLoad.concurrency);

      const { code } = await stack.gateway.exited;
      expect(code).toBe(0);
      // It drained rather than waiting out its grace period or being cut.
      expect(performance.now() - stoppedAt).toBeLessThan(SLOW_MS + 4_000);
      // The requests that were in flight at SIGTERM were answered.
      expect(load.answers.length).toBeGreaterThanOrEqual(inFlightFrom + faultLoad.concurrency);
    } finally {
      await load.stop();
      await stack.faults.calls.set('pass');
    }
    for (const answer of load.answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.person.calls911).toEqual(expect.any(Array));
    }
    // After the drain, the client only meets refused connections: nothing was cut mid-answer.
    for (const failure of load.failures) expect(failure.message).toMatch(/ECONNREFUSED|connect/i);

    const store = await openGovernanceStore(stack.home);
    try {
      const requestIds = load.answers.map((a) => a.requestId!);
      const recorded = await store.query<{ request_id: string }>('SELECT request_id FROM audit_event WHERE request_id = ANY($1::text[])', [requestIds]);
      expect(new Set(recorded.map((row) => row.request_id))).toEqual(new Set(requestIds));
    } finally {
      await store.close();
    }
  }, faultLoad.testTimeoutMs);
});

/** Whether a new connection to `url` is refused within `ms` (tried every 50 ms). */
async function refusedWithin(url: string, ms: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
