import type { IncomingMessage } from 'node:http';
import type { DocumentNode, FormattedExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { EdgeRefusal } from '../../platform/http/graphqlRequestHandler';
import type { GatewayContext, PendingContext } from '../GatewayContext';

/**
 * One step of the gateway's request path (gateway/pipeline.ts lists them in order). A stage
 * implements only the moments it needs; to refuse, it throws an ERMS error (SPEC §5), and the
 * stages after it never run. Envelop's idea, on Apollo Server: one shape for every concern.
 */
export interface Stage {
  readonly name: string;
  /** Before the operation is parsed: who asks, how often, and why. Runs in list order. */
  onRequest?(request: RequestState): void | Promise<void>;
  /** The parser or the validator refused the document (for the stages that count it). */
  onInvalid?(errors: readonly Error[]): void;
  /**
   * After validation, before planning: may refuse, rewrite `operation.document` (the planner
   * then plans the rewritten one, keyed by `documentHash`), or answer without planning. Runs in
   * list order.
   */
  onOperation?(operation: OperationState): void | Promise<void>;
  /**
   * The answer on its way back out, in REVERSE list order: each stage undoes what it did to the
   * operation (the audit takes out the record keys it added, then the field policy puts back,
   * as nulls with their reasons, the fields it removed).
   */
  onAnswer?(answer: AnswerState): void | Promise<void>;
  /**
   * The answer as it leaves, after every `onAnswer`: only the audit stage, which commits the
   * request's record here and holds the answer until it is stored [P18].
   */
  onLeave?(answer: AnswerState): void | Promise<void>;
  /** A request refused before its operation ran (at the HTTP edge, or by an `onRequest`). */
  onRefused?(refusal: Refusal): Promise<void>;
}

export interface RequestState {
  readonly http: IncomingMessage;
  readonly requestId: string;
  /** The context the stages build; complete (subject, purpose, policy) once every `onRequest` ran. */
  readonly context: PendingContext;
  /**
   * The HTTP body as parsed JSON (undefined for a GET), before Apollo reads the operation from
   * it: a stage may set its `query` (the saved-queries stage puts a saved query's text there, the
   * trusted-documents stage an approved operation's [P14]).
   */
  readonly body?: unknown;
}

export interface OperationState {
  readonly schema: GraphQLSchema;
  readonly context: GatewayContext;
  /** The operation as the client sent it, validated. */
  readonly original: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The document's text as received (undefined when Apollo had a parsed copy only). */
  readonly source: string | undefined;
  /** The document to plan: `original` until a stage rewrites it. */
  document: DocumentNode;
  /** The planner's cache key for a rewritten document: its printed text's SHA-256. */
  documentHash?: string;
  /** An answer given without planning: no subgraph is called. */
  answer?: FormattedExecutionResult;
}

export interface AnswerState {
  readonly schema: GraphQLSchema;
  readonly context: GatewayContext;
  /** The operation as the client sent it, when it was parsed. */
  readonly original: DocumentNode | undefined;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly source: string | undefined;
  /** The answer as it stands; a stage replaces it whole. */
  result: FormattedExecutionResult;
  /** The HTTP status of the answer (the audit sets 503 when it cannot store the record). */
  status: number | undefined;
}

/** A request refused before its operation ran. */
export interface Refusal {
  readonly http: IncomingMessage;
  readonly requestId: string;
  /** What the stages had learnt (the caller, when authenticated); absent for an edge refusal. */
  readonly context?: PendingContext;
  readonly code: string;
  /** Why the HTTP edge refused it (body too large, not JSON, ...). */
  readonly edge?: EdgeRefusal;
}
