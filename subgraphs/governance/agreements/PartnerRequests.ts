import type { Database } from '../../../platform/storage/Database';
import { AgreementInputError, AgreementRuleError } from './agreementErrors';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** [P14] a subpoena, judicial order or other legal process a partner received for department information. */
export interface LegalProcessNotice {
  id: string;
  agreementNumber: string;
  kind: 'SUBPOENA' | 'JUDICIAL_ORDER' | 'OTHER';
  documentSha256: string;
  receivedOn: string;
  dueOn: string;
  description: string;
  recordedBy: string;
  recordedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  outcome: string | null;
}

/** [P14] a partner's request to redisclose department records, and the Privacy Officer's decision. */
export interface RedisclosureRequest {
  id: string;
  agreementNumber: string;
  recipient: string;
  records: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'PENDING' | 'APPROVED' | 'DENIED';
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

const NOTICE = `id::text AS id, agreement_number AS "agreementNumber", kind, document_sha256 AS "documentSha256",
  to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", description,
  recorded_by AS "recordedBy", ${iso('recorded_at')} AS "recordedAt", closed_by AS "closedBy", ${iso('closed_at')} AS "closedAt", outcome`;
const REDISCLOSURE = `id::text AS id, agreement_number AS "agreementNumber", recipient, records, reason, requested_by AS "requestedBy",
  ${iso('requested_at')} AS "requestedAt", status, decided_by AS "decidedBy", ${iso('decided_at')} AS "decidedAt", comment`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Legal-process notices and redisclosure requests under the agreements [P14]. */
export class PartnerRequests {
  constructor(private readonly db: Database) {}

  async recordNotice(agreementNumber: string, input: { kind: LegalProcessNotice['kind']; documentSha256: string; receivedOn: string; dueOn: string; description: string }, by: string): Promise<LegalProcessNotice> {
    if (!/^[0-9a-f]{64}$/.test(input.documentSha256)) throw new AgreementInputError('documentSha256: 64 lower-case hex digits', 'documentSha256');
    for (const field of ['receivedOn', 'dueOn'] as const) {
      if (!DAY.test(input[field]) || Number.isNaN(Date.parse(input[field]))) throw new AgreementInputError(`${field}: a date, YYYY-MM-DD`, field);
    }
    if (input.dueOn < input.receivedOn) throw new AgreementInputError('dueOn: on or after receivedOn', 'dueOn');
    const [row] = await this.db.query<LegalProcessNotice>(
      `INSERT INTO legal_process_notice (agreement_number, kind, document_sha256, received_on, due_on, description, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${NOTICE}`,
      [agreementNumber, input.kind, input.documentSha256, input.receivedOn, input.dueOn, input.description.trim(), by],
    );
    return row!;
  }

  /** Open notices, soonest due first (all agreements, or one). */
  async openNotices(agreementNumber: string | null = null): Promise<LegalProcessNotice[]> {
    return this.db.query<LegalProcessNotice>(
      `SELECT ${NOTICE} FROM legal_process_notice WHERE closed_at IS NULL AND ($1::text IS NULL OR agreement_number = $1) ORDER BY due_on, id`,
      [agreementNumber],
    );
  }

  async closeNotice(id: string, outcome: string, by: string): Promise<LegalProcessNotice> {
    if (!/^\d{1,18}$/.test(id)) throw new AgreementInputError('id: no such notice', 'id');
    const [row] = await this.db.query<LegalProcessNotice>(
      `UPDATE legal_process_notice SET closed_by = $2, closed_at = now(), outcome = $3 WHERE id = $1::bigint AND closed_at IS NULL RETURNING ${NOTICE}`,
      [id, by, outcome.trim()],
    );
    if (!row) throw new AgreementInputError(`notice ${id} is unknown or already closed`, 'id');
    return row;
  }

  async requestRedisclosure(agreementNumber: string, input: { recipient: string; records: string; reason: string }, by: string): Promise<RedisclosureRequest> {
    const [row] = await this.db.query<RedisclosureRequest>(
      `INSERT INTO redisclosure_request (agreement_number, recipient, records, reason, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${REDISCLOSURE}`,
      [agreementNumber, input.recipient.trim(), input.records.trim(), input.reason.trim(), by],
    );
    return row!;
  }

  async redisclosures(status: RedisclosureRequest['status'] | null, agreementNumber: string | null = null): Promise<RedisclosureRequest[]> {
    return this.db.query<RedisclosureRequest>(
      `SELECT ${REDISCLOSURE} FROM redisclosure_request WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR agreement_number = $2) ORDER BY id DESC LIMIT 500`,
      [status, agreementNumber],
    );
  }

  async decideRedisclosure(id: string, approve: boolean, comment: string, by: string): Promise<RedisclosureRequest> {
    if (!/^\d{1,18}$/.test(id)) throw new AgreementInputError('id: no such request', 'id');
    const [pending] = await this.db.query<{ requestedBy: string }>(`SELECT requested_by AS "requestedBy" FROM redisclosure_request WHERE id = $1::bigint`, [id]);
    if (pending?.requestedBy === by) throw new AgreementRuleError('NOT_YOURS', 'a redisclosure is decided by the department, not its requester');
    const [row] = await this.db.query<RedisclosureRequest>(
      `UPDATE redisclosure_request SET status = $2, decided_by = $3, decided_at = now(), comment = $4 WHERE id = $1::bigint AND status = 'PENDING' RETURNING ${REDISCLOSURE}`,
      [id, approve ? 'APPROVED' : 'DENIED', by, comment.trim()],
    );
    if (!row) throw new AgreementInputError(`redisclosure request ${id} is unknown or already decided`, 'id');
    return row;
  }
}
