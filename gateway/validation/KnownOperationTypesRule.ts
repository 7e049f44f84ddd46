import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * An operation whose type the schema does not have (a `subscription`: the supergraph has no
 * Subscription type) is a client's error, refused at validation. graphql-js 16 has no such
 * rule (17 adds KnownOperationTypesRule): without it the gateway's executor throws, and the
 * client got an HTTP 500.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This service has no ${node.operation} operations.`, { nodes: node }));
      }
    },
  };
}
