import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import type { SubgraphContext } from '../../SubgraphDefinition';
import type { Database } from '../../../platform/storage/Database';
import type { AuditLog } from '../audit/AuditLog';
import { scopeOf, type AuditScope } from './auditScope';
import { AuditEventStore, type AuditEventFilter, type AuditEventView } from './AuditEventStore';
import { auditUsage, type UsageBucket } from './AuditUsage';
import { exportEvents, type ExportFormat } from './exportEvents';
import { FocusedAudits, type FocusedAudit, type FocusedAuditInput } from './FocusedAudits';
import { readerVisibility, SEALABLE_TYPES, WithheldRecords, type RecordsByType } from './WithheldRecords';

export interface OversightOptions {
  /** Where reads, exports and reviews of the trail are themselves recorded. */
  audit?: AuditLog;
  /** Uses unacknowledged for longer than this are overdue for review. */
  reviewOverdueHours: number;
}

export interface OversightLoaders {
  events: AuditEventStore;
  withheld: WithheldRecords;
  focusedAudits: FocusedAudits;
  supervisedBy: (id: string) => Promise<string[]>;
}

type Context = SubgraphContext<OversightLoaders>;
type PageArgs = { first?: number | null; after?: string | null };

const MAX_PAGE = 200;
const focusedAuditsByDb = new WeakMap<object, FocusedAudits>();

/** The oversight services of one store; focused audits run in the background, so one per store. */
export function oversightLoaders(db: Database): OversightLoaders {
  const events = new AuditEventStore(db);
  let focusedAudits = focusedAuditsByDb.get(db);
  if (!focusedAudits) focusedAuditsByDb.set(db, (focusedAudits = new FocusedAudits(db, events)));
  return {
    events,
    withheld: new WithheldRecords(db),
    focusedAudits,
    supervisedBy: async (id) => (await db.query<{ id: string }>('SELECT id FROM directory_user WHERE supervisor_id = $1', [id])).map((r) => r.id),
  };
}

const readerOf = (context: Context) => ({ id: context.caller.subject.id, roles: context.caller.subject.roles, command: context.caller.subject.command });

function pageArgs(args: PageArgs): { first: number; before: number | null } {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badUserInput(`first must be between 0 and ${MAX_PAGE}`, { argument: 'first' });
  if (args.after != null && !/^\d{1,18}$/.test(args.after)) throw badUserInput('after is not a cursor this API issued', { argument: 'after' });
  return { first, before: args.after != null ? Number(args.after) : null };
}

/**
 * The oversight API [P18]: the audit trail within the reader's scope, supervisors' review of
 * their people's uses, and focused audits with their exports. Each read, export and
 * acknowledgement is recorded in the trail before its answer leaves.
 */
export function oversightResolvers(options: OversightOptions) {
  const record = async (context: Context, kind: 'AUDIT_READ' | 'EXPORT' | 'REVIEW', event: Record<string, unknown>) => {
    if (!options.audit) throw ermsError('AUDIT_UNAVAILABLE', 'the audit trail is not available in this process');
    const { subject, purpose } = context.caller;
    try {
      await options.audit.append({
        kind,
        requestId: context.caller.requestId,
        userId: subject.id,
        event: { user: subject.id, roles: subject.roles, command: subject.command, purpose, ...event },
      });
    } catch {
      throw ermsError('AUDIT_UNAVAILABLE', 'this read of the audit trail could not be recorded: no answer is released without it');
    }
  };

  /** One page of events within the scope, recorded as a read of the trail. */
  const readPage = async (context: Context, what: string, filter: AuditEventFilter, scope: AuditScope, args: PageArgs, extra?: (c: ReturnType<AuditEventStore['conditions']>) => void) => {
    const { first, before } = pageArgs(args);
    const where = context.loaders.events.conditions(filter, scope);
    extra?.(where);
    // [P12] a filter on a record withheld from this reader matches nothing: no oracle.
    if (filter.record) {
      const unseen = await context.loaders.withheld.filterCondition(await readerVisibility(context.policy), filter.record);
      if (unseen) where.add(unseen.sql, ...unseen.values);
    }
    const rows = await context.loaders.events.page(where, first + 1, before);
    const page = await redacted(context, rows.slice(0, first));
    await record(context, 'AUDIT_READ', { read: what, filter, scope, returned: page.map((row) => row.seq) });
    return {
      edges: page.map((row) => ({ cursor: String(row.seq), node: row })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? String(page[page.length - 1]!.seq) : null },
      totalCount: () => context.loaders.events.count(where),
    };
  };

  const scope = (context: Context) => scopeOf(readerOf(context), context.loaders.supervisedBy);
  /**
   * [P12, P18] Events as this reader may see them: sealed and juvenile record identifiers (and
   * the persons they belong to) only where the reader's own access would show the record;
   * otherwise a count, `withheldRecords`.
   */
  const redacted = async (context: Context, rows: AuditEventView[]): Promise<Redacted[]> => {
    const visibility = await readerVisibility(context.policy);
    const shown = await context.loaders.withheld.redact(visibility, rows.map((row) => ((row.event as { records?: RecordsByType }).records ?? {})));
    return rows.map((row, i) => ({
      ...row,
      event: { ...(row.event as Record<string, unknown>), ...((row.event as { records?: unknown }).records ? { records: shown[i]!.records } : {}) },
      withheldRecords: shown[i]!.withheld,
    }));
  };
  const supervisedScope = async (context: Context): Promise<AuditScope> => ({ all: false, commands: [], users: await context.loaders.supervisedBy(context.caller.subject.id) });
  const unacknowledged = (where: ReturnType<AuditEventStore['conditions']>) =>
    where.add('NOT EXISTS (SELECT 1 FROM use_acknowledgement u WHERE u.seq = e.seq)');

  /** A focused audit is the requester's, or anyone's for a reader who sees the whole trail. */
  const visibleAudit = async (context: Context, id: string): Promise<FocusedAudit | null> => {
    const audit = await context.loaders.focusedAudits.get(id);
    if (!audit) return null;
    if (audit.requestedBy === context.caller.subject.id || (await scope(context)).all) return audit;
    return null;
  };

  return {
    Query: {
      auditEvents: async (_p: unknown, args: PageArgs & { filter?: AuditEventFilter | null }, context: Context) =>
        readPage(context, 'auditEvents', args.filter ?? {}, await scope(context), args),
      usesToReview: async (_p: unknown, args: PageArgs & { unacknowledgedOnly?: boolean | null; olderThanHours?: number | null; flagged?: boolean | null }, context: Context) => {
        const to = args.olderThanHours != null ? new Date(Date.now() - args.olderThanHours * 3_600_000).toISOString() : null;
        return readPage(context, 'usesToReview', { kind: 'OPERATION', to }, await supervisedScope(context), args, (where) => {
          if (args.unacknowledgedOnly !== false) unacknowledged(where);
          // [P15, P6, P4] the uses a guard put before a supervisor: an ambiguous term, a probe.
          if (args.flagged != null) where.add(`jsonb_array_length(COALESCE(e.event -> 'flags', '[]'::jsonb)) ${args.flagged ? '>' : '='} 0`);
        });
      },
      overdueReviews: async (_p: unknown, args: PageArgs, context: Context) => {
        const to = new Date(Date.now() - options.reviewOverdueHours * 3_600_000).toISOString();
        return readPage(context, 'overdueReviews', { kind: 'OPERATION', to }, await supervisedScope(context), args, unacknowledged);
      },
      // [P18] the charts count what the trail would list to this reader, no more; reading them is recorded too.
      auditUsage: async (_p: unknown, args: { from: string; to: string; bucket?: UsageBucket | null }, context: Context) => {
        const readerScope = await scope(context);
        const range = { from: args.from, to: args.to, bucket: args.bucket ?? 'DAY' };
        const rows = await auditUsage(context.db, readerScope, range);
        await record(context, 'AUDIT_READ', { read: 'auditUsage', ...range, scope: readerScope, buckets: rows.length });
        return rows;
      },
      focusedAudit: (_p: unknown, args: { id: string }, context: Context) => visibleAudit(context, args.id),
      focusedAudits: async (_p: unknown, args: { first?: number | null }, context: Context) =>
        context.loaders.focusedAudits.list((await scope(context)).all ? null : context.caller.subject.id, Math.min(args.first ?? 20, MAX_PAGE)),
    },
    Mutation: {
      requestFocusedAudit: async (_p: unknown, args: { input: FocusedAuditInput }, context: Context) => {
        // [P12] a focused audit of a record withheld from the requester runs over nobody's events:
        // it completes with 0, as for a record never released (its count is no oracle either).
        const unseen = args.input.record && (SEALABLE_TYPES as readonly string[]).includes(args.input.record.type)
          ? await context.loaders.withheld.filterCondition(await readerVisibility(context.policy), args.input.record)
          : null;
        return context.loaders.focusedAudits.request(context.caller.subject.id, await scope(context), args.input, unseen !== null);
      },
      exportFocusedAudit: async (_p: unknown, args: { id: string; format: ExportFormat }, context: Context) => {
        const audit = await visibleAudit(context, args.id);
        if (!audit) throw badUserInput(`no focused audit ${args.id} of yours`, { argument: 'id' });
        const settled = audit.status === 'COMPLETED' ? audit : await context.loaders.focusedAudits.settled(audit.id);
        if (settled?.status !== 'COMPLETED') throw badUserInput(`focused audit ${args.id} did not complete (${settled?.status ?? 'unknown'})`, { argument: 'id' });
        const rows = await redacted(context, await context.loaders.events.bySeq(settled.eventSeqs));
        const file = exportEvents(`focused-audit-${settled.id}`, rows, args.format);
        await record(context, 'EXPORT', { focusedAudit: settled.id, format: args.format, eventCount: file.eventCount, sha256: file.sha256, events: settled.eventSeqs });
        return file;
      },
      acknowledgeUse: async (_p: unknown, args: { seq: string; comment: string }, context: Context) => {
        if (!/^\d{1,18}$/.test(args.seq)) throw badUserInput('seq is an audit event number', { argument: 'seq' });
        const comment = args.comment.trim();
        if (comment.length < 3 || comment.length > 2000) throw badUserInput('a comment of 3 to 2000 characters is required', { argument: 'comment' });
        const where = context.loaders.events.conditions({ kind: 'OPERATION' }, await supervisedScope(context)).add('e.seq = $', Number(args.seq));
        const [use] = await context.loaders.events.page(where, 1, null);
        if (!use) throw badUserInput(`event ${args.seq} is not a use by someone you supervise`, { argument: 'seq' });
        if (use.acknowledgement) throw badUserInput(`event ${args.seq} was already acknowledged by ${use.acknowledgement.by}`, { argument: 'seq' });
        await context.db.query('INSERT INTO use_acknowledgement (seq, acknowledged_by, comment) VALUES ($1, $2, $3)', [use.seq, context.caller.subject.id, comment]);
        await record(context, 'REVIEW', { acknowledged: use.seq, of: use.userId, comment });
        const [acknowledged] = await redacted(context, await context.loaders.events.page(where, 1, null));
        return acknowledged;
      },
    },
    AuditEvent: auditEventFields,
    FocusedAudit: { eventCount: (audit: FocusedAudit) => audit.eventSeqs.length },
  };
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
/** An event with its sealed and juvenile records withheld from a reader who may not see them. */
type Redacted = AuditEventView & { withheldRecords: number };
type E = Redacted & { event: Record<string, any> };

/** An event's fields, read from what was recorded (older events may lack newer fields). */
const auditEventFields = {
  seq: (row: E) => String(row.seq),
  command: (row: E) => row.event.command ?? null,
  roles: (row: E) => list(row.event.roles),
  sourceAddress: (row: E) => row.event.sourceAddress ?? null,
  remote: (row: E) => row.event.remote ?? null,
  purpose: (row: E) => row.event.purpose?.code ?? row.event.purposeHeaders?.purpose ?? null,
  caseNumber: (row: E) => row.event.purpose?.caseNumber ?? row.event.purposeHeaders?.caseNumber ?? null,
  justification: (row: E) => row.event.purpose?.justification ?? null,
  operationName: (row: E) => row.event.operationName ?? null,
  documentHash: (row: E) => row.event.documentHash ?? null,
  outcome: (row: E) => row.event.outcome ?? null,
  errorCodes: (row: E) => list(row.event.errorCodes),
  guards: (row: E) => list(row.event.guards),
  flags: (row: E) => list(row.event.flags),
  fieldsRemoved: (row: E) => (Array.isArray(row.event.fieldsRemoved) ? row.event.fieldsRemoved.map((f: { field: string }) => f.field) : []),
  subgraphs: (row: E) => list(row.event.subgraphs),
  records: (row: E) => Object.entries((row.event.records ?? {}) as Record<string, string[]>).flatMap(([type, ids]) => ids.map((id) => ({ type, id }))),
  resultCount: (row: E) => row.event.resultCount ?? null,
  withheldRecords: (row: E) => row.withheldRecords ?? 0,
  durationMs: (row: E) => row.event.durationMs ?? null,
  savedQueryId: (row: E) => row.event.savedQuery?.id ?? null,
  savedQueryVersion: (row: E) => row.event.savedQuery?.version ?? null,
  detail: (row: E) => JSON.stringify(row.event),
};
