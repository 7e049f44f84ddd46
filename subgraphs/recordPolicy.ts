import { getNamedType, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, shield } from 'graphql-shield';
import { ermsError } from '../platform/errors/ErrorCode';
import { evaluateRule } from '../policy/evaluateRule';
import { categoryAllowed, fieldRule, juvenileRecordVisible, sealedRecordVisible, type ShieldRule } from '../policy/rules';
import type { PolicyContext } from '../policy/Subject';
import { readSubgraphPolicy } from '../directives/readSubgraphPolicy';

/**
 * A subgraph's own enforcement, with the same rule objects the gateway uses:
 *  - field rules from the `@policy` categories of its SDL (graphql-shield, deny by default),
 *    with the training of this record system [P8]: the same `fieldRule` the gateway applies,
 *    so a field the gateway would remove is refused here too. A field this subgraph shares
 *    with others (an entity key, `@shareable`) is served on its category alone: the gateway
 *    allows it to a caller trained for any system serving it, which only the supergraph knows;
 *  - record rules named by `@recordRule(name: ...)` on a type: records that fail them (sealed,
 *    juvenile) are dropped from lists and answered as null, wherever they are reached,
 *    `_entities` included (shield does not guard `__resolveReference`).
 */
export const RECORD_RULES: Record<string, ShieldRule> = {
  SEALED: sealedRecordVisible,
  JUVENILE: juvenileRecordVisible,
};

export interface PolicyAwareContext {
  policy: PolicyContext;
}

/** `system`: this subgraph's name, whose training its own fields require (policy/vocabulary.ts SYSTEM_TRAINING). */
export function applyRecordPolicy(schema: GraphQLSchema, typeDefs: DocumentNode, system: string): GraphQLSchema {
  const { categories, recordRules, shared } = subgraphPolicy(typeDefs);
  // Federation's own fields (a subgraph with no entities has no `_entities`): a deny fallback must not block them.
  const ruleTree: Record<string, Record<string, ShieldRule>> = { _Service: { sdl: allow } };
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const field of ['_entities', '_service']) if (queryFields[field]) (ruleTree.Query ??= {})[field] = allow;
  for (const [coordinate, category] of categories) {
    const [type, field] = coordinate.split('.') as [string, string];
    (ruleTree[type] ??= {})[field] = shared.has(coordinate) ? categoryAllowed(category) : fieldRule(category, [system]);
  }
  const fieldShield = shield(ruleTree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (thrown) =>
      ermsError('FIELD_NOT_AUTHORIZED', thrown instanceof Error && thrown.message ? `not authorized: ${thrown.message}` : 'not authorized by policy'),
  });
  return applyMiddleware(schema, fieldShield, recordFilter(schema, recordRules));
}

/** The subgraph's policy as its SDL states it, each `@recordRule` name resolved to its rule object. */
function subgraphPolicy(typeDefs: DocumentNode) {
  const { categories, recordRules: names, shared } = readSubgraphPolicy(typeDefs);
  const recordRules = new Map<string, ShieldRule[]>();
  for (const [type, rules] of names) {
    recordRules.set(type, rules.map((name) => {
      const rule = RECORD_RULES[name];
      if (!rule) throw new Error(`unknown @recordRule "${name}" on ${type}`);
      return rule;
    }));
  }
  return { categories, recordRules, shared };
}

/** A middleware for every field that returns records with rules (and `_entities`). */
function recordFilter(schema: GraphQLSchema, recordRules: Map<string, ShieldRule[]>) {
  const middleware: Record<string, Record<string, Function>> = {};
  const visible = async (record: unknown, typeName: string | undefined, ctx: PolicyAwareContext): Promise<boolean> => {
    const rules = typeName ? recordRules.get(typeName) : undefined;
    if (!rules || record === null || record === undefined) return true;
    for (const rule of rules) if (!(await evaluateRule(rule, ctx.policy, record)).allowed) return false;
    return true;
  };
  const filtered = (typeName: string | undefined) =>
    async (resolve: Function, parent: unknown, args: unknown, ctx: PolicyAwareContext, info: unknown) => {
      const resolved = await resolve(parent, args, ctx, info);
      // `_entities` answers with an array of promises (one per representation): settle them first.
      const result = Array.isArray(resolved) ? await Promise.all(resolved) : resolved;
      if (Array.isArray(result)) {
        // `_entities` answers in the order of its representations, which name each entity's type.
        const representations = (args as { representations?: { __typename?: string }[] }).representations;
        const typeOf = (item: unknown, i: number) => typeName ?? representations?.[i]?.__typename ?? (item as { __typename?: string } | null)?.__typename;
        const keep = await Promise.all(result.map((item, i) => visible(item, typeOf(item, i), ctx)));
        // `_entities` answers positionally: a hidden entity becomes null, never a shorter list.
        return typeName ? result.filter((_, i) => keep[i]) : result.map((item, i) => (keep[i] ? item : null));
      }
      return (await visible(result, typeName, ctx)) ? result : null;
    };
  // (Introspection's own types return no record type: they need no skipping.)
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const returned = getNamedType(field.type).name;
      if (type.name === 'Query' && field.name === '_entities') {
        (middleware[type.name] ??= {})[field.name] = filtered(undefined);
      } else if (recordRules.has(returned)) {
        (middleware[type.name] ??= {})[field.name] = filtered(returned);
      }
    }
  }
  // Connections: edges whose node is hidden are dropped too.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Edge')) continue;
    const node = type.getFields().node;
    if (!node || !recordRules.has(getNamedType(node.type).name)) continue;
    const connection = type.name.replace(/Edge$/, 'Connection');
    const edgesField = (schema.getType(connection) as { getFields?: () => Record<string, unknown> } | undefined)?.getFields?.().edges;
    if (!edgesField) continue;
    const nodeType = getNamedType(node.type).name;
    (middleware[connection] ??= {}).edges = async (resolve: Function, parent: unknown, args: unknown, ctx: PolicyAwareContext, info: unknown) => {
      const edges = ((await resolve(parent, args, ctx, info)) ?? []) as { node: unknown }[];
      const keep = await Promise.all(edges.map((edge) => visible(edge.node, nodeType, ctx)));
      return edges.filter((_, i) => keep[i]);
    };
  }
  return middleware;
}
