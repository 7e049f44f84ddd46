import {
  GraphQLError, Kind, parse, print, specifiedRules, validate, valueFromASTUntyped,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { mappingProblems, type ColumnMapping } from './ColumnMapping';

/** A parameter of a saved query, read from its operation's variable definitions. */
export interface SavedQueryParameter {
  name: string;
  type: string;
  required: boolean;
  defaultValue: unknown;
  description: string;
}

export type Validation =
  | { valid: true; operationName: string | null; parameters: SavedQueryParameter[] }
  | { valid: false; reason: string };

export interface SavedQueryText {
  document: string;
  columns: ColumnMapping;
  /** Descriptions of parameters, by variable name (the operation itself cannot hold them). */
  parameterDescriptions?: readonly { name: string; description: string }[];
}

export const MAX_DOCUMENT_CHARACTERS = 20_000;

/**
 * Whether a saved query is one the supergraph in force can run: one query operation (a saved
 * query only reads: scheduled or shared, it must never change data), valid against the API
 * schema, and a column mapping whose paths name fields the operation selects. Run when saved,
 * and again whenever the supergraph changes: a query that no longer validates is marked broken
 * with this reason and never runs.
 */
export function validateSavedQuery(schema: GraphQLSchema, text: SavedQueryText): Validation {
  if (text.document.length > MAX_DOCUMENT_CHARACTERS) return invalid(`the document is over ${MAX_DOCUMENT_CHARACTERS} characters`);
  let document: DocumentNode;
  try {
    document = parse(text.document, { maxTokens: 5_000 });
  } catch (error) {
    return invalid(`the document does not parse: ${(error as GraphQLError).message}`);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return invalid(`a saved query holds exactly one operation (found ${operations.length})`);
  const operation = operations[0]!;
  if (operation.operation !== 'query') return invalid(`a saved query only reads: a ${operation.operation} cannot be saved`);
  const errors = validate(schema, document, specifiedRules);
  if (errors.length) return invalid(errors.slice(0, 3).map((e) => e.message).join('; '));
  const problems = mappingProblems(text.columns);
  if (problems.length) return invalid(`column mapping: ${problems.join('; ')}`);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const selected = (path: string) => selects(operation.selectionSet, path.split('.').filter((s) => !/^\d+$/.test(s)), fragments);
  if (!selected(text.columns.rows)) return invalid(`column mapping: rows path "${text.columns.rows}" is not selected by the operation`);
  for (const column of text.columns.columns) {
    if (!selected(`${text.columns.rows}.${column.path}`)) return invalid(`column mapping: column "${column.name}" path "${column.path}" is not selected under the rows`);
  }
  const variables = operation.variableDefinitions ?? [];
  if (text.columns.pageInfo) {
    if (!selected(`${text.columns.pageInfo}.hasNextPage`) || !selected(`${text.columns.pageInfo}.endCursor`)) {
      return invalid(`column mapping: pageInfo path "${text.columns.pageInfo}" must select hasNextPage and endCursor`);
    }
    if (!variables.some((v) => v.variable.name.value === 'after')) return invalid('column mapping: paging by pageInfo needs an `$after` variable');
  }
  const descriptions = new Map((text.parameterDescriptions ?? []).map((p) => [p.name, p.description]));
  for (const name of descriptions.keys()) {
    if (!variables.some((v) => v.variable.name.value === name)) return invalid(`parameter "${name}" is described but the operation declares no $${name}`);
  }
  return {
    valid: true,
    operationName: operation.name?.value ?? null,
    parameters: variables.map((v) => ({
      name: v.variable.name.value,
      type: print(v.type),
      required: v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue,
      defaultValue: v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null,
      description: descriptions.get(v.variable.name.value) ?? '',
    })),
  };
}

const invalid = (reason: string): Validation => ({ valid: false, reason });

/** Whether the selection set selects this path of response keys (through fragments). */
function selects(set: SelectionSetNode | undefined, path: readonly string[], fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  if (!path.length) return true;
  if (!set) return false;
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias ?? selection.name).value === head && (rest.length === 0 || selects(selection.selectionSet, rest, fragments, seen))) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selects(selection.selectionSet, path, fragments, seen)) return true;
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      const fragment = fragments.get(name);
      if (fragment && selects(fragment.selectionSet, path, fragments, new Set([...seen, name]))) return true;
    }
  }
  return false;
}
