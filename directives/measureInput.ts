import {
  getNullableType, isInputObjectType, isListType, Kind, TypeInfo, valueFromASTUntyped, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import type { InputBound, InputBounds } from './readInputBounds';

/** An argument over its schema bound: where, which bound, how big it is. */
export interface OversizedInput {
  /** The field the argument belongs to, e.g. `Query.searchByDescription`. */
  field: string;
  /** The argument, and the input field inside it, e.g. `description.identifyingMark`. */
  argument: string;
  bound: 'maxLength' | 'maxItems';
  max: number;
  actual: number;
}

/** What a request's arguments hold, measured against the schema's bounds. */
export interface InputMeasure {
  /** The first argument over its bound, or null. */
  oversized: OversizedInput | null;
  /** Characters of every string given to an argument, literals and variables alike. */
  stringLength: number;
}

/**
 * Measures every argument of a document, inline literals and variables alike, against the
 * `@constraint` bounds of the schema (or their defaults). Pure; a string's size is its
 * `length`, read once, so a 900 KB value costs no more to refuse than a short one, and a long
 * list is read no further than its bound. Arguments of directives (`@include(if:)`) are not
 * record criteria and are skipped, as are the federation fields a gateway sends a subgraph
 * (`_entities`, `_service`).
 */
export function measureInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  bounds: InputBounds,
): InputMeasure {
  // The gateway's bounds stage and its cost stage both measure each request: once is enough.
  const byVariables = measured.get(document) ?? new WeakMap<object, WeakMap<InputBounds, InputMeasure>>();
  measured.set(document, byVariables);
  const byBounds = byVariables.get(variables) ?? new WeakMap<InputBounds, InputMeasure>();
  byVariables.set(variables, byBounds);
  let measure = byBounds.get(bounds);
  // Stryker disable next-line ConditionalExpression: a cache: measuring again gives the same measure, only later
  if (!measure) byBounds.set(bounds, (measure = measureOnce(schema, document, variables, bounds)));
  return measure;
}

const measured = new WeakMap<DocumentNode, WeakMap<object, WeakMap<InputBounds, InputMeasure>>>();

function measureOnce(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>, bounds: InputBounds): InputMeasure {
  const defaults = new Map<string, unknown>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, valueFromASTUntyped(variable.defaultValue));
    }
  }
  const given = (name: string) => (name in variables ? variables[name] : defaults.get(name));
  const measure: InputMeasure = { oversized: null, stringLength: 0 };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const parent = typeInfo.getParentType();
        const definition = typeInfo.getFieldDef();
        // Stryker disable next-line BooleanLiteral: graphql-js's visit skips a node's subtree on `true` as on `false` (true only replaces it in a copy never used)
        if (typeInfo.getDirective() || !argument || !parent || !definition || definition.name.startsWith('_')) return false;
        const field = `${parent.name}.${definition.name}`;
        const value = node.value.kind === Kind.VARIABLE ? given(node.value.name.value) : valueFromASTUntyped(node.value, { ...Object.fromEntries(defaults), ...variables });
        walk(value, argument.type, boundOf(bounds, `${field}(${argument.name}:)`), { field, argument: argument.name }, bounds, measure);
        // Stryker disable next-line BooleanLiteral: as above: the argument is measured, its subtree is skipped either way
        return false;
      },
    }),
  );
  return measure;
}

function boundOf(bounds: InputBounds, coordinate: string): InputBound {
  return { ...bounds.defaults, ...bounds.byCoordinate.get(coordinate) };
}

function walk(
  value: unknown,
  type: GraphQLInputType,
  bound: InputBound,
  at: { field: string; argument: string },
  bounds: InputBounds,
  measure: InputMeasure,
): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type) as GraphQLInputType;
  const over = (which: OversizedInput['bound'], actual: number) => {
    measure.oversized ??= { ...at, bound: which, max: bound[which], actual };
  };
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.length > bound.maxItems) over('maxItems', items.length);
    // Counted to the bound and no further: the refusal is decided, the rest is never read.
    // Stryker disable next-line MethodExpression: reading past the bound only costs time: the list is refused before any cost is counted
    for (const item of items.slice(0, bound.maxItems + 1)) walk(item, nullable.ofType as GraphQLInputType, bound, at, bounds, measure);
    return;
  }
  if (isInputObjectType(nullable)) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a string, number or list given for an input object (invalid) has none of its fields: read or skipped, nothing is measured
    if (typeof value !== 'object' || Array.isArray(value)) return;
    for (const field of Object.values(nullable.getFields())) {
      const inner = (value as Record<string, unknown>)[field.name];
      walk(inner, field.type, boundOf(bounds, `${nullable.name}.${field.name}`), { field: at.field, argument: `${at.argument}.${field.name}` }, bounds, measure);
    }
    return;
  }
  if (typeof value === 'string') {
    measure.stringLength += value.length;
    if (value.length > bound.maxLength) over('maxLength', value.length);
  }
}
