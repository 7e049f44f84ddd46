/**
 * U+0000 and unpaired UTF-16 surrogates: PostgreSQL's text and jsonb cannot hold them, so an
 * operation carrying one could not be audited [P18], and no answer leaves without its audit
 * record. No GraphQL document needs them (graphql-js refuses both outside comments).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the operation text of a request (POST body, batched or not, or GET parameters) has one. */
export function hasUnstorableText(body: unknown, search: URLSearchParams): boolean {
  const operations = Array.isArray(body) ? body : [body];
  const texts = [
    ...operations.flatMap((operation) => [(operation as { query?: unknown } | null)?.query, (operation as { operationName?: unknown } | null)?.operationName]),
    search.get('query'),
    search.get('operationName'),
  ];
  return texts.some((text) => typeof text === 'string' && UNSTORABLE.test(text));
}
