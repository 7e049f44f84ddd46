import type { GraphQLFormattedError } from 'graphql';
import { formatClientError } from '../formatClientError';
import { internalTextIn } from '../internalText';

/**
 * What a client sees of each kind of error: a code of SPEC §5 and no internal detail. Each row
 * names the rule; removing the rule from formatClientError fails its row.
 */
const development = formatClientError({ production: false, tokenCeiling: 5000 });
const production = formatClientError({ production: true, tokenCeiling: 5000 });

const CASES: [rule: string, input: GraphQLFormattedError, expected: GraphQLFormattedError, format?: typeof development][] = [
  [
    'our own coded error keeps its message and details, but not its HTTP status',
    { message: 'operation too complex: 12 levels', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', value: 12, maximum: 10, http: { status: 400 } } },
    { message: 'operation too complex: 12 levels', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', value: 12, maximum: 10 } },
  ],
  [
    'a syntax error is BAD_USER_INPUT, with Apollo\'s code as the reason',
    { message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 9 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    { message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 9 }], extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' } },
  ],
  [
    'a validation error is BAD_USER_INPUT; in development it keeps its suggestion',
    { message: 'Cannot query field "fullNam" on type "Person". Did you mean "fullName"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    { message: 'Cannot query field "fullNam" on type "Person". Did you mean "fullName"?', extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' } },
  ],
  [
    'production: no field suggestions',
    { message: 'Cannot query field "fullNam" on type "Person". Did you mean "fullName"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    { message: 'Cannot query field "fullNam" on type "Person".', extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' } },
    production,
  ],
  [
    'production: no enum value suggestions in variable errors either',
    { message: 'Variable "$s" got invalid value "FF"; Value "FF" does not exist in "Sex" enum. Did you mean the enum value "F"?', extensions: { code: 'BAD_USER_INPUT' } },
    { message: 'Variable "$s" got invalid value "FF"; Value "FF" does not exist in "Sex" enum.', extensions: { code: 'BAD_USER_INPUT' } },
    production,
  ],
  [
    'a document over the parser\'s token ceiling is QUERY_TOO_COMPLEX',
    { message: 'Syntax Error: Document contains more than 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    {
      message: 'operation too complex: more than 5000 tokens, the most any role may send; ask for less',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', value: 5001, maximum: 5000 },
    },
  ],
  [
    'a document over the token ceiling, as graphql 16.15 words it',
    { message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    {
      message: 'operation too complex: more than 5000 tokens, the most any role may send; ask for less',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', value: 5001, maximum: 5000 },
    },
  ],
  [
    'a document graphql-js gave up validating, as too costly to check, is QUERY_TOO_COMPLEX',
    { message: 'Validation aborted.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    {
      message: 'operation too complex: too many fields share a response name to check that they merge; ask for less',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'validation' },
    },
  ],
  [
    'a batch is BAD_USER_INPUT that says so',
    { message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } },
    { message: 'batched requests are not accepted: send one operation per request', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } },
  ],
  [
    'an unknown operation name is BAD_USER_INPUT',
    { message: 'Unknown operation named "X".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
    { message: 'Unknown operation named "X".', extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' } },
  ],
  [
    'a subgraph down: no host, port or errno',
    { message: 'connect ECONNREFUSED 127.0.0.1:4002', path: ['person', 'calls911'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    { message: 'a record source could not answer this part of the request; try again later', path: ['person', 'calls911'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'a subgraph that hangs past the timeout: the same',
    { message: 'Headers Timeout Error', path: ['person', 'calls911'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    { message: 'a record source could not answer this part of the request; try again later', path: ['person', 'calls911'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'a subgraph\'s internal error: no SQL, no stack, no service name',
    {
      message: 'relation "arrest" does not exist: SELECT * FROM arrest WHERE number = $1',
      path: ['arrest'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'complaints-arrests', exception: { stacktrace: ['Error: x', '    at q (/app/store.ts:1:2)'] } },
    },
    { message: 'a record source could not answer this part of the request; try again later', path: ['arrest'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'a subgraph\'s error with a code outside the contract: generic',
    { message: 'Cannot return null for non-nullable field Arrest.number.', path: ['arrest', 'number'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'complaints-arrests' } },
    { message: 'a record source could not answer this part of the request; try again later', path: ['arrest', 'number'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'a subgraph\'s coded error keeps its message, without the service name',
    { message: 'not authorized: sealed record', path: ['arrest'], extensions: { code: 'FIELD_NOT_AUTHORIZED', reason: 'SEALED_RECORD', serviceName: 'complaints-arrests' } },
    { message: 'not authorized: sealed record', path: ['arrest'], extensions: { code: 'FIELD_NOT_AUTHORIZED', reason: 'SEALED_RECORD' } },
  ],
  [
    'a subgraph refusing the gateway\'s signature is the gateway\'s failure, not UNAUTHENTICATED',
    { message: 'this subgraph answers only the gateway', extensions: { code: 'UNAUTHENTICATED', serviceName: 'calls' } },
    { message: 'a record source could not answer this part of the request; try again later', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'a subgraph\'s HTTP 400: the coded error inside, without the subgraph\'s URL',
    {
      message: '400: 400',
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        response: { url: 'http://127.0.0.1:4001/graphql', status: 400, body: { errors: [{ message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT' } }] } },
      },
    },
    { message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT' } },
  ],
  [
    'a subgraph\'s HTTP 500 with no coded error: generic',
    { message: '500: Internal Server Error', extensions: { code: 'INTERNAL_SERVER_ERROR', response: { url: 'http://10.0.0.7:4001/graphql', status: 500, body: 'Error: at /app/x.js:1:1' } } },
    { message: 'a record source could not answer this part of the request; try again later', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'a coded error whose message would show an internal: a plain message',
    { message: 'no authorization 10.1.2.3:5432 in force', extensions: { code: 'POLITICAL_ACTIVITY_RESTRICTED' } },
    { message: 'refused: POLITICAL_ACTIVITY_RESTRICTED', extensions: { code: 'POLITICAL_ACTIVITY_RESTRICTED' } },
  ],
  [
    'a detail that would show an internal is dropped',
    { message: 'refused', extensions: { code: 'FORBIDDEN', cause: 'ECONNREFUSED 10.0.0.1:5432' } },
    { message: 'refused', extensions: { code: 'FORBIDDEN' } },
  ],
  [
    'context creation failing with an exception: generic',
    { message: 'Context creation failed: cannot read /var/run/erms/keys/context.jwk', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
  [
    'an error with no code at all: generic',
    { message: 'Unexpected error value: undefined' },
    { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
];

describe('formatClientError', () => {
  it.each(CASES)('%s', (_rule, input, expected, format = development) => {
    expect(format(input)).toEqual(expected);
  });
});

describe('internalTextIn', () => {
  it.each([
    ['a stack frame', 'Error: boom\n    at Object.<anonymous> (x)'],
    ['a stack frame', 'failed at store.ts:12:7'],
    ['a file path', 'cannot open /var/lib/erms/data'],
    ['SQL', 'SELECT id FROM person WHERE name = $1'],
    ['SQL', 'syntax error at or near "FROM"'],
    ['a network error', 'connect ECONNREFUSED'],
    ['a host or port', 'db.internal:5432 is down'],
    ['a host or port', 'reached 127.0.0.1'],
    ['a URL', 'request to http://calls/graphql failed'],
  ])('finds %s in %j', (what, text) => {
    expect(internalTextIn(text)).toBe(what);
  });

  it.each([
    'not authorized: training required first: ERMS-OUTSIDE-AGENCY-RECORDS',
    'sealed under CPL 160.50/160.55, hidden unless a permitted purpose is declared',
    'X-Case-Number must be 2 to 64 letters, digits and - . / # : _ (a case or incident number)',
    'operation too complex: 6000 estimated fields resolved, at most 5000 for your roles; ask for less, or page through it',
    'reported at 2025-03-14T22:05:00.000Z in PL 155.30',
    'Select a purpose from the list',
  ])('finds nothing in our own message %j', (text) => {
    expect(internalTextIn(text)).toBeNull();
  });
});

describe('what the client is not shown', () => {
  it('goes to the operators\' log as it was, and coded errors do not', () => {
    const logged: GraphQLFormattedError[] = [];
    const format = formatClientError({ production: true, logHidden: (error) => logged.push(error) });
    const down = { message: 'request to http://10.0.0.7:4002/graphql failed, reason: connect ECONNREFUSED 10.0.0.7:4002', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'calls' } };
    expect(format(down).message).not.toContain('10.0.0.7');
    format({ message: 'operation too complex', extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(logged).toEqual([down]);
  });
});
