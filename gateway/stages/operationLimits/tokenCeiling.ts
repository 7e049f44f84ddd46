/**
 * The parser itself stops at the largest token limit of any role (`parseOptions.maxTokens`), so
 * a huge document is never parsed in full, whoever sends it. graphql-js reports it as a syntax
 * error; these recognise it, so it is counted and answered as QUERY_TOO_COMPLEX like any limit.
 */
const TOO_MANY_TOKENS = /Document contains more tha[nt] \d+ tokens\. Parsing aborted\./; // graphql 16.15 writes "more that"

export function isTokenCeilingError(error: { message: string } | undefined | null): boolean {
  return !!error && TOO_MANY_TOKENS.test(error.message);
}
