import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { getOperationAST, Kind, print, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { PolicyMap } from '../../../directives/readPolicyMap';
import { ermsError } from '../../../platform/errors/ErrorCode';
import { PURPOSE_FREE } from '../../../policy/accessTable';
import { evaluateRule } from '../../../policy/evaluateRule';
import { PolicyDenial } from '../../../policy/PolicyDenial';
import { fieldRule } from '../../../policy/rules';
import type { GatewayContext } from '../../GatewayContext';
import { NO_VARIABLES, collectRequestedFields, removeDeniedFields, type RemovedFields, type RequestedField } from './rewriteOperation';
import { restoreRemovedFields } from './restoreRemovedFields';
import { FieldDecisions, permissionKey } from './fieldDecisions';
import { addRecordKeys, takeRecordsReturned, type RecordKeys } from '../audit/recordKeys';

export interface FieldPolicyOptions {
  policyMap: PolicyMap;
  /** Called once for each flag a request earns (an image used as a facial-recognition probe [P4]). */
  flagged: (flag: string) => void;
  /** Signs the context subgraphs receive, once the operation is allowed. */
  signSubgraphContext: (context: GatewayContext) => Promise<string>;
  /** Record types and their keys: the audit names every record an answer releases [P18]. */
  recordKeys: RecordKeys;
}

/**
 * The field-policy stage [P5, P8, P16]. After validation, before planning:
 *  1. every field the operation asks for is collected (fragments, aliases, variables included);
 *  2. a record field needs a declared purpose (PURPOSE_REQUIRED before anything is fetched);
 *  3. each field's rule (from its `@policy` category and serving systems) is evaluated;
 *  4. denied fields are removed and the plan is keyed by the rewritten document, so two
 *     callers with different rights never share a query plan;
 *  5. if nothing is left, no subgraph is called;
 *  6. the plan also fetches each record's key, for the audit [P18]; the keys are taken out of
 *     the answer, which is rebuilt on the original operation: removed fields come back null
 *     with a FIELD_NOT_AUTHORIZED error naming their path and why.
 */
export function fieldPolicyPlugin(options: FieldPolicyOptions): ApolloServerPlugin<GatewayContext> {
  // Nothing removed: the same document always gets the same keys (Apollo reuses parsed documents).
  const keyed = new WeakMap<DocumentNode, { document: DocumentNode; hash: string }>();
  const withRecordKeys = (schema: Parameters<typeof addRecordKeys>[0], document: DocumentNode, reuse: boolean) => {
    const known = reuse ? keyed.get(document) : undefined;
    if (known) return known;
    const rewritten = addRecordKeys(schema, document, options.recordKeys);
    const result = { document: rewritten, hash: createHash('sha256').update(print(rewritten)).digest('hex') };
    if (reuse) keyed.set(document, result);
    return result;
  };
  const decisionSets = new FieldDecisions();
  const decide = async (context: GatewayContext, decided: Map<string, PolicyDenial | null>, field: RequestedField): Promise<PolicyDenial | null> => {
    const known = decided.get(field.coordinate);
    if (known !== undefined) return known;
    const policy = options.policyMap.get(field.coordinate);
    if (!policy?.category) return new PolicyDenial('NO_RULE', 'no policy rule covers this field');
    const decision = await evaluateRule(fieldRule(policy.category, policy.systems), context.policy, undefined, field.args);
    const denial = decision.allowed ? null : decision.denial;
    decided.set(field.coordinate, denial);
    return denial;
  };

  return {
    async requestDidStart() {
      let original: DocumentNode | undefined;
      let removed: RemovedFields | undefined;
      let nothingLeft = false;
      return {
        async didResolveOperation(requestContext) {
          const context = requestContext.contextValue;
          const document = requestContext.document;
          const variables = requestContext.request.variables ?? NO_VARIABLES;
          const requested = collectRequestedFields(requestContext.schema, document, variables);
          context.requestedFields = [...new Set(requested.map((field) => field.coordinate))];
          const touchesRecords = requested.some((field) => {
            const category = options.policyMap.get(field.coordinate)?.category;
            return !category || !PURPOSE_FREE.has(category);
          });
          if (touchesRecords && !context.purpose) {
            const missing = context.missingPurposeHeaders;
            throw ermsError('PURPOSE_REQUIRED', `record data needs a declared purpose: send ${missing.join(', ')}`, { missing });
          }
          const decided = decisionSets.forSet(permissionKey(context.policy));
          const denials = await Promise.all(requested.map((field) => decide(context, decided, field)));
          removed = new Map();
          requested.forEach((field, i) => {
            if (denials[i]) removed!.set(field.node, { coordinate: field.coordinate, denial: denials[i]! });
          });
          context.removed = removed;
          // [P4] a still image leaves only as a declared facial-recognition probe: flag the use.
          const imageAllowed = requested.some((field, i) => !denials[i] && options.policyMap.get(field.coordinate)?.category === 'IMAGE');
          if (imageAllowed) {
            context.flags = [...(context.flags ?? []), 'FACIAL_RECOGNITION_PROBE'];
            options.flagged('FACIAL_RECOGNITION_PROBE');
          }
          original = document;
          let allowed = document;
          if (removed.size > 0) {
            allowed = removeDeniedFields(requestContext.schema, document, removed);
            const operation = getOperationAST(allowed, requestContext.operationName);
            nothingLeft = !operation || !asksForData(operation.selectionSet, allowed);
          }
          if (nothingLeft) return;
          const planned = withRecordKeys(requestContext.schema, allowed, removed.size === 0);
          setDocument(requestContext, planned.document, planned.hash);
          context.subgraphToken = await options.signSubgraphContext(context);
        },

        async responseForOperation(requestContext) {
          if (!nothingLeft || !original || !removed) return null;
          requestContext.contextValue.recordsReturned = {};
          const { data, errors } = restoreRemovedFields(requestContext.schema, original, requestContext.operationName, requestContext.request.variables, {}, removed);
          // A GraphQL answer has no `errors` entry rather than an empty one.
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: errors.length ? { data, errors } : { data } } };
        },

        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (nothingLeft || !original || !removed || body.kind !== 'single') return;
          // Synchronous up to here and below: the audit stage, called next, reads what this sets.
          const taken = takeRecordsReturned(body.singleResult.data, body.singleResult.errors, options.recordKeys);
          requestContext.contextValue.recordsReturned = taken.records;
          const { errors: _all, ...rest } = body.singleResult;
          const result = { ...rest, ...(taken.errors ? { errors: taken.errors } : {}) };
          if (removed.size === 0) {
            body.singleResult = result;
            return;
          }
          const restored = restoreRemovedFields(
            requestContext.schema, original, requestContext.operationName, requestContext.request.variables,
            result.data as Record<string, unknown> | null | undefined, removed,
          );
          const errors = [...(result.errors ?? []), ...restored.errors];
          body.singleResult = { ...result, data: restored.data, ...(errors.length ? { errors } : {}) };
        },
      };
    },
  };
}

/** The plan cache is keyed by `queryHash`: key it by the rewritten text, never the original. */
function setDocument(requestContext: GraphQLRequestContext<GatewayContext>, document: DocumentNode, hash: string): void {
  const mutable = requestContext as { document: DocumentNode; operation: unknown; queryHash: string };
  mutable.document = document;
  mutable.operation = getOperationAST(document, requestContext.operationName);
  mutable.queryHash = hash;
}

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
