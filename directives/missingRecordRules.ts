import { Kind, type DocumentNode } from 'graphql';
import { recordRuleNames } from './policyDirectives';

/**
 * [P12] A key field of a sealable entity is never served without its owner's record rules. The
 * planner answers a reference's key (`stolenProperty { complaint { number } }`) from the
 * referencing subgraph's stub and never asks the owner, so every subgraph that defines a type
 * whose owner marks it `@recordRule` must mark it with the same rules (and resolve the flags they
 * read, replicated beside the reference). Returns one problem per stub that lacks a rule;
 * composition refuses a supergraph with any.
 */
export function missingRecordRules(subgraphs: readonly { name: string; typeDefs: DocumentNode }[]): string[] {
  const rulesOf = new Map<string, Map<string, Set<string>>>();
  for (const { name, typeDefs } of subgraphs) {
    const types = new Map<string, Set<string>>();
    for (const definition of typeDefs.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const rules = recordRuleNames(definition.directives);
      const known = types.get(definition.name.value) ?? new Set<string>();
      for (const rule of rules) known.add(rule);
      types.set(definition.name.value, known);
    }
    rulesOf.set(name, types);
  }
  const problems: string[] = [];
  for (const [owner, types] of rulesOf) {
    for (const [type, rules] of types) {
      if (rules.size === 0) continue;
      for (const [other, otherTypes] of rulesOf) {
        // The owner is compared with itself too: it lacks none of its own rules.
        const stub = otherTypes.get(type);
        if (!stub) continue;
        const missing = [...rules].filter((rule) => !stub.has(rule));
        if (missing.length) problems.push(`${other} defines ${type} without the record rules ${owner} gives it: @recordRule(name: ${missing.map((m) => `"${m}"`).join(', ')})`);
      }
    }
  }
  return problems;
}
