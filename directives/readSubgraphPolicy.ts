import { Kind, type DocumentNode } from 'graphql';
import type { Category } from '../policy/vocabulary';
import { policyCategoryOf, recordRuleNames, stringArgument } from './policyDirectives';

export interface SubgraphPolicy {
  /** `Type.field` → its `@policy` category (the field's, else its type's). */
  categories: Map<string, Category>;
  /** Type → the names of its `@recordRule`s. */
  recordRules: Map<string, string[]>;
  /** Fields this subgraph shares with others (entity keys, `@shareable` types and fields). */
  shared: Set<string>;
}

/**
 * The policy vocabulary as one subgraph's SDL states it, read with the same parsers as the
 * supergraph's (directives/readPolicyMap.ts): `@policy` (type default, field override),
 * `@recordRule`, and which fields are shared.
 */
export function readSubgraphPolicy(typeDefs: DocumentNode): SubgraphPolicy {
  const categories = new Map<string, Category>();
  const shared = new Set<string>();
  const recordRules = new Map<string, string[]>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    const typeCategory = policyCategoryOf(definition.directives, type);
    const rules = recordRuleNames(definition.directives);
    if (rules.length) recordRules.set(type, rules);
    const typeShareable = definition.directives?.some((d) => d.name.value === 'shareable') ?? false;
    const keyFields = new Set((definition.directives ?? []).filter((d) => d.name.value === 'key').flatMap((d) => ownKeyFields(stringArgument(d, 'fields') ?? '')));
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      if (typeShareable || keyFields.has(field.name.value) || field.directives?.some((d) => d.name.value === 'shareable')) shared.add(coordinate);
      const resolved = policyCategoryOf(field.directives, coordinate) ?? typeCategory;
      if (resolved) categories.set(coordinate, resolved);
    }
  }
  return { categories, recordRules, shared };
}

/**
 * The fields of this type a `@key` names: the top level of its selection. In `plate state { code }`
 * the type's key fields are `plate` and `state`; `code` is a field of `state`'s type, and a field
 * of this type that happens to share its name is not a key (it keeps its system's training [P8]).
 */
function ownKeyFields(selection: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of selection.match(/[{}]|[^\s,{}]+/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}
