import {
  isAbstractType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FieldNode, type GraphQLField, type GraphQLSchema,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { PolicyDenial } from '../../../policy/PolicyDenial';

/** A field the caller asked for, in the operation or one of its fragments. */
export interface RequestedField {
  node: FieldNode;
  /** Schema coordinate, e.g. `Arrest.sealingStatute`. */
  coordinate: string;
  /** The field as the schema defines it. */
  definition: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
}

/** Denied field nodes of the original document, with why. */
export type RemovedFields = Map<FieldNode, { coordinate: string; denial: PolicyDenial }>;

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** The variables of an operation sent without any (one object, so the walk is shared). */
export const NO_VARIABLES: Record<string, unknown> = Object.freeze({});

const collected = new WeakMap<DocumentNode, WeakMap<object, RequestedField[]>>();

/** A field of a document as the schema defines it: the same for every request of that document. */
interface FieldOccurrence {
  node: FieldNode;
  coordinate: string;
  definition: GraphQLField<unknown, unknown>;
}
const NO_ARGS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const occurrences = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, FieldOccurrence[]>>();

/**
 * Every field an operation asks for, in the operation and its fragments, with its arguments.
 * The walk over the document is done once per parsed document (Apollo reuses those); each
 * request only reads its own arguments. Several stages of one request share the result.
 */
export function collectRequestedFields(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): RequestedField[] {
  const byVariables = collected.get(document) ?? new WeakMap<object, RequestedField[]>();
  collected.set(document, byVariables);
  let requested = byVariables.get(variables);
  // Stryker disable next-line ConditionalExpression: a cache; the fields collected again are the same fields
  if (!requested) {
    requested = fieldOccurrences(schema, document).map(({ node, coordinate, definition }) => ({ node, coordinate, definition, args: argumentsOf(definition, node, variables) }));
    byVariables.set(variables, requested);
  }
  return requested;
}

function argumentsOf(definition: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  if (definition.args.length === 0) return NO_ARGS;
  try {
    return getArgumentValues(definition, node, variables);
  } catch {
    // invalid arguments are reported by execution; policy decides on what it can read
    return NO_ARGS;
  }
}

function fieldOccurrences(schema: GraphQLSchema, document: DocumentNode): FieldOccurrence[] {
  const bySchema = occurrences.get(schema) ?? new WeakMap<DocumentNode, FieldOccurrence[]>();
  occurrences.set(schema, bySchema);
  let found = bySchema.get(document);
  if (found) return found;
  found = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const definition = typeInfo.getFieldDef();
        // The schema's own description (introspection types) is not record data; its own stage governs it.
        if (!parent || !definition || parent.name.startsWith('__')) return;
        found!.push({ node, coordinate: `${parent.name}.${node.name.value}`, definition });
      },
    }),
  );
  bySchema.set(document, found);
  return found;
}

/**
 * Removes from a validated operation every denied field, before planning. Decisions depend on
 * the caller, the purpose and the field's arguments, never on parent values, so a fragment
 * rewritten once is right wherever it is spread. Aliases, inline fragments, interfaces and
 * `@include`/`@skip` need nothing special: a denied field is removed wherever it stands. A
 * selection set left empty keeps a `__typename` placeholder, never shown to the client: the
 * answer is rebuilt from the original operation (restoreRemovedFields).
 */
export function removeDeniedFields(schema: GraphQLSchema, document: DocumentNode, removed: RemovedFields): DocumentNode {
  const rewriteInfo = new TypeInfo(schema);
  // graphql-js's visit returns the document itself when nothing was edited: the plan cache hits.
  return visit(
    document,
    visitWithTypeInfo(rewriteInfo, {
      Field(node) {
        return removed.has(node) ? null : undefined;
      },
      SelectionSet: {
        leave(node) {
          // Abstract types need `__typename` so the answer can be rebuilt on the right type.
          const parent = rewriteInfo.getParentType();
          if (node.selections.length > 0 && !(parent && isAbstractType(parent))) return undefined;
          if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias)) return undefined;
          return { ...node, selections: [...node.selections, TYPENAME] };
        },
      },
    }),
  );
}
