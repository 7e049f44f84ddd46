import type { Database } from '../../platform/storage/Database';
import { startFaultProxy, type FaultProxy } from '../harness/faultProxy';
import { FAULT_WORLD } from '../harness/startFaultStack';
import { createGatewayHome, startGatewayProcess, type GatewayHome, type GatewayProcess } from '../harness/startGatewayProcess';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { postGraphQL } from '../harness/startTestSubgraph';
import { createTestStorage, type TestStorage } from '../harness/testDatabase';

const RECORD_QUERY = '{ person(id: "P00000001") { fullName } }';

/** What a refusal for want of the governance store looks like: a fail-closed code, and no data at all. */
function expectFailedClosed(answer: { status: number; data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }) {
  expect(answer.data ?? null).toBeNull();
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
  expect(codes.length).toBeGreaterThan(0);
  for (const code of codes) expect(['FORBIDDEN', 'AUDIT_UNAVAILABLE']).toContain(code);
  expect(answer.status).toBe(codes.includes('AUDIT_UNAVAILABLE') ? 503 : 403);
}

/**
 * Fail closed [SPEC §3]: without the directory nobody can be authorized (a token alone is not
 * enough [P8]); without the audit store no answer may leave [P18]. (The audit store refusing a
 * write while the directory answers is proved in test/audit/auditTrail-test.ts.)
 */
describe('the governance store (directory and audit) down', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // No directory cache: every request reads the directory, as after the cache expires.
    stack = await startTestStack('pglite', FAULT_WORLD, { directoryCacheMs: 0, recordSubgraphRequests: true });
  }, 120_000);
  afterAll(() => stack?.close());

  it('the directory cannot be read: every caller is refused, nothing reaches a subgraph, the refusal is audited', async () => {
    const events = () => stack.governanceDb.query<{ request_id: string; event: { outcome: string; errorCodes: string[] } }>('SELECT request_id, event FROM audit_event ORDER BY seq');
    const before = (await events()).length;
    const subgraphCalls = stack.subgraphRequests.length;
    await stack.governanceDb.exec('ALTER TABLE directory_user RENAME TO directory_user_unavailable');
    let refused: Response;
    try {
      refused = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('detective')}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) },
        body: JSON.stringify({ query: RECORD_QUERY }),
      });
    } finally {
      await stack.governanceDb.exec('ALTER TABLE directory_user_unavailable RENAME TO directory_user');
    }
    const answer = (await refused.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    expectFailedClosed({ status: refused.status, ...answer });
    expect(answer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(stack.subgraphRequests.length).toBe(subgraphCalls);
    const added = (await events()).slice(before);
    expect(added.map((e) => [e.request_id, e.event.outcome, e.event.errorCodes])).toEqual([[refused.headers.get('x-request-id'), 'REFUSED', ['FORBIDDEN']]]);

    const recovered = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, RECORD_QUERY);
    expect(recovered.data.person.fullName).toEqual(expect.any(String));
  });

  it('the whole store unreachable: no answer leaves, and the gateway recovers when it returns', async () => {
    const restore = breakConnection(stack.governanceDb);
    let answer;
    try {
      answer = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, RECORD_QUERY);
    } finally {
      restore();
    }
    expectFailedClosed(answer);
    const recovered = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, RECORD_QUERY);
    expect(recovered.data.person.fullName).toEqual(expect.any(String));
  });
});

/**
 * The same over a real network fault, where the store is a server: the gateway process's
 * governance store on PostgreSQL behind a TCP proxy that is cut, then restored.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;
onPostgres('the governance store on PostgreSQL, its connection cut', () => {
  let storage: TestStorage;
  let proxy: FaultProxy;
  let home: GatewayHome;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    storage = await createTestStorage('postgres');
    const direct = new URL(storage.target.databaseUrl!);
    proxy = await startFaultProxy();
    proxy.forwardTo(`http://${direct.host}`);
    const proxied = new URL(direct);
    proxied.host = new URL(proxy.url).host;
    home = await createGatewayHome(proxied.toString());
    // No directory cache, so the cut is met at once.
    gateway = await startGatewayProcess(home, [], { DIRECTORY_CACHE_MS: '0' });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
    await storage?.drop();
    home?.remove();
  });

  it('refuses with no data while the connection is cut, and answers again once it is back', async () => {
    const headers = { authorization: `Bearer ${await gateway.token('detective')}` };
    expect((await postGraphQL(gateway.url, '{ me { id } }', {}, headers)).data).toEqual({ me: { id: 'detective' } });
    await proxy.set('down');
    try {
      expectFailedClosed(await postGraphQL(gateway.url, '{ me { id } }', {}, headers));
    } finally {
      await proxy.set('pass');
    }
    let back;
    for (let attempt = 0; attempt < 20; attempt++) {
      back = await postGraphQL(gateway.url, '{ me { id } }', {}, headers);
      if (back.data) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(back!.data).toEqual({ me: { id: 'detective' } });
  });
});

/** Every call on the store fails as on a lost connection, until the returned function restores it. */
function breakConnection(db: Database): () => void {
  const original = { query: db.query, exec: db.exec, transaction: db.transaction };
  const lost = () => Promise.reject(new Error('Connection terminated unexpectedly'));
  Object.assign(db, { query: lost, exec: lost, transaction: lost });
  return () => Object.assign(db, original);
}
