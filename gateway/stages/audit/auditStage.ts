import { hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { print, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { AuditEventInput } from '../../../subgraphs/governance/audit/AuditLog';
import { ermsError } from '../../../platform/errors/ErrorCode';
import { AUDIT_UNAVAILABLE_MESSAGE } from '../../../platform/http/graphqlRequestHandler';
import type { Subject } from '../../../policy/Subject';
import type { GatewayContext, PendingContext } from '../../GatewayContext';
import { collectRequestedFields } from '../fieldPolicy/rewriteOperation';
import type { Stage } from '../Stage';
import { auditedDocument, hashedVariables } from './auditedDocument';
import { addRecordKeys, takeRecordsReturned, type RecordKeys } from './recordKeys';
import { SessionsSeen } from './SessionsSeen';

/** Where the audit stage writes: the hash-chained log of the governance store [P18]. */
export interface AuditWriter {
  /** Resolves once the event is committed; rejects when it cannot be. */
  append(input: AuditEventInput): Promise<unknown>;
}

const sha256 = (text: string) => hash('sha256', text, 'hex');


/**
 * [P18] Every use leaves an audit event, and this stage alone writes it: the other stages fill
 * the request's draft (gateway/stages/audit/AuditDraft.ts). It also makes the answer name its
 * records: the planned operation asks for each record's type and key under reserved aliases
 * (recordKeys.ts), taken out of the answer before it leaves. The answer leaves only once its
 * event is committed: if it cannot be stored, the caller gets AUDIT_UNAVAILABLE (HTTP 503) and
 * no data. Fail closed. The first request of each session this replica sees leaves a LOGON.
 */
export function auditStage(options: { log: AuditWriter; recordKeys: RecordKeys }): Stage {
  const { log, recordKeys } = options;
  const logons = new SessionsSeen();
  const keyedAnswers = new WeakSet<GatewayContext>();
  // The same document always gets the same keys: Apollo reuses parsed documents, and the field
  // policy its rewritten ones; a document gone takes its entry with it.
  const keyed = new WeakMap<DocumentNode, { document: DocumentNode; hash: string }>();
  const withRecordKeys = (schema: GraphQLSchema, document: DocumentNode) => {
    // Stryker disable next-line ConditionalExpression: a cache; a document keyed again is keyed identically
    if (keyed.has(document)) return keyed.get(document)!;
    const rewritten = addRecordKeys(schema, document, recordKeys);
    const result = { document: rewritten, hash: sha256(print(rewritten)) };
    keyed.set(document, result);
    return result;
  };
  const recordLogon = async (context: PendingContext) => {
    const sessionId = context.subject?.authentication?.sessionId;
    if (!sessionId || !logons.firstTime(sessionId)) return;
    await log
      .append({ kind: 'LOGON', requestId: context.requestId, userId: context.subject!.id, event: { ...subjectOf(context.subject!, context.sourceAddress), outcome: 'ALLOWED' } })
      .catch((error: unknown) => {
        logons.forget(sessionId);
        throw error;
      });
  };

  return {
    name: 'audit',
    onRequest: ({ context }) => recordLogon(context),

    onOperation(operation) {
      if (operation.answer) {
        operation.context.audit.records = {};
        return;
      }
      const planned = withRecordKeys(operation.schema, operation.document);
      operation.document = planned.document;
      operation.documentHash = planned.hash;
      keyedAnswers.add(operation.context);
    },

    onAnswer(answer) {
      if (!keyedAnswers.has(answer.context)) return;
      const taken = takeRecordsReturned(answer.result.data, answer.result.errors, recordKeys);
      answer.context.audit.records = taken.records;
      const { errors: _all, ...rest } = answer.result;
      answer.result = { ...rest, ...(taken.errors ? { errors: taken.errors } : {}) };
    },

    async onLeave(answer) {
      const { context, result } = answer;
      const draft = context.audit;
      const errors = (result.errors ?? []) as GraphQLFormattedError[];
      const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
      // As asked, before the policy removed anything (a refusal before that stage: from the document).
      const requested = draft.fieldsRequested ?? (answer.original ? collectRequestedFields(answer.schema, answer.original, answer.variables).map((f) => f.coordinate) : []);
      const removed = draft.fieldsRemoved ?? [];
      const refused = result.data === undefined || result.data === null;
      const records = draft.records ?? {};
      const outcome = refused ? (codes.some((c) => c === 'INTERNAL_SERVER_ERROR') ? 'FAILED' : 'REFUSED') : removed.length || errors.length ? 'PARTIAL' : 'ALLOWED';
      const { document: text, documentHash, literals } = auditedDocument(answer.source);
      try {
        await log.append({
          kind: 'OPERATION',
          requestId: context.requestId,
          userId: context.subject.id,
          // Object.assign, not `{ ...subjectOf(context), purpose, ... }`: V8 defines every
          // property written after a spread slowly.
          event: Object.assign(subjectOf(context.subject, context.sourceAddress), {
            purpose: context.purpose,
            operationName: answer.operationName,
            // [P14] every partner answer names its agreement, and the operation as published.
            agreement: draft.agreement ?? null,
            trustedDocument: draft.trustedDocument ?? null,
            document: text,
            documentHash,
            variables: hashedVariables(answer.variables),
            literals,
            fieldsRequested: [...new Set(requested)],
            fieldsRemoved: removed,
            guards: guardsIn(codes),
            flags: draft.flags,
            subgraphs: [...draft.subgraphs],
            records,
            resultCount: Object.values(records).reduce((sum, ids) => sum + ids.length, 0),
            outcome,
            errorCodes: codes,
            durationMs: Date.now() - draft.startedAt,
            // A saved query's run names the query and version (absent for an ordinary operation).
            savedQuery: draft.savedQuery,
          }),
        });
      } catch {
        answer.status = 503;
        answer.result = { errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
      }
    },

    /**
     * A refusal before the operation ran is a use too: the caller when known (else an attempt
     * without identity, LOGON), from where, with which purpose headers, and the code.
     */
    async onRefused({ http, requestId, context, code, edge }) {
      if (context?.audit.unrecorded) return;
      try {
        if (context && !edge) await recordLogon(context);
        const extra = { ...(edge ? { reason: edge } : {}), ...(context?.audit.agreement ? { agreement: context.audit.agreement } : {}), ...(context?.audit.savedQuery ? { savedQuery: context.audit.savedQuery } : {}) };
        await log.append(refusalEvent(http, requestId, context?.subject, code, extra));
      } catch {
        throw ermsError('AUDIT_UNAVAILABLE', AUDIT_UNAVAILABLE_MESSAGE);
      }
    },
  };
}

/** Who asked, from where and how they signed in: the part every event of a request shares (an export's too). */
export function subjectOf(subject: Subject, sourceAddress: string | null) {
  return {
    user: subject.id,
    kind: subject.kind,
    roles: subject.roles,
    command: subject.command,
    assignment: subject.assignment,
    agencyOri: subject.agency.ori,
    sourceAddress,
    remote: subject.remote,
    mfa: subject.mfa,
    authentication: subject.authentication ?? null,
  };
}

/** The event of a request refused before its operation ran. */
function refusalEvent(request: IncomingMessage, requestId: string, subject: Subject | undefined, code: string, extra: Record<string, unknown>): AuditEventInput {
  const sourceAddress = request.socket.remoteAddress ?? null;
  return {
    kind: subject ? 'OPERATION' : 'LOGON',
    requestId,
    userId: subject?.id ?? null,
    event: {
      ...(subject ? subjectOf(subject, sourceAddress) : { sourceAddress }),
      purposeHeaders: { purpose: request.headers['x-purpose'] ?? null, caseNumber: request.headers['x-case-number'] ?? null },
      outcome: 'REFUSED',
      errorCodes: [code],
      guards: guardsIn([code]),
      ...extra,
    },
  };
}

/** Refusal codes that are guards of the policy: oversight filters events by them. */
const GUARD_CODES: ReadonlySet<string> = new Set([
  'PURPOSE_REQUIRED', 'IMMIGRATION_ENFORCEMENT_BLOCKED', 'POLITICAL_ACTIVITY_RESTRICTED', 'PROTECTED_CHARACTERISTICS_ONLY',
  'AGREEMENT_SCOPE', 'PERMISSIBLE_PURPOSE_REQUIRED', 'OPERATION_NOT_APPROVED', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
]);

const guardsIn = (codes: readonly string[]): string[] => codes.filter((code) => GUARD_CODES.has(code));
