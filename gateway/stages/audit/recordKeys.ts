import {
  getNamedType, isAbstractType, isObjectType, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FieldNode,
  type GraphQLFormattedError, type GraphQLSchema, type InlineFragmentNode, type SelectionNode,
} from 'graphql';
import { badUserInput } from '../../../platform/errors/ErrorCode';

/** Record type → the field that identifies one record of it (its federation key). */
export type RecordKeys = ReadonlyMap<string, string>;

/** Record identifiers an answer released, per type: `{ Person: ['P00000001'], Arrest: [...] }`. */
export type RecordsReturned = Record<string, string[]>;

/** Response keys the audit adds to an operation; a client may not use them. */
const TYPE_ALIAS = '_erms_type';
const KEY_ALIAS = '_erms_key';
/** The record behind a connection's edge, asked for when the client selected the edge without it. */
const NODE_ALIAS = '_erms_node';
const RESERVED_PREFIX = '_erms_';

/**
 * Every entity of the supergraph with a single-field key (`@join__type(key: "number")`) is a
 * record: its key identifies it in the audit.
 */
export function readRecordKeys(supergraphSdl: string | DocumentNode): RecordKeys {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const keys = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = directive.arguments?.find((a) => a.name.value === 'key')?.value;
      if (key?.kind === Kind.STRING && /^\w+$/.test(key.value) && !keys.has(definition.name.value)) keys.set(definition.name.value, key.value);
    }
  }
  return keys;
}

const field = (name: string, alias: string): FieldNode => ({
  kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: name },
});

/** The record's type and key, under the reserved aliases. */
const typeAndKey = (key: string): SelectionNode[] => [field('__typename', TYPE_ALIAS), field(key, KEY_ALIAS)];

/**
 * The record's type, and its key unless `selections` already hold the key under its own name
 * (no alias, no directive): no second copy, since each field costs the subgraph a policy check.
 */
const keySelections = (key: string, selections: readonly SelectionNode[]): SelectionNode[] =>
  selections.some((s) => s.kind === Kind.FIELD && s.name.value === key && !s.alias && !s.directives?.length) ? [field('__typename', TYPE_ALIAS)] : typeAndKey(key);

/**
 * [P18] The audit names the records an answer released, whether or not the client asked for
 * their identifiers: every selection of a record type also asks for its type and key, under
 * reserved aliases that `takeRecordsReturned` removes before the answer leaves; a key the
 * selection already holds under its own name is read from there. A client using those aliases
 * is refused (they would hide what was read).
 */
export function addRecordKeys(schema: GraphQLSchema, document: DocumentNode, keys: RecordKeys): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.alias?.value.startsWith(RESERVED_PREFIX)) {
          throw badUserInput(`aliases beginning with ${RESERVED_PREFIX} are reserved`, { alias: node.alias.value });
        }
      },
      SelectionSet: {
        leave(node) {
          const parent = typeInfo.getParentType();
          const added: SelectionNode[] = [];
          if (isObjectType(parent)) {
            const key = keys.get(parent.name);
            if (key) added.push(...keySelections(key, node.selections));
            // An edge selected without its node (`edges { score matchedName }`) still released a record:
            // the audit names it [P18].
            const edgeNode = parent.getFields().node;
            const nodeType = edgeNode && getNamedType(edgeNode.type);
            const nodeKey = nodeType && isObjectType(nodeType) ? keys.get(nodeType.name) : undefined;
            if (nodeKey && !node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'node' && !s.directives?.length)) {
              added.push({ ...field('node', NODE_ALIAS), selectionSet: { kind: Kind.SELECTION_SET, selections: typeAndKey(nodeKey) } });
            }
          } else if (isAbstractType(parent)) {
            for (const type of schema.getPossibleTypes(parent)) {
              const key = keys.get(type.name);
              if (!key) continue;
              const fragment: InlineFragmentNode = {
                kind: Kind.INLINE_FRAGMENT,
                typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
                selectionSet: { kind: Kind.SELECTION_SET, selections: typeAndKey(key) },
              };
              added.push(fragment);
            }
          }
          return added.length ? { ...node, selections: [...node.selections, ...added] } : undefined;
        },
      },
    }),
  );
}

/**
 * Takes the reserved keys out of an answer (in place) and returns the records it names, and
 * the errors without any about those keys (the client never asked for them).
 */
export function takeRecordsReturned(
  data: unknown,
  errors: readonly GraphQLFormattedError[] | undefined,
  keys: RecordKeys,
): { records: RecordsReturned; count: number; errors: GraphQLFormattedError[] | undefined } {
  const sets = new Map<string, Set<string>>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (TYPE_ALIAS in object) {
      const type = object[TYPE_ALIAS];
      if (typeof type === 'string') {
        // The reserved copy of the key, or the key the client selected under its own name.
        const key = KEY_ALIAS in object ? object[KEY_ALIAS] : object[keys.get(type) ?? KEY_ALIAS];
        if (key !== null && key !== undefined) {
          let ids = sets.get(type);
          if (!ids) sets.set(type, (ids = new Set()));
          ids.add(String(key));
        }
      }
      delete object[TYPE_ALIAS];
      delete object[KEY_ALIAS];
    }
    if (NODE_ALIAS in object) {
      walk(object[NODE_ALIAS]);
      delete object[NODE_ALIAS];
    }
    for (const child of Object.values(object)) walk(child);
  };
  walk(data);
  const records: RecordsReturned = {};
  let count = 0;
  // Types in any order (the stored event's members are sorted); each type's keys sorted.
  for (const type of sets.keys()) {
    records[type] = [...sets.get(type)!].sort();
    count += records[type].length;
  }
  const kept = errors?.filter((error) => !error.path?.some((segment) => segment === TYPE_ALIAS || segment === KEY_ALIAS || segment === NODE_ALIAS));
  return { records, count, errors: kept?.length ? kept : undefined };
}
