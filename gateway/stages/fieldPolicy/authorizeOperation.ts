import { getOperationAST, Kind, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { PolicyMap } from '../../../directives/readPolicyMap';
import { ermsError } from '../../../platform/errors/ErrorCode';
import { PURPOSE_FREE } from '../../../policy/accessTable';
import { evaluateRule } from '../../../policy/evaluateRule';
import { PolicyDenial } from '../../../policy/PolicyDenial';
import { fieldRule } from '../../../policy/rules';
import type { PolicyContext } from '../../../policy/Subject';
import { FieldDecisions, permissionKey } from './fieldDecisions';
import { collectRequestedFields, removeDeniedFields, type RemovedFields, type RequestedField } from './rewriteOperation';

export interface OperationToAuthorize {
  schema: GraphQLSchema;
  /** The `@policy` of every field (directives/readPolicyMap.ts). */
  policyMap: PolicyMap;
  document: DocumentNode;
  operationName: string | null;
  variables: Readonly<Record<string, unknown>>;
  /** Who asks, and the purpose they declared. */
  policy: PolicyContext;
  /** The purpose headers not sent, named in a PURPOSE_REQUIRED refusal. */
  missingPurposeHeaders: readonly string[];
}

export interface Authorization {
  /** The document to plan: the original, or a copy without the denied fields. */
  document: DocumentNode;
  /** Every field asked for (fragments, aliases and variables included), before any removal. */
  requested: RequestedField[];
  /** The denied fields of the original document, with why. */
  removed: RemovedFields;
  /** Uses to flag: a still image allowed as a facial-recognition probe [P4]. */
  flags: string[];
  /** Nothing left to ask any subgraph for: the answer is built without planning. */
  nothingLeft: boolean;
}

/**
 * Field policy [P5, P8, P16] as a function of the operation and the caller, as Apollo Router's
 * authorization filters are:
 *  1. every field the operation asks for is collected;
 *  2. a record field needs a declared purpose: PURPOSE_REQUIRED, thrown, before anything is fetched;
 *  3. each field's rule (its `@policy` category and serving systems) is evaluated; a field
 *     without a rule is denied [P5: deny by default];
 *  4. denied fields are removed from the document the planner will get.
 * `decisions` keeps the rules' answers per permission set across calls (the rules read nothing
 * but roles, trainings and purpose: fieldDecisions.ts).
 */
export async function authorizeOperation(input: OperationToAuthorize, decisions = new FieldDecisions(1)): Promise<Authorization> {
  const { schema, policyMap, document, variables, policy } = input;
  const requested = collectRequestedFields(schema, document, variables);
  const touchesRecords = requested.some((field) => {
    const category = policyMap.get(field.coordinate)?.category;
    return !category || !PURPOSE_FREE.has(category);
  });
  if (touchesRecords && !policy.purpose) {
    const missing = input.missingPurposeHeaders;
    throw ermsError('PURPOSE_REQUIRED', `record data needs a declared purpose: send ${missing.join(', ')}`, { missing });
  }
  const decided = decisions.forSet(permissionKey(policy));
  const decide = async (field: RequestedField): Promise<PolicyDenial | null> => {
    const known = decided.get(field.coordinate);
    if (known !== undefined) return known;
    const rule = policyMap.get(field.coordinate);
    if (!rule?.category) return new PolicyDenial('NO_RULE', 'no policy rule covers this field');
    const decision = await evaluateRule(fieldRule(rule.category, rule.systems), policy, undefined, field.args);
    const denial = decision.allowed ? null : decision.denial;
    decided.set(field.coordinate, denial);
    return denial;
  };
  const denials = await Promise.all(requested.map(decide));
  const removed: RemovedFields = new Map();
  requested.forEach((field, i) => {
    if (denials[i]) removed.set(field.node, { coordinate: field.coordinate, denial: denials[i]! });
  });
  const imageAllowed = requested.some((field, i) => !denials[i] && policyMap.get(field.coordinate)?.category === 'IMAGE');
  if (removed.size === 0) return { document, requested, removed, flags: imageAllowed ? [FACIAL_RECOGNITION_PROBE] : [], nothingLeft: false };
  const allowed = removeDeniedFields(schema, document, removed);
  const operation = getOperationAST(allowed, input.operationName);
  return {
    document: allowed,
    requested,
    removed,
    flags: imageAllowed ? [FACIAL_RECOGNITION_PROBE] : [],
    nothingLeft: !operation || !asksForData(operation.selectionSet, allowed),
  };
}

const FACIAL_RECOGNITION_PROBE = 'FACIAL_RECOGNITION_PROBE';

/** Whether a selection (through its fragments) still asks a subgraph for anything. */
function asksForData(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return !selection.name.value.startsWith('__');
    if (selection.kind === Kind.INLINE_FRAGMENT) return asksForData(selection.selectionSet, document, seen);
    const name = selection.name.value;
    if (seen.has(name)) return false;
    seen.add(name);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? asksForData(fragment.selectionSet, document, seen) : false;
  });
}
