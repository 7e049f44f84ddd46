import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string; [key: string]: unknown };
}

/** An operation's answer: data and the errors beside it (withheld fields among them). */
export interface GraphQLAnswer<Data> {
  status: number;
  data: Data | null;
  errors: GraphQLError[];
}

/**
 * Header values travel as bytes: the browser accepts only Latin-1 strings, so a justification
 * in Spanish or with an accent is sent as its UTF-8 bytes, as curl sends it (the gateway reads
 * the purpose headers as UTF-8 [P5]).
 */
function utf8AsLatin1(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
}

/**
 * The session's bearer token and, when one is given, the declared purpose [P5], as request
 * headers, with any further headers a screen chooses (a commercial search's permissible purpose).
 */
export function gatewayHeaders(session: Session, purpose: DeclaredPurpose | null, extraHeaders: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    'content-type': 'application/json',
    authorization: `Bearer ${session.token}`,
  };
  if (purpose) {
    headers['x-purpose'] = purpose.code;
    headers['x-case-number'] = utf8AsLatin1(purpose.caseNumber);
    headers['x-justification'] = utf8AsLatin1(purpose.justification);
  }
  return headers;
}

/**
 * POSTs one operation to the gateway with the session's bearer token and, when one is given,
 * the declared purpose (and any further headers a screen chooses). Never throws on a refusal:
 * the answer carries the errors to show.
 */
export function graphqlRequest<Data>(
  session: Session,
  purpose: DeclaredPurpose | null,
  query: string,
  variables: Record<string, unknown> = {},
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLAnswer<Data>> {
  return postGraphQL<Data>(session, purpose, { query, variables }, extraHeaders);
}

/** POSTs any GraphQL-over-HTTP body (a saved query's run has `extensions` and no `query`). */
export async function postGraphQL<Data>(
  session: Session,
  purpose: DeclaredPurpose | null,
  body: Record<string, unknown>,
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLAnswer<Data>> {
  const response = await fetch('/graphql', { method: 'POST', headers: gatewayHeaders(session, purpose, extraHeaders), body: JSON.stringify(body) });
  let answer: { data?: Data | null; errors?: GraphQLError[] } = {};
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    answer = { errors: [{ message: `the gateway answered HTTP ${response.status} with no GraphQL body`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
  }
  return { status: response.status, data: answer.data ?? null, errors: answer.errors ?? [] };
}
