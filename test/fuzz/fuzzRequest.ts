import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { PURPOSES } from '../../policy/vocabulary';
import { buildDocument, type ValuePool } from './buildDocument';
import { mutateDocument, mutationArbitrary, type Mutation } from './mutateDocument';

/**
 * One fuzzed request, as plain data (fast-check prints it on failure and shrinks it): who
 * sends it and how they authenticate, the purpose headers, the document (built from the
 * schema, then maybe mutated), the variables, and the shape of the HTTP body.
 */
export interface FuzzCase {
  user: string;
  auth: 'valid' | 'missing' | 'garbage' | 'tampered' | 'wrongScheme' | 'remoteNoMfa';
  purpose: PurposeVariant;
  choices: number[];
  mutation: Mutation;
  variables: { kind: 'built' } | { kind: 'random'; value: unknown } | { kind: 'corrupted'; value: unknown };
  body: 'json' | 'batch' | 'notJson' | 'queryNotString' | 'persisted' | 'get' | 'textPlain';
}

export type PurposeVariant =
  | { kind: 'valid'; code: string; caseNumber: string; justification: string }
  | { kind: 'none' }
  | { kind: 'partial'; code: string }
  | { kind: 'lowercase'; code: string }
  | { kind: 'lookAlike'; code: string }
  | { kind: 'text'; code: string; caseNumber: string; justification: string; authorization: string };

const CASE_NUMBERS = ['2025-075-000123', 'PI-2026-0007', 'IAB-2025-0001', 'I-247A-2025-1', 'x', ''];
const JUSTIFICATIONS = [
  'Robbery pattern in the 75 precinct, test case',
  'Audit of the uses of the 75 precinct in March',
  'Prosecution of the defendant, discovery',
  'Honor the I-247A detainer for the subject',
  'too short',
];

/** A header value as bytes on the wire: UTF-8 sent as latin1, no control characters. */
export function headerValue(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1').replace(/[^\t\x20-\x7e\x80-\xff]/g, '').trim();
}

export function fuzzCaseArbitrary(users: readonly string[]): fc.Arbitrary<FuzzCase> {
  const code = fc.constantFrom(...PURPOSES);
  const purpose: fc.Arbitrary<PurposeVariant> = fc.oneof(
    { weight: 60, arbitrary: fc.record({ kind: fc.constant('valid' as const), code, caseNumber: fc.constantFrom(...CASE_NUMBERS.slice(0, 3)), justification: fc.constantFrom(...JUSTIFICATIONS.slice(0, 3)) }) },
    { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('partial' as const), code }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('lowercase' as const), code }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('lookAlike' as const), code }) },
    {
      weight: 17,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        code: fc.oneof(code, fc.string({ unit: 'binary', maxLength: 30 })),
        caseNumber: fc.oneof(fc.constantFrom(...CASE_NUMBERS), fc.string({ unit: 'binary', maxLength: 70 })),
        justification: fc.oneof(fc.constantFrom(...JUSTIFICATIONS), fc.string({ unit: 'binary', maxLength: 1100 })),
        authorization: fc.constantFrom('', 'PI-2026-0007', 'FI-2025-0003', 'ICE'),
      }),
    },
  );
  return fc.record({
    user: fc.constantFrom(...users),
    auth: fc.oneof(
      { weight: 80, arbitrary: fc.constant('valid' as const) },
      { weight: 20, arbitrary: fc.constantFrom('missing' as const, 'garbage' as const, 'tampered' as const, 'wrongScheme' as const, 'remoteNoMfa' as const) },
    ),
    purpose,
    choices: fc.array(fc.nat(), { maxLength: 80 }),
    mutation: mutationArbitrary,
    variables: fc.oneof(
      { weight: 80, arbitrary: fc.constant({ kind: 'built' as const }) },
      { weight: 10, arbitrary: fc.record({ kind: fc.constant('random' as const), value: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 1 })) }) },
      { weight: 10, arbitrary: fc.record({ kind: fc.constant('corrupted' as const), value: fc.jsonValue({ maxDepth: 2 }) }) },
    ),
    body: fc.oneof(
      { weight: 88, arbitrary: fc.constant('json' as const) },
      { weight: 12, arbitrary: fc.constantFrom('batch' as const, 'notJson' as const, 'queryNotString' as const, 'persisted' as const, 'get' as const, 'textPlain' as const) },
    ),
  });
}

/** Bearer tokens of each user, minted once: the fuzzer sends them or spoils them. */
export interface Tokens {
  valid: ReadonlyMap<string, string>;
  remoteNoMfa: ReadonlyMap<string, string>;
}

export interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What the gateway would run, when the body carries one operation. */
  operation?: { query: string; operationName?: string; variables?: Record<string, unknown> };
}

export function toRequest(fuzz: FuzzCase, schema: GraphQLSchema, pool: ValuePool, tokens: Tokens): FuzzRequest {
  const built = buildDocument(schema, fuzz.choices, pool);
  const query = mutateDocument(built.query, fuzz.mutation);
  let variables: unknown = built.variables;
  if (fuzz.variables.kind === 'random') variables = fuzz.variables.value;
  if (fuzz.variables.kind === 'corrupted') {
    const names = Object.keys(built.variables);
    variables = names.length ? { ...built.variables, [names[0]!]: fuzz.variables.value } : { v0: fuzz.variables.value };
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', ...purposeHeaders(fuzz.purpose), ...authorization(fuzz, tokens) };
  const operation = { query, operationName: built.operationName, variables: variables as Record<string, unknown> };
  const json = JSON.stringify(operation);
  switch (fuzz.body) {
    case 'json':
      return { method: 'POST', path: '/graphql', headers, body: json, operation };
    case 'batch':
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify([operation, { query: '{ me { id } }' }]) };
    case 'notJson':
      return { method: 'POST', path: '/graphql', headers, body: json.slice(0, Math.max(1, json.length >> 1)) };
    case 'queryNotString':
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query: { query }, variables }) };
    case 'persisted':
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } }, variables }) };
    case 'textPlain':
      return { method: 'POST', path: '/graphql', headers: { ...headers, 'content-type': 'text/plain' }, body: json };
    case 'get': {
      const search = new URLSearchParams({ query, variables: JSON.stringify(variables), ...(built.operationName ? { operationName: built.operationName } : {}) });
      const { 'content-type': _json, ...rest } = headers;
      const path = `/graphql?${search}`;
      // Over 16 KiB, Node's parser refuses the request line (HTTP 431) before the gateway sees it.
      return { method: 'GET', path, headers: { ...rest, 'apollo-require-preflight': 'true' }, ...(path.length < 8_000 ? { operation } : {}) };
    }
  }
}

function authorization(fuzz: FuzzCase, tokens: Tokens): Record<string, string> {
  const token = tokens.valid.get(fuzz.user) ?? tokens.valid.values().next().value!;
  switch (fuzz.auth) {
    case 'valid': return { authorization: `Bearer ${token}` };
    case 'missing': return {};
    case 'garbage': return { authorization: 'Bearer not.a.token' };
    // The last character of the signature changed: the signature no longer verifies.
    case 'tampered': return { authorization: `Bearer ${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}` };
    case 'wrongScheme': return { authorization: `Basic ${Buffer.from(`${fuzz.user}:password`).toString('base64')}` };
    case 'remoteNoMfa': return { authorization: `Bearer ${tokens.remoteNoMfa.get(fuzz.user) ?? token}` };
  }
}

function purposeHeaders(purpose: PurposeVariant): Record<string, string> {
  const headers = (code: string, caseNumber = CASE_NUMBERS[0]!, justification = JUSTIFICATIONS[0]!, authorization = '') =>
    Object.fromEntries(
      Object.entries({ 'x-purpose': code, 'x-case-number': caseNumber, 'x-justification': justification, 'x-investigation-authorization': authorization })
        .map(([name, value]) => [name, headerValue(value)])
        .filter(([, value]) => value !== ''),
    );
  switch (purpose.kind) {
    case 'valid': return headers(purpose.code, purpose.caseNumber, purpose.justification, purpose.code === 'POLITICAL_ACTIVITY' ? 'PI-2026-0007' : '');
    case 'none': return {};
    case 'partial': return { 'x-purpose': purpose.code };
    case 'lowercase': return headers(purpose.code.toLowerCase());
    case 'lookAlike': return headers(purpose.code.replace('E', 'Е'));
    case 'text': return headers(purpose.code, purpose.caseNumber, purpose.justification, purpose.authorization);
  }
}
