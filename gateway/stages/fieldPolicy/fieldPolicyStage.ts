import type { DocumentNode } from 'graphql';
import type { PolicyMap } from '../../../directives/readPolicyMap';
import type { GatewayContext } from '../../GatewayContext';
import { flag } from '../audit/AuditDraft';
import type { Stage } from '../Stage';
import { authorizeOperation } from './authorizeOperation';
import { FieldDecisions } from './fieldDecisions';
import { restoreRemovedFields } from './restoreRemovedFields';
import type { RemovedFields } from './rewriteOperation';

export interface FieldPolicyOptions {
  policyMap: PolicyMap;
  /** Counts each flag a request earns (an image used as a facial-recognition probe [P4]). */
  flagged: (flag: string) => void;
}

/**
 * The field-policy stage [P5, P8, P16], around authorizeOperation: the planner gets the
 * operation without the denied fields (and keys its plan by that document, so two callers with
 * different rights never share a plan); with nothing left, no subgraph is called. On the way
 * back, the answer is rebuilt on the original operation: each removed field is null with a
 * FIELD_NOT_AUTHORIZED error naming its path and why.
 */
export function fieldPolicyStage(options: FieldPolicyOptions): Stage {
  const decisions = new FieldDecisions();
  const removals = new WeakMap<GatewayContext, { original: DocumentNode; removed: RemovedFields }>();
  return {
    name: 'fieldPolicy',
    async onOperation(operation) {
      const { context } = operation;
      const authorized = await authorizeOperation(
        {
          schema: operation.schema,
          policyMap: options.policyMap,
          document: operation.document,
          operationName: operation.operationName,
          variables: operation.variables,
          policy: context.policy,
          missingPurposeHeaders: context.missingPurposeHeaders,
        },
        decisions,
      );
      context.audit.fieldsRequested = [...new Set(authorized.requested.map((field) => field.coordinate))];
      context.audit.fieldsRemoved = [...authorized.removed.values()].map((r) => ({ field: r.coordinate, reason: r.denial.reason }));
      for (const name of authorized.flags) if (flag(context.audit, name)) options.flagged(name);
      if (authorized.removed.size === 0) return;
      const received = operation.document;
      operation.document = authorized.document;
      if (!authorized.nothingLeft) {
        removals.set(context, { original: received, removed: authorized.removed });
      } else {
        const { data, errors } = restoreRemovedFields(operation.schema, received, operation.operationName, operation.variables, {}, authorized.removed);
        // A GraphQL answer has no `errors` entry rather than an empty one.
        operation.answer = errors.length ? { data, errors } : { data };
      }
    },
    onAnswer(answer) {
      const removal = removals.get(answer.context);
      if (!removal || !answer.result.data) return;
      const restored = restoreRemovedFields(answer.schema, removal.original, answer.operationName, answer.variables, answer.result.data, removal.removed);
      const errors = [...(answer.result.errors ?? []), ...restored.errors];
      answer.result = { ...answer.result, data: restored.data, ...(errors.length ? { errors } : {}) };
    },
  };
}
