import {
  buildSchema, execute, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { RemovedFields } from './rewriteOperation';

/**
 * Rebuilds the answer to the ORIGINAL operation from the data of the rewritten one: graphql-js
 * re-executes the original document over that data, and each removed field resolves to an
 * error `FIELD_NOT_AUTHORIZED`. So the client gets exactly the shape it asked for (aliases,
 * key order, fragments), a removed field is `null` with an error whose `path` names it, and a
 * removed non-null field nulls its nearest nullable parent, as the GraphQL spec says.
 */
/**
 * Apollo Server wraps every resolver of the schema it serves (for plugin hooks), and a wrapped
 * field ignores `execute`'s `fieldResolver`. The answer is rebuilt on a plain copy of the API
 * schema: types, fields and arguments only, no resolvers.
 */
const plainSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();
function plainCopy(schema: GraphQLSchema): GraphQLSchema {
  let copy = plainSchemas.get(schema);
  // Stryker disable next-line ConditionalExpression: a cache; the copy built again is the same schema
  if (!copy) plainSchemas.set(schema, (copy = buildSchema(printSchema(schema))));
  return copy;
}

export function restoreRemovedFields(
  schema: GraphQLSchema,
  original: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
  data: Record<string, unknown> | null | undefined,
  removed: RemovedFields,
): { data: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  const result = execute({
    schema: plainCopy(schema),
    document: original,
    operationName,
    variableValues: variables,
    rootValue: data ?? {},
    fieldResolver: (source: Record<string, unknown> | null, _args, _ctx, info) => {
      const denied = info.fieldNodes.map((node: FieldNode) => removed.get(node)).find(Boolean);
      if (denied) {
        return new GraphQLError(`not authorized: ${denied.denial.message}`, {
          extensions: {
            code: 'FIELD_NOT_AUTHORIZED',
            field: denied.coordinate,
            reason: denied.denial.reason,
            ...denied.denial.detail,
          },
        });
      }
      return source?.[info.path.key as string];
    },
    typeResolver: (value: { __typename?: string }) => value.__typename,
  }) as ExecutionResult;
  // Only our errors: anything else (a subgraph's null) was already reported by the gateway.
  const errors = (result.errors ?? []).filter((error) => error.extensions?.code === 'FIELD_NOT_AUTHORIZED').map((e) => e.toJSON());
  return { data: (result.data as Record<string, unknown> | null | undefined) ?? null, errors };
}
