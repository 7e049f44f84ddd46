import type { Database } from '../../../platform/storage/Database';
import type { Category, Purpose } from '../../../policy/vocabulary';
import { AgreementRuleError, UnknownAgreementError } from './agreementErrors';
import type { AgreementTerms } from './agreementTerms';

export const AGREEMENT_STATUSES = ['DRAFT', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** An agreement as stored: its terms, status and who drafted it. */
export interface Agreement extends AgreementTerms {
  status: AgreementStatus;
  createdBy: string;
  createdAt: string;
  statusChangedAt: string;
}

/** One step of the lifecycle, as `agreement_change` keeps it. */
export interface AgreementChange {
  agreementNumber: string;
  changedAt: string;
  changedBy: string;
  from: AgreementStatus | null;
  to: AgreementStatus;
  reason: string;
}

/**
 * [P14] The lifecycle: DRAFT → APPROVED → ACTIVE → SUSPENDED | EXPIRED | TERMINATED; a
 * suspended agreement may be reinstated (ACTIVE) or ended. Expired and terminated are final.
 */
export const NEXT_STATUSES: Record<AgreementStatus, readonly AgreementStatus[]> = {
  DRAFT: ['APPROVED', 'TERMINATED'],
  APPROVED: ['ACTIVE', 'TERMINATED'],
  ACTIVE: ['SUSPENDED', 'EXPIRED', 'TERMINATED'],
  SUSPENDED: ['ACTIVE', 'EXPIRED', 'TERMINATED'],
  EXPIRED: [],
  TERMINATED: [],
};

type Tx = Pick<Database, 'query'>;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `number, agency_name, agency_ori, agency_kind, agency_immigration_enforcement, signatories, document_sha256,
  ${iso('effective_from')} AS effective_from, ${iso('expires_at')} AS expires_at, systems, categories, purposes, daily_request_cap,
  client_id, certificate_sha256, partner_users, conditions, status, created_by, ${iso('created_at')} AS created_at,
  ${iso('status_changed_at')} AS status_changed_at`;

interface Row {
  number: string;
  agency_name: string;
  agency_ori: string;
  agency_kind: Agreement['agency']['kind'];
  agency_immigration_enforcement: boolean;
  signatories: Agreement['signatories'] | string;
  document_sha256: string;
  effective_from: string;
  expires_at: string;
  systems: string[];
  categories: Category[];
  purposes: Purpose[];
  daily_request_cap: number;
  client_id: string | null;
  certificate_sha256: string | null;
  partner_users: string[];
  conditions: Agreement['conditions'] | string;
  status: AgreementStatus;
  created_by: string;
  created_at: string;
  status_changed_at: string;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function fromRow(row: Row): Agreement {
  return {
    number: row.number,
    agency: { name: row.agency_name, ori: row.agency_ori, kind: row.agency_kind, immigrationEnforcement: row.agency_immigration_enforcement },
    signatories: json(row.signatories),
    documentSha256: row.document_sha256,
    effectiveFrom: row.effective_from,
    expiresAt: row.expires_at,
    systems: row.systems,
    categories: row.categories,
    purposes: row.purposes,
    dailyRequestCap: row.daily_request_cap,
    clientId: row.client_id,
    certificateSha256: row.certificate_sha256,
    partnerUsers: row.partner_users,
    conditions: json(row.conditions),
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
  };
}

/** The agreements of the governance store [P14]. */
export class AgreementStore {
  constructor(private readonly db: Database) {}

  async get(number: string, tx: Tx = this.db): Promise<Agreement | null> {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM agreement WHERE number = $1`, [number]);
    return row ? fromRow(row) : null;
  }

  async list(status: AgreementStatus | null = null): Promise<Agreement[]> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM agreement WHERE $1::text IS NULL OR status = $1 ORDER BY number`, [status]);
    return rows.map(fromRow);
  }

  /**
   * The agreement a partner's request runs under: the one naming the client (OAuth client
   * credentials) or the partner user. An ACTIVE one first; else the most recently changed, so
   * the refusal can say it is suspended or expired.
   */
  async forSubject(subject: { id: string; kind: 'USER' | 'CLIENT' }): Promise<Agreement | null> {
    const where = subject.kind === 'CLIENT' ? 'client_id = $1' : '$1 = ANY (partner_users)';
    const [row] = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM agreement WHERE ${where} AND status <> 'DRAFT'
       ORDER BY (status = 'ACTIVE') DESC, status_changed_at DESC LIMIT 1`,
      [subject.id],
    );
    return row ? fromRow(row) : null;
  }

  /** Stores a new agreement as DRAFT (terms already read by readAgreementTerms). */
  async create(terms: AgreementTerms, by: string, reason: string): Promise<Agreement> {
    return this.db.transaction(async (tx) => {
      if (await this.get(terms.number, tx)) throw new AgreementRuleError('TRANSITION', `agreement ${terms.number} exists already`);
      await tx.query(
        `INSERT INTO agreement (number, agency_name, agency_ori, agency_kind, agency_immigration_enforcement, signatories, document_sha256,
           effective_from, expires_at, systems, categories, purposes, daily_request_cap, client_id, certificate_sha256, partner_users,
           conditions, created_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18)`,
        [
          terms.number, terms.agency.name, terms.agency.ori, terms.agency.kind, terms.agency.immigrationEnforcement, JSON.stringify(terms.signatories),
          terms.documentSha256, terms.effectiveFrom, terms.expiresAt, terms.systems, terms.categories, terms.purposes, terms.dailyRequestCap,
          terms.clientId, terms.certificateSha256, terms.partnerUsers, JSON.stringify(terms.conditions), by,
        ],
      );
      await tx.query('INSERT INTO agreement_change (agreement_number, changed_by, from_status, to_status, reason) VALUES ($1, $2, NULL, $3, $4)', [terms.number, by, 'DRAFT', reason]);
      return (await this.get(terms.number, tx))!;
    });
  }

  /** One step of the lifecycle, with who and why; refused when it is not a step, or breaks a rule. */
  async transition(number: string, to: AgreementStatus, by: string, reason: string, now = new Date()): Promise<{ from: AgreementStatus; agreement: Agreement }> {
    return this.db.transaction(async (tx) => {
      const [locked] = await tx.query<Row>(`SELECT ${COLUMNS} FROM agreement WHERE number = $1 FOR UPDATE`, [number]);
      if (!locked) throw new UnknownAgreementError(`no agreement ${number}`);
      const current = fromRow(locked);
      if (!NEXT_STATUSES[current.status].includes(to)) {
        throw new AgreementRuleError('TRANSITION', `agreement ${number} is ${current.status}: it can become ${NEXT_STATUSES[current.status].join(' or ') || 'nothing else'}, not ${to}`);
      }
      // Two people: the one who drafted the terms never approves them alone.
      if (to === 'APPROVED' && current.createdBy === by) throw new AgreementRuleError('SELF_APPROVAL', 'an agreement is approved by someone other than who drafted it');
      if (to === 'ACTIVE' && Date.parse(current.expiresAt) <= now.getTime()) throw new AgreementRuleError('PAST_EXPIRY', `agreement ${number} expired at ${current.expiresAt}`);
      await tx.query('UPDATE agreement SET status = $2, status_changed_at = $3 WHERE number = $1', [number, to, now.toISOString()]);
      await tx.query('INSERT INTO agreement_change (agreement_number, changed_by, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $5)', [number, by, current.status, to, reason]);
      return { from: current.status, agreement: (await this.get(number, tx))! };
    });
  }

  /** The lifecycle of each agreement asked, oldest change first: one statement for them all. */
  async history(numbers: readonly string[]): Promise<AgreementChange[][]> {
    const rows = await this.db.query<{ agreement_number: string; changed_at: string; changed_by: string; from_status: AgreementStatus | null; to_status: AgreementStatus; reason: string }>(
      `SELECT agreement_number, ${iso('changed_at')} AS changed_at, changed_by, from_status, to_status, reason
       FROM agreement_change WHERE agreement_number = ANY($1::text[]) ORDER BY changed_at, id`,
      [numbers as string[]],
    );
    return numbers.map((number) =>
      rows.filter((row) => row.agreement_number === number).map((row) => ({
        agreementNumber: row.agreement_number, changedAt: row.changed_at, changedBy: row.changed_by, from: row.from_status, to: row.to_status, reason: row.reason,
      })),
    );
  }

  /** Counts one request against the agreement's day (UTC); returns the day's count, this one included. */
  async countRequest(number: string, now = new Date()): Promise<number> {
    const [row] = await this.db.query<{ requests: number }>(
      `INSERT INTO agreement_use (agreement_number, day, requests) VALUES ($1, $2::date, 1)
       ON CONFLICT (agreement_number, day) DO UPDATE SET requests = agreement_use.requests + 1
       RETURNING requests`,
      [number, now.toISOString().slice(0, 10)],
    );
    return row!.requests;
  }

  /** ACTIVE agreements expiring within `days` (oversight renews or ends them in time). */
  async expiring(days: number, now = new Date()): Promise<Agreement[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM agreement WHERE status = 'ACTIVE' AND expires_at > $1 AND expires_at <= $1::timestamptz + make_interval(days => $2::int) ORDER BY expires_at`,
      [now.toISOString(), days],
    );
    return rows.map(fromRow);
  }
}
