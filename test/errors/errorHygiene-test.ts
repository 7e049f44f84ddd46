import { createServer, type Server } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { internalTextIn } from '../../gateway/errors/internalText';
import { startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Error hygiene through the whole stack (SPEC §7): every error a client sees has a code of
 * SPEC §5 and shows no stack, SQL, host, port or file path, even when a subgraph fails or leaks.
 * The subgraph outage and the leaking subgraph come last: they take the calls subgraph down.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
const AUDIT = { code: 'AUDIT' };
const PERSON_WITH_CALLS = '{ person(id: "P00000001") { fullName calls911 { id } } }';

/** The answer as a client reads it, checked for internals as a whole. */
function expectNoInternals(answer: unknown): void {
  expect(internalTextIn(JSON.stringify(answer))).toBeNull();
}

describe('error hygiene, through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite');
  }, 120_000);
  afterAll(() => stack?.close());

  it('answers a syntax error with BAD_USER_INPUT and where it is', async () => {
    const result = await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000001") { fullName }');
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      { message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 39 }], extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' } },
    ]);
  });

  it.each([
    ['a subscription (the supergraph has none; the executor threw, HTTP 500)', 'subscription { me { id } }', 'This service has no subscription operations.'],
    ['U+0000 in a comment (the audit store cannot record it: every concurrent answer got HTTP 503)', '{ me { id } } # \u0000', 'the operation contains U+0000 or an unpaired surrogate, which no GraphQL document needs'],
    ['an unpaired surrogate', '{ me { id } }\ud800', 'the operation contains U+0000 or an unpaired surrogate, which no GraphQL document needs'],
  ])('answers %s with HTTP 400 and BAD_USER_INPUT', async (_what, query, message) => {
    const result = await stack.queryAs('detective', INVESTIGATION, query);
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });

  it('keeps field suggestions in development (the production suite proves them gone)', async () => {
    const result = await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000001") { fullNam } }');
    expect(result.errors![0]).toMatchObject({ message: expect.stringMatching(/Did you mean "fullName"\?$/), extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('lets GraphiQL\'s introspection query through the limits, for any role (the explorer needs it)', async () => {
    const result = await stack.queryAs('officer', INVESTIGATION, getIntrospectionQuery());
    expect(result.status).toBe(200);
    expect(result.errors ?? []).toEqual([]);
    expect(result.data.__schema.types.length).toBeGreaterThan(50);
  });

  it('hands on a subgraph\'s coded refusal of one field, with its path, without the subgraph\'s URL', async () => {
    const result = await stack.queryAs('iab', AUDIT, '{ arrests(first: 1000) { totalCount } }');
    expect(result.errors).toEqual([{ message: 'first must be between 0 and 100', path: ['arrests'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } }]);
    expect(result.data).toEqual({ arrests: null });
    expectNoInternals(result);
  });

  describe('with the calls subgraph down, then leaking', () => {
    let fake: Server | undefined;
    let port: number;
    beforeAll(async () => {
      const calls = stack.subgraphs.calls;
      port = Number(new URL(calls.url).port);
      await calls.close();
      calls.close = async () => undefined; // closed here, once
    });
    afterAll(() => new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve())));

    /** Puts a subgraph on the calls port that answers every request with `status` and `body`. */
    const leakingSubgraph = async (status: number, contentType: string, body: string) => {
      if (fake) await new Promise<void>((resolve) => fake!.close(() => resolve()));
      fake = createServer((request, response) => {
        request.resume();
        request.on('end', () => response.writeHead(status, { 'content-type': contentType }).end(body));
      });
      await new Promise<void>((resolve) => fake!.listen(port, '127.0.0.1', resolve));
    };

    it('a subgraph down: the rest of the answer, and an error with no host, port or errno', async () => {
      const result = await stack.queryAs('detective', INVESTIGATION, PERSON_WITH_CALLS);
      expect(result.status).toBe(200);
      expect(result.data.person.fullName).toEqual(expect.any(String));
      expect(result.data.person.calls911).toBeNull();
      expect(result.errors).toEqual([
        { message: 'a record source could not answer this part of the request; try again later', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expectNoInternals(result);
    });

    it.each([
      [
        'an internal error with SQL, a stack and a host in it',
        200,
        'application/json',
        JSON.stringify({
          data: { _entities: [null] },
          errors: [{
            message: 'relation "call911" does not exist: SELECT * FROM call911 WHERE person_id = ANY($1) (db.internal:5432)',
            path: ['_entities', 0, 'calls911'],
            extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { stacktrace: ['error: relation does not exist', '    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)'] } },
          }],
        }),
      ],
      ['an HTTP 500 with a stack trace as text', 500, 'text/plain', 'Error: boom\n    at handler (/srv/erms/subgraphs/calls/server.js:12:7)'],
      ['an HTTP 502 from a proxy, as HTML', 502, 'text/html', '<html><body>502 Bad Gateway: upstream 10.0.3.7:4002 refused</body></html>'],
      ['a body that is not JSON', 200, 'application/json', 'SELECT 1; -- not json'],
      ['a coded error whose message shows a host', 200, 'application/json', JSON.stringify({ errors: [{ message: 'calls-db.internal:5432 timed out', extensions: { code: 'BAD_USER_INPUT' } }] })],
    ])('a subgraph that leaks %s: a code and a plain message', async (_what, status, contentType, body) => {
      await leakingSubgraph(status, contentType, body);
      const result = await stack.queryAs('detective', INVESTIGATION, PERSON_WITH_CALLS);
      expect(result.status).toBe(200);
      expect(result.data.person.fullName).toEqual(expect.any(String));
      expect(result.errors!.length).toBeGreaterThan(0);
      for (const error of result.errors!) expect(['INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT']).toContain(error.extensions?.code);
      expectNoInternals(result);
    });
  });
});
