import { getNamedType, isEnumType, parseType, typeFromAST, type GraphQLSchema } from 'graphql';

/**
 * The values of a parameter's enum type (`Borough!`, `[Borough!]`), as the supergraph in force
 * has them, so the console offers a choice rather than a box to guess in; null when the type
 * is no enum, does not parse, or the supergraph is not composed yet.
 */
export function enumValuesOf(schema: GraphQLSchema | null, type: string): string[] | null {
  if (!schema) return null;
  let parsed;
  try {
    parsed = parseType(type);
  } catch {
    return null;
  }
  const named = getNamedType(typeFromAST(schema, parsed));
  return isEnumType(named) ? named.getValues().map((value) => value.name) : null;
}
