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
 * POSTs one operation to the gateway with the session's bearer token and, when one is given,
 * the declared purpose (and any further headers a screen chooses, e.g. a commercial search's
 * permissible purpose). Never throws on a refusal: the answer carries the errors to show.
 */
export async function graphqlRequest<Data>(
  session: Session,
  purpose: DeclaredPurpose | null,
  query: string,
  variables: Record<string, unknown> = {},
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLAnswer<Data>> {
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
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body: { data?: Data | null; errors?: GraphQLError[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = { errors: [{ message: `the gateway answered HTTP ${response.status} with no GraphQL body`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
  }
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}
