import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import type { Category } from '../policy/vocabulary';
import { policyCategoryOf, stringArgument } from './policyDirectives';

export { PolicyVocabularyError } from './policyDirectives';

/** How one schema field is governed: its sensitivity category and the systems that serve it. */
export interface FieldPolicy {
  /** Null when neither the field nor its type carries `@policy`: such a field is refused. */
  category: Category | null;
  /** Subgraphs that resolve the field (from `@join__field`, else `@join__type`). */
  systems: readonly string[];
}

/** `Type.field` → its policy. */
export type PolicyMap = ReadonlyMap<string, FieldPolicy>;

/**
 * Reads every `@policy` of the composed supergraph, with the subgraphs serving each field.
 * An unknown category stops start-up: a typo must not silently open or close a field.
 */
export function readPolicyMap(supergraphSdl: string | DocumentNode): PolicyMap {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  // A graph's name as its subgraph is called (`@join__graph(name:)`); without one, its enum value.
  const graphNames = new Map<string, string | undefined>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = stringArgument(value.directives?.find((d) => d.name.value === 'join__graph'), 'name');
        graphNames.set(value.name.value, name);
      }
    }
  }
  const map = new Map<string, FieldPolicy>();
  for (const definition of document.definitions) {
    // Federation's own definitions (join__Graph, join__FieldSet, link__Purpose...) are enums and scalars: skipped here.
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    const typeCategory = policyCategoryOf(definition.directives, typeName);
    const typeSystems = graphsOf(definition.directives, 'join__type', graphNames);
    for (const field of definition.fields ?? []) {
      const fieldSystems = graphsOf(fieldDirectives(field), 'join__field', graphNames);
      map.set(`${typeName}.${field.name.value}`, {
        category: policyCategoryOf(field.directives, `${typeName}.${field.name.value}`) ?? typeCategory,
        systems: fieldSystems.length ? fieldSystems : typeSystems,
      });
    }
  }
  return map;
}


/**
 * A subgraph where the field is `external` does not serve it; nor does one it was taken from by
 * `@override` but still uses (in a key or a `@requires`): composition marks that one
 * `usedOverridden`, and the query planner never fetches the field there. Counted as serving it,
 * its training would open a field another system serves [P8].
 */
const NOT_SERVED_BY = new Set(['external', 'usedOverridden']);

function fieldDirectives(field: FieldDefinitionNode): ConstDirectiveNode[] {
  return (field.directives ?? []).filter(
    (d) => !(d.name.value === 'join__field' && d.arguments?.some((a) => NOT_SERVED_BY.has(a.name.value) && a.value.kind === Kind.BOOLEAN && a.value.value)),
  );
}

function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, name: string, graphNames: Map<string, string | undefined>): string[] {
  const graphs = new Set<string>();
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const graph = directive.arguments?.find((a) => a.name.value === 'graph');
    if (graph?.value.kind === Kind.ENUM) graphs.add(graphNames.get(graph.value.value) ?? graph.value.value);
  }
  return [...graphs];
}
