import {
  getNamedType, getNullableType, isCompositeType, isListType, Kind, Lexer, SchemaMetaFieldDef, Source, TokenKind, TypeMetaFieldDef,
  typeFromAST, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { DEFAULT_LIST_SIZE } from '../../../policy/operationLimitsTable';

/** What one operation would cost, measured on its document before it is planned. */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  /** Estimated record fields resolved (see `measureOperation`). */
  cost: number;
  /** The same two for the introspection part, which has its own budget. */
  introspectionDepth: number;
  introspectionCost: number;
}

/** Arguments that bound the length of a list: Relay's `first`/`last`, and `limit`. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit'];

interface Tally {
  depth: number;
  aliases: number;
  cost: number;
  introspectionDepth: number;
  introspectionCost: number;
  /** Fields directly in this selection set, through its fragments (the root's are `rootFields`). */
  fields: number;
}

const ZERO: Tally = { depth: 0, aliases: 0, cost: 0, introspectionDepth: 0, introspectionCost: 0, fields: 0 };

function plus(a: Tally, b: Tally): Tally {
  return {
    depth: Math.max(a.depth, b.depth),
    aliases: a.aliases + b.aliases,
    cost: a.cost + b.cost,
    introspectionDepth: Math.max(a.introspectionDepth, b.introspectionDepth),
    introspectionCost: a.introspectionCost + b.introspectionCost,
    fields: a.fields + b.fields,
  };
}

/**
 * Measures the operation a request will run, on its validated document. The cost estimates how
 * many fields the sources will resolve: each field counts 1 for every row it is resolved on; a
 * list field multiplies what is under it by its `first`/`last`/`limit` argument (given, from a
 * variable, or the schema's default), by the page size of the connection it belongs to (the
 * `edges` under `arrests(first: 50)`), or else by DEFAULT_LIST_SIZE. `@skip`/`@include` are
 * ignored: the estimate is an upper bound.
 *
 * Each fragment is measured once per context and reused wherever it is spread, so a document
 * whose fragments spread one another two by two (an exponential expansion) is measured in
 * linear time and its exponential cost is seen, not computed.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: { definitions: readonly { kind: string }[] },
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  }
  const variableDefaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) variableDefaults[definition.variable.name.value] = Number(definition.defaultValue.value);
  }
  const memo = new Map<string, Tally>();
  const entered = new Set<string>();

  const selectionSet = (set: SelectionSetNode, parent: GraphQLCompositeType, introspection: boolean, pageSize: number | null): Tally => {
    let tally = ZERO;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) tally = plus(tally, field(selection, parent, introspection, pageSize));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (isCompositeType(type)) tally = plus(tally, selectionSet(selection.selectionSet, type, introspection, pageSize));
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && typeFromAST(schema, fragment.typeCondition);
        const key = `${selection.name.value}|${introspection}|${pageSize}`;
        // Validation refuses fragment cycles; this guard only keeps a bug from recursing forever.
        if (!fragment || !isCompositeType(type) || entered.has(key)) continue;
        let measured = memo.get(key);
        if (!measured) {
          entered.add(key);
          memo.set(key, (measured = selectionSet(fragment.selectionSet, type, introspection, pageSize)));
          entered.delete(key);
        }
        tally = plus(tally, measured);
      }
    }
    return tally;
  };

  const field = (node: FieldNode, parent: GraphQLCompositeType, inIntrospection: boolean, parentPageSize: number | null): Tally => {
    const name = node.name.value;
    const aliased = node.alias ? 1 : 0;
    // `__typename` is no field of any type: free, but its alias counts.
    const definition = fieldDefinition(schema, parent, name);
    if (!definition) return { ...ZERO, aliases: aliased };
    const introspection = inIntrospection || name === '__schema' || name === '__type';
    const ownPageSize = pageSizeOf(definition, node, variables, variableDefaults);
    const list = isListType(getNullableType(definition.type));
    const rows = list ? (ownPageSize ?? parentPageSize ?? DEFAULT_LIST_SIZE) : 1;
    // A paged field that is no list is a connection: its page size is the length of its `edges`.
    const pageBelow = list ? null : ownPageSize;
    const type = getNamedType(definition.type);
    const below = node.selectionSet && isCompositeType(type) ? selectionSet(node.selectionSet, type, introspection, pageBelow) : ZERO;
    return {
      depth: introspection ? 0 : 1 + below.depth,
      aliases: aliased + below.aliases,
      cost: introspection ? 0 : 1 + rows * below.cost,
      introspectionDepth: introspection ? 1 + below.introspectionDepth : 0,
      introspectionCost: introspection ? 1 + rows * below.introspectionCost : 0,
      fields: introspection ? 0 : 1,
    };
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return { depth: 0, aliases: 0, rootFields: 0, cost: 0, introspectionDepth: 0, introspectionCost: 0 };
  const { fields, ...tally } = selectionSet(operation.selectionSet, root, false, null);
  return { ...tally, rootFields: fields };
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/**
 * The rows a field's page argument asks for: null when it has none. Not given, `null`, or a
 * variable without a value: the argument's default in the schema, as the resolver pages by it
 * (`first ?? 20`). A value that is not an integer (a variable not yet coerced, say) counts as the
 * default list size; a negative one as no rows, never fewer.
 */
function pageSizeOf(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
  variableDefaults: Readonly<Record<string, unknown>>,
): number | null {
  const argument = definition.args.find((a) => PAGE_ARGUMENTS.includes(a.name));
  if (!argument) return null;
  const given = node.arguments?.find((a) => a.name.value === argument.name)?.value;
  let value: unknown;
  if (given?.kind === Kind.INT) value = Number(given.value);
  else if (given?.kind === Kind.VARIABLE) {
    // Own properties only: the name is the client's, and `$constructor` must not read Object.prototype.
    const name = given.name.value;
    // A variable sent as null is null (its default in the operation applies only when it is not sent).
    if (Object.hasOwn(variables, name)) value = variables[name];
    else if (Object.hasOwn(variableDefaults, name)) value = variableDefaults[name];
  }
  value ??= argument.defaultValue;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return DEFAULT_LIST_SIZE;
  return Math.max(0, value);
}

/**
 * The variables a document gives to page arguments (`first`, `last`, `limit`): the only ones
 * `measureOperation` reads, so a measure can be reused for any request that gives them the
 * same values.
 */
export function pageVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (PAGE_ARGUMENTS.includes(argument.name.value) && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
    },
  });
  return [...names];
}

/**
 * Tokens of a document, counted as graphql-js's parser counts them (comments excluded), stopping
 * once `stopAfter` is passed: a caller over their limit costs no more than the limit to count.
 */
export function countTokens(source: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF && count <= stopAfter) count++;
  } catch {
    // A lexical error is reported by the parser; what was counted so far stands.
  }
  return count;
}
