import { hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { print } from 'graphql';
import { badUserInput } from '../platform/errors/ErrorCode';
import type { EdgeRefusal } from '../platform/http/graphqlRequestHandler';
import type { GatewayContext, PendingContext } from './GatewayContext';
import { replaceDocument } from './replaceDocument';
import { newAuditDraft } from './stages/audit/AuditDraft';
import { NO_VARIABLES } from './stages/fieldPolicy/rewriteOperation';
import type { AnswerState, OperationState, Stage } from './stages/Stage';

const codeOf = (error: unknown): string => (error as { extensions?: { code?: string } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR';

/**
 * Runs a pipeline's stages on Apollo Server: `onRequest` while the request's context is built,
 * the others from one Apollo plugin. Each moment runs its stages one after another, in list
 * order (`onAnswer` in reverse), so the first stage to refuse is the one the client hears and
 * the stages after it never run.
 */
export function runStages(stages: readonly Stage[]) {
  const requestStages = stages.filter((stage) => stage.onRequest);
  const refusalStages = stages.filter((stage) => stage.onRefused);
  const invalidStages = stages.filter((stage) => stage.onInvalid);
  const operationStages = stages.filter((stage) => stage.onOperation);
  const answerStages = stages.filter((stage) => stage.onAnswer).reverse();
  const leaveStages = stages.filter((stage) => stage.onLeave);

  const pending = (http: IncomingMessage, requestId: string): PendingContext => ({ requestId, sourceAddress: http.socket.remoteAddress ?? null, audit: newAuditDraft() });

  /** A refusal the stages must hear of; rejects (AUDIT_UNAVAILABLE) when one of them cannot take it. */
  const refuse = async (http: IncomingMessage, requestId: string, context: PendingContext, code: string, edge?: EdgeRefusal) => {
    for (const stage of refusalStages) await stage.onRefused!({ http, requestId, context, code, edge });
  };

  return {
    /** Builds the request's context through every `onRequest`; a refusal is heard by the stages, then thrown. */
    async context(http: IncomingMessage, requestId: string, body?: unknown): Promise<GatewayContext> {
      const context = pending(http, requestId);
      try {
        for (const stage of requestStages) await stage.onRequest!({ http, requestId, context, body });
      } catch (refusal) {
        await refuse(http, requestId, context, codeOf(refusal), undefined);
        throw refusal;
      }
      if (stages.length && (!context.subject || !context.policy)) throw new Error('the pipeline left the caller or the purpose unknown');
      return context as GatewayContext;
    },

    /** A request the HTTP edge refused before any context was built. */
    refused: (http: IncomingMessage, requestId: string, reason: EdgeRefusal) => refuse(http, requestId, pending(http, requestId), 'BAD_USER_INPUT', reason),

    plugin: {
      async requestDidStart() {
        let operationState: OperationState | undefined;
        return {
          async parsingDidStart() {
            return async (error?: Error) => {
              if (error) for (const stage of invalidStages) stage.onInvalid!([error]);
            };
          },
          async validationDidStart() {
            return async (errors?: readonly Error[]) => {
              if (errors?.length) for (const stage of invalidStages) stage.onInvalid!(errors);
            };
          },
          async didResolveOperation(requestContext) {
            // No operation (an unknown name, or several and no name): refused before any stage meets one that is not there.
            if (!requestContext.operation) throw unresolvedOperation(requestContext.request.operationName);
            const state: OperationState = (operationState = {
              schema: requestContext.schema,
              context: requestContext.contextValue,
              original: requestContext.document,
              operation: requestContext.operation,
              operationName: requestContext.operationName ?? null,
              variables: requestContext.request.variables ?? NO_VARIABLES,
              source: requestContext.source,
              document: requestContext.document,
            });
            for (const stage of operationStages) await stage.onOperation!(state);
            if (state.document !== requestContext.document) {
              replaceDocument(requestContext, state.document, state.documentHash ?? hash('sha256', print(state.document), 'hex'));
            }
          },
          async responseForOperation(requestContext) {
            const answer = operationState?.answer;
            return answer ? { http: requestContext.response.http, body: { kind: 'single', singleResult: answer } } : null;
          },
          async willSendResponse(requestContext) {
            const body = requestContext.response.body;
            if (body.kind !== 'single') return;
            const answer = answerOf(requestContext, operationState, body.singleResult);
            for (const stage of answerStages) await stage.onAnswer!(answer);
            for (const stage of leaveStages) await stage.onLeave!(answer);
            body.singleResult = answer.result;
            if (answer.status !== undefined) requestContext.response.http.status = answer.status;
          },
        };
      },
    } satisfies ApolloServerPlugin<GatewayContext>,
  };
}

function answerOf(
  requestContext: GraphQLRequestContext<GatewayContext>,
  operation: OperationState | undefined,
  result: AnswerState['result'],
): AnswerState {
  return {
    schema: requestContext.schema,
    context: requestContext.contextValue,
    original: operation?.original ?? requestContext.document,
    operationName: requestContext.operationName ?? null,
    variables: requestContext.request.variables ?? NO_VARIABLES,
    source: requestContext.source,
    result,
    status: undefined,
  };
}

function unresolvedOperation(operationName: string | undefined) {
  const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
  return badUserInput(message, { reason: 'OPERATION_RESOLUTION_FAILURE' });
}
