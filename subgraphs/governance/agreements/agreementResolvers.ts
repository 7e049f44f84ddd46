import DataLoader from 'dataloader';
import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import type { Database } from '../../../platform/storage/Database';
import type { SubgraphContext } from '../../SubgraphDefinition';
import type { AuditLog } from '../audit/AuditLog';
import { AgreementInputError, AgreementRuleError, ImmigrationAgreementError, UnknownAgreementError } from './agreementErrors';
import { agreementMonths } from './agreementOversight';
import { AgreementStore, NEXT_STATUSES, type Agreement, type AgreementChange, type AgreementStatus } from './AgreementStore';
import { readAgreementTerms } from './agreementTerms';
import { PartnerRequests, type LegalProcessNotice, type RedisclosureRequest } from './PartnerRequests';
import { TrustedDocuments } from './TrustedDocuments';

export interface AgreementOptions {
  /** [P14, P18] every change is an AGREEMENT_CHANGE event; refused while it cannot be recorded. */
  audit?: AuditLog;
  /** Called after every change, so this process's gateway applies it at once. */
  onAgreementChange: (number: string) => void;
}

export interface AgreementLoaders {
  agreements: AgreementStore;
  partnerRequests: PartnerRequests;
  trustedDocuments: TrustedDocuments;
  /** Each agreement's lifecycle, every agreement of an answer in one statement. */
  agreementHistory: DataLoader<string, AgreementChange[]>;
}

type Context = SubgraphContext<AgreementLoaders>;

export function agreementLoaders(db: Database): AgreementLoaders {
  const agreements = new AgreementStore(db);
  return {
    agreements, partnerRequests: new PartnerRequests(db), trustedDocuments: new TrustedDocuments(db),
    agreementHistory: new DataLoader((numbers) => agreements.history(numbers)),
  };
}

/** The agreements' refusals as the contract's errors: one place. */
function agreementError(error: unknown): unknown {
  if (error instanceof ImmigrationAgreementError) return ermsError('IMMIGRATION_ENFORCEMENT_BLOCKED', error.message, { reason: error.reason });
  if (error instanceof AgreementInputError) return badUserInput(error.message, { argument: error.argument });
  if (error instanceof UnknownAgreementError) return badUserInput(error.message, { argument: 'number' });
  if (error instanceof AgreementRuleError) return ermsError('FORBIDDEN', error.message, { reason: error.reason });
  return error;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The agreements API [P14]: the Agency Privacy Officer and Legal draft, approve, activate,
 * suspend and end agreements and answer partners' notices and requests; a partner records the
 * legal process it received and asks before redisclosing. Every change, and every refused
 * attempt, is an AGREEMENT_CHANGE event in the audit trail.
 */
export function agreementResolvers(options: AgreementOptions) {
  const record = async (context: Context, change: string, detail: Record<string, unknown>, outcome: 'ALLOWED' | 'REFUSED', code?: string) => {
    const { subject } = context.caller;
    await options.audit!.append({
      kind: 'AGREEMENT_CHANGE',
      requestId: context.caller.requestId,
      userId: subject.id,
      event: {
        user: subject.id, roles: subject.roles, command: subject.command, change, outcome, ...detail,
        ...(code ? { errorCodes: [code], guards: code === 'IMMIGRATION_ENFORCEMENT_BLOCKED' ? [code] : [] } : {}),
      },
    });
  };
  /** One change: applied, recorded with who and why; a refusal for immigration enforcement is recorded too [P15]. */
  const change = async <T>(context: Context, what: string, detail: Record<string, unknown>, apply: (by: string) => Promise<{ result: T; number: string; detail?: Record<string, unknown> }>): Promise<T> => {
    if (!options.audit) throw ermsError('AUDIT_UNAVAILABLE', 'agreement changes are refused while they cannot be recorded');
    let applied: Awaited<ReturnType<typeof apply>>;
    try {
      applied = await apply(context.caller.subject.id);
    } catch (error) {
      const mapped = agreementError(error);
      if (error instanceof ImmigrationAgreementError) {
        try {
          await record(context, what, { ...detail, reason: error.reason }, 'REFUSED', 'IMMIGRATION_ENFORCEMENT_BLOCKED');
        } catch {
          throw ermsError('AUDIT_UNAVAILABLE', 'the refusal could not be recorded');
        }
      }
      throw mapped;
    }
    options.onAgreementChange(applied.number);
    try {
      await record(context, what, { agreement: applied.number, ...detail, ...applied.detail }, 'ALLOWED');
    } catch {
      throw ermsError('AUDIT_UNAVAILABLE', 'the change was made but its audit record could not be stored; it is in the agreement\'s change log');
    }
    return applied.result;
  };
  /** The partner's own agreement, from the gateway's signed context [P14]. */
  const partnerAgreement = (context: Context): string => {
    const number = context.caller.subject.agreement?.number;
    if (!number) throw ermsError('FORBIDDEN', 'only a partner agency under an agreement in force records notices and requests', { reason: 'NOT_YOURS' });
    return number;
  };
  const reasonOf = (text: string) => {
    if (!text.trim()) throw badUserInput('say why: reason is required', { argument: 'reason' });
    return text.trim();
  };

  return {
    Query: {
      agreements: (_p: unknown, args: { status?: AgreementStatus | null }, context: Context) => context.loaders.agreements.list(args.status ?? null),
      agreement: (_p: unknown, args: { number: string }, context: Context) => context.loaders.agreements.get(args.number),
      expiringAgreements: (_p: unknown, args: { days?: number | null }, context: Context) => {
        const days = args.days ?? 30;
        if (!Number.isInteger(days) || days < 1 || days > 366) throw badUserInput('days must be between 1 and 366', { argument: 'days' });
        return context.loaders.agreements.expiring(days);
      },
      agreementOversight: (_p: unknown, args: { number: string; fromMonth: string; toMonth: string }, context: Context) => {
        if (!MONTH.test(args.fromMonth) || !MONTH.test(args.toMonth) || args.toMonth < args.fromMonth) {
          throw badUserInput('fromMonth and toMonth are months, YYYY-MM, in order', { argument: 'fromMonth' });
        }
        return agreementMonths(context.db, args.number, args.fromMonth, args.toMonth);
      },
      openLegalProcessNotices: (_p: unknown, _args: unknown, context: Context) => context.loaders.partnerRequests.openNotices(),
      redisclosureRequests: (_p: unknown, args: { status?: RedisclosureRequest['status'] | null }, context: Context) => context.loaders.partnerRequests.redisclosures(args.status ?? null),
    },
    Mutation: {
      createAgreement: (_p: unknown, args: { input: Record<string, unknown>; reason: string }, context: Context) =>
        change(context, 'createAgreement', { number: args.input.number, agency: args.input.agency, purposes: args.input.purposes, categories: args.input.categories, why: args.reason }, async (by) => {
          const terms = readAgreementTerms(args.input);
          const agreement = await context.loaders.agreements.create(terms, by, reasonOf(args.reason));
          return { result: agreement, number: agreement.number, detail: { to: 'DRAFT' } };
        }),
      changeAgreementStatus: (_p: unknown, args: { number: string; status: AgreementStatus; reason: string }, context: Context) =>
        change(context, 'changeAgreementStatus', { why: args.reason }, async (by) => {
          const { from, agreement } = await context.loaders.agreements.transition(args.number, args.status, by, reasonOf(args.reason));
          return { result: agreement, number: agreement.number, detail: { from, to: agreement.status } };
        }),
      closeLegalProcessNotice: (_p: unknown, args: { id: string; outcome: string }, context: Context) =>
        change(context, 'closeLegalProcessNotice', { notice: args.id, outcome: args.outcome }, async (by) => {
          const notice = await context.loaders.partnerRequests.closeNotice(args.id, reasonOf(args.outcome), by);
          return { result: notice, number: notice.agreementNumber };
        }),
      decideRedisclosure: (_p: unknown, args: { id: string; approve: boolean; comment: string }, context: Context) =>
        change(context, 'decideRedisclosure', { request: args.id, approve: args.approve, comment: args.comment }, async (by) => {
          const decided = await context.loaders.partnerRequests.decideRedisclosure(args.id, args.approve, reasonOf(args.comment), by);
          return { result: decided, number: decided.agreementNumber };
        }),
      recordLegalProcessNotice: (_p: unknown, args: { input: Parameters<PartnerRequests['recordNotice']>[1] }, context: Context) =>
        change(context, 'recordLegalProcessNotice', { kind: args.input.kind, documentSha256: args.input.documentSha256, dueOn: args.input.dueOn }, async (by) => {
          const notice: LegalProcessNotice = await context.loaders.partnerRequests.recordNotice(partnerAgreement(context), args.input, by);
          return { result: notice, number: notice.agreementNumber, detail: { notice: notice.id } };
        }),
      requestRedisclosure: (_p: unknown, args: { input: { recipient: string; records: string; reason: string } }, context: Context) =>
        change(context, 'requestRedisclosure', { recipient: args.input.recipient }, async (by) => {
          reasonOf(args.input.reason);
          const request = await context.loaders.partnerRequests.requestRedisclosure(partnerAgreement(context), args.input, by);
          return { result: request, number: request.agreementNumber, detail: { request: request.id } };
        }),
    },
    Agreement: {
      approvedOperations: async (agreement: Agreement, _args: unknown, context: Context) =>
        (await context.loaders.trustedDocuments.list({ agreement: agreement.number })).map((d) => ({ ...d })),
      history: (agreement: Agreement, _args: unknown, context: Context) => context.loaders.agreementHistory.load(agreement.number),
      nextStatuses: (agreement: Agreement) => NEXT_STATUSES[agreement.status],
    },
  };
}
