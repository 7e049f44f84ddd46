import type { GraphQLRequestContext } from '@apollo/server';
import { getOperationAST, type DocumentNode } from 'graphql';

/**
 * Hands Apollo the document a stage rewrote, for planning and execution, keyed in the plan
 * cache by `hash` (never the original text: two callers with different rights must not share a
 * plan). Apollo Server has no supported hook for this: the fields are read-only in its types, and
 * this is the one place that writes them. gateway/__tests__/replaceDocument-test.ts fails if an
 * Apollo upgrade stops executing or keying the replaced document.
 */
export function replaceDocument<Context extends object>(requestContext: GraphQLRequestContext<Context>, document: DocumentNode, hash: string): void {
  const mutable = requestContext as { document: DocumentNode; operation: unknown; queryHash: string };
  mutable.document = document;
  mutable.operation = getOperationAST(document, requestContext.operationName);
  mutable.queryHash = hash;
}
