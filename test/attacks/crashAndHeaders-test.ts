import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../platform/http/createServer';
import { closeServer } from '../../platform/http/closeServer';
import { listen } from '../../subgraphs/serveSubgraph';
import { FAST_BEHAVIOUR, startSimulators, type RunningSimulators } from '../../simulators/startSimulators';
import { TEST_API_KEYS } from '../harness/startCommercialStack';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { TEST_WORLD } from '../harness/startTestSubgraph';

/**
 * Issue 20: nothing a client sends brings a process down (SPEC §7: never a crash), repeated
 * purpose headers are refused rather than merged [P5], variables are bounded before any
 * subgraph is called and the refusal is audited [P18], and metrics are for ADMIN and VENDOR
 * only [P16]. Every case goes over real HTTP to a started stack.
 */

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http, not fetch: fetch joins a repeated header into one line, and these tests need two. */
function send(url: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A server whose listener threw may never answer: fail the case rather than hang the suite.
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer from ${url} in 5 s`)));
    req.end(options.body);
  });
}

const codeOf = (answer: Answer): unknown => (JSON.parse(answer.text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;

/** Keys that a plain object answers from Object.prototype. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

describe('a client cannot crash a process, repeat a purpose header, nest variables without bound or read metrics', () => {
  let stack: TestStack;
  let simulators: RunningSimulators;
  let gatewayBase: string;
  const PERSON = 'query Who { person(id: "P00000001") { fullName } }';

  beforeAll(async () => {
    stack = await startTestStack('pglite', TEST_WORLD, { recordSubgraphRequests: true });
    simulators = await startSimulators({ world: TEST_WORLD, host: '127.0.0.1', port: 0, apiKeys: TEST_API_KEYS, behaviour: () => FAST_BEHAVIOUR });
    gatewayBase = stack.gateway.url.replace(/\/graphql$/, '');
  }, 120_000);
  afterAll(async () => {
    await simulators?.close();
    await stack?.close();
  });

  const detective = async (): Promise<OutgoingHttpHeaders> => ({
    'content-type': 'application/json',
    authorization: `Bearer ${await stack.token('detective')}`,
    ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }),
  });

  describe('route tables never answer from Object.prototype: a 404, and the service keeps serving', () => {
    const paths = PROTOTYPE_KEYS.flatMap((key) => [`/explorer/${key}`, `/${key}`, `/explorer/${key}/x`]);
    it.each(paths)('gateway %s', async (path) => {
      expect((await send(`${gatewayBase}${path}`)).status).toBe(404);
      expect((await send(`${gatewayBase}/healthz`)).status).toBe(200);
      expect((await send(`${gatewayBase}/explorer/graphiql.min.css`)).status).toBe(200);
    });
    it.each(PROTOTYPE_KEYS.map((key) => `/${key}`))('subgraph %s', async (path) => {
      const base = stack.subgraphs.calls.url.replace(/\/graphql$/, '');
      expect((await send(`${base}${path}`)).status).toBe(404);
      expect((await send(`${base}/healthz`)).status).toBe(200);
    });
    it.each(PROTOTYPE_KEYS.flatMap((key) => [`/${key}`, `/v1/search/${key}`]))('simulator %s', async (path) => {
      const { url } = simulators.byProvider.TLO;
      const answer = await send(`${url}${path}`, { headers: { authorization: `Bearer ${TEST_API_KEYS.TLO}` } });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect((await send(`${url}/v1/search/person`, { method: 'POST', body: '{' })).status).toBe(400);
    });
  });

  describe('a handler that fails answers 500 INTERNAL_SERVER_ERROR with the request id, and the process serves on', () => {
    it('a simulator refusing a body over its limit (its handler rejects)', async () => {
      const { url } = simulators.byProvider.TLO;
      const answer = await send(`${url}/v1/search/person`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(200_000) }) });
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: answer.headers['x-request-id'] } }] });
      expect((await send(`${url}/nothing`)).status).toBeLessThan(500);
    });

    const failures: [string, () => never | Promise<never>][] = [
      ['throws synchronously', () => { throw new Error('sync'); }],
      ['rejects', async () => { throw new Error('async'); }],
    ];
    it.each(failures)('any server built by createServer: a handler that %s', async (_name, fail) => {
      const logged: string[] = [];
      const server = createServer((request, response) => (request.url === '/fail' ? fail() : void response.end('ok')), undefined, ({ requestId }) => logged.push(requestId));
      await listen(server, 0, '127.0.0.1');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const answer = await send(`${base}/fail`);
        expect(answer.status).toBe(500);
        const requestId = answer.headers['x-request-id'];
        expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
        expect(logged).toEqual([requestId]);
        expect((await send(`${base}/ok`)).text).toBe('ok');
      } finally {
        await closeServer(server, 100);
      }
    });
  });

  describe('[P5, P9] a declared purpose and a caller are one each: a repeated header is refused, naming it', () => {
    it.each(['X-Purpose', 'X-Case-Number', 'X-Justification', 'Authorization'])('%s sent twice → 400 BAD_USER_INPUT', async (header) => {
      const headers = await detective();
      const name = header.toLowerCase();
      headers[name] = [String(headers[name]), name === 'x-purpose' ? 'AUDIT' : String(headers[name])];
      const before = stack.subgraphRequests.length;
      const answer = await send(stack.gateway.url, { method: 'POST', headers, body: JSON.stringify({ query: PERSON }) });
      expect(answer.status).toBe(400);
      const error = (JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string; header: string } }[] }).errors[0]!;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', header });
      expect(error.message).toContain(header);
      expect(stack.subgraphRequests.length).toBe(before);
    });

    it('the same headers once each are answered', async () => {
      const answer = await send(stack.gateway.url, { method: 'POST', headers: await detective(), body: JSON.stringify({ query: PERSON }) });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text).data.person.fullName).toEqual(expect.any(String));
    });
  });

  describe('[P18] variables are bounded before any subgraph is called, and the refusal is audited', () => {
    /** Nesting built as text, iteratively: no recursion on this side either. */
    const nested = (depth: number) => `${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`;
    const body = (variablesJson: string) => `{"query":${JSON.stringify(PERSON)},"variables":{"unused":${variablesJson}}}`;
    const refusals: [string, string, string][] = [
      ['nested 200,000 deep (unused)', body(nested(200_000)), 'VARIABLES_TOO_DEEP'],
      ['nested one level past the limit (33)', body(nested(33)), 'VARIABLES_TOO_DEEP'],
      ['over the size limit, shallow', body(JSON.stringify(['x'.repeat(300_000)])), 'VARIABLES_TOO_LARGE'],
    ];
    it.each(refusals)('variables %s → 400 BAD_USER_INPUT, no subgraph call, one audit event', async (_name, text, reason) => {
      const before = stack.subgraphRequests.length;
      const answer = await send(stack.gateway.url, { method: 'POST', headers: await detective(), body: text });
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(stack.subgraphRequests.length).toBe(before);
      const events = await stack.governanceDb.query<{ user_id: string; event: { errorCodes: string[]; reason: string } }>(
        'SELECT user_id, event FROM audit_event WHERE request_id = $1',
        [String(answer.headers['x-request-id'])],
      );
      expect(events).toEqual([expect.objectContaining({ user_id: 'detective', event: expect.objectContaining({ errorCodes: ['BAD_USER_INPUT'], reason }) })]);
    });

    it('variables in a GET request are bounded too', async () => {
      const variables = encodeURIComponent(JSON.stringify({ unused: JSON.parse(nested(100)) }));
      const answer = await send(`${stack.gateway.url}?query=${encodeURIComponent(PERSON)}&variables=${variables}`, { headers: { ...(await detective()), 'apollo-require-preflight': 'true' } });
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    });

    it('variables nested to the limit (32) are ordinary work, answered', async () => {
      const answer = await send(stack.gateway.url, { method: 'POST', headers: await detective(), body: body(nested(32)) });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text).data.person.fullName).toEqual(expect.any(String));
    });
  });

  describe('a variable named after an Object.prototype key is measured like any other', () => {
    // officer: cost at most 2000; 100 arrests with their people, arrests and charges cost 2602.
    const PAGED = 'arrests(first: $NAME) { edges { node { number person { fullName arrests { number } } charges { lawCode } } } }';
    it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('$%s = 100 (its default, not sent) → QUERY_TOO_COMPLEX for patrol', async (name) => {
      const before = stack.subgraphRequests.length;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('officer')}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) };
      const query = `query Q($${name}: Int = 100) { ${PAGED.replace('NAME', name)} }`;
      const answer = await send(stack.gateway.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
      expect(codeOf(answer)).toBe('QUERY_TOO_COMPLEX');
      expect(stack.subgraphRequests.length).toBe(before);
    });
  });

  describe('[P16] /metrics is for ADMIN and VENDOR only', () => {
    const metrics = async (user: string | null) =>
      send(`${gatewayBase}/metrics`, { headers: user ? { authorization: `Bearer ${await stack.token(user)}` } : {} });
    it.each([
      ['no token', null, 401],
      ['an officer', 'officer', 403],
      ['an auditor of the IAB', 'iab', 403],
      ['the system administrator', 'admin', 200],
      ['a vendor', 'vendor', 200],
    ] as const)('%s (%s) → %d', async (_who, user, status) => {
      const answer = await metrics(user);
      expect(answer.status).toBe(status);
      if (status === 200) expect(answer.text).toContain('erms_guard_refusals_total');
      else expect(answer.text).not.toContain('erms_');
    });
    it('a forged token → 401', async () => {
      const answer = await send(`${gatewayBase}/metrics`, { headers: { authorization: 'Bearer not.a.token' } });
      expect(answer.status).toBe(401);
    });
  });
});
