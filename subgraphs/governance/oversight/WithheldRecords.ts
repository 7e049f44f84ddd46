import type { Database, SqlParam } from '../../../platform/storage/Database';
import { insertRows, type Column } from '../../../platform/storage/insertRows';
import { evaluateRule } from '../../../policy/evaluateRule';
import { juvenileRecordVisible, sealedRecordVisible } from '../../../policy/rules';
import type { PolicyContext } from '../../../policy/Subject';
import { arrestAt } from '../../../synthetic/arrests';
import { complaintAt } from '../../../synthetic/complaintAt';
import { propertyInvoiceAt } from '../../../synthetic/propertyInvoices';
import { scaleOf, type World } from '../../../synthetic/world';

/** The record types that carry sealing (their owners mark them `@recordRule`). */
export const SEALABLE_TYPES = ['Arrest', 'Complaint', 'PropertyInvoice'] as const;

/** What one reader of the trail may see of sealed and juvenile records: the same rules the record subgraphs apply. */
export interface ReaderVisibility {
  sealed: boolean;
  juvenile: boolean;
}

export async function readerVisibility(policy: PolicyContext): Promise<ReaderVisibility> {
  return {
    sealed: (await evaluateRule(sealedRecordVisible, policy, { sealed: true, juvenile: false })).allowed,
    juvenile: (await evaluateRule(juvenileRecordVisible, policy, { sealed: false, juvenile: true })).allowed,
  };
}

/** `records` of an audit event: type → identifiers. */
export type RecordsByType = Record<string, string[]>;

/**
 * [P12, P18] The audit trail names what each answer released, sealed and juvenile records
 * included; a reader sees those identifiers only when their own access would show the record
 * (IAB and the Agency Privacy Officer on an audit), and otherwise how many were withheld. The
 * persons a withheld record belongs to are withheld with it in that event: "this arrest, and the
 * person it belongs to" is what the record would have told.
 */
export class WithheldRecords {
  constructor(private readonly db: Pick<Database, 'query'>) {}

  /** SQL true for a `record_sealing` row (alias `s`) this reader may not see. */
  private static hiddenSql(visibility: ReaderVisibility): string {
    const hidden = [...(visibility.sealed ? [] : ['s.sealed']), ...(visibility.juvenile ? [] : ['s.juvenile'])];
    return hidden.length ? `(${hidden.join(' OR ')})` : 'false';
  }

  private async loaded(): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM record_sealing_loaded LIMIT 1')).length > 0;
  }

  /**
   * Redacts the records of several events at once: one statement whatever their number.
   * Returns, per event, the records the reader may see and how many were withheld.
   */
  async redact(visibility: ReaderVisibility, events: readonly RecordsByType[]): Promise<{ records: RecordsByType; withheld: number }[]> {
    if (visibility.sealed && visibility.juvenile) return events.map((records) => ({ records, withheld: 0 }));
    const pairs = events.flatMap((records) => Object.entries(records).flatMap(([type, ids]) => ((SEALABLE_TYPES as readonly string[]).includes(type) ? ids.map((id) => `${type}:${id}`) : [])));
    const hidden = new Map<string, string[]>();
    if (pairs.length && !(await this.loaded())) {
      // Not known which are sealed: every sealable identifier is withheld (fail closed).
      for (const pair of pairs) hidden.set(pair, []);
    } else if (pairs.length) {
      const rows = await this.db.query<{ key: string; person_ids: string[] }>(
        `SELECT s.type || ':' || s.id AS key, s.person_ids FROM record_sealing s
          WHERE (s.type || ':' || s.id) = ANY($1::text[]) AND ${WithheldRecords.hiddenSql(visibility)}`,
        [[...new Set(pairs)]],
      );
      for (const row of rows) hidden.set(row.key, row.person_ids);
    }
    return events.map((records) => {
      const withheldPersons = new Set<string>();
      for (const [type, ids] of Object.entries(records)) for (const id of ids) for (const person of hidden.get(`${type}:${id}`) ?? []) withheldPersons.add(person);
      let withheld = 0;
      const shown: RecordsByType = {};
      for (const [type, ids] of Object.entries(records)) {
        const kept = ids.filter((id) => !hidden.has(`${type}:${id}`) && !(type === 'Person' && withheldPersons.has(id)));
        withheld += ids.length - kept.length;
        if (kept.length) shown[type] = kept;
      }
      return { records: shown, withheld };
    });
  }

  /**
   * A filter on one record must not become an oracle [P12]: on a record withheld from this
   * reader it matches nothing (as for a record never released); on a person, only the events
   * in which that person is not withheld with a sealed record of theirs.
   */
  async filterCondition(visibility: ReaderVisibility, record: { type: string; id: string }): Promise<{ sql: string; values: SqlParam[] } | null> {
    if (visibility.sealed && visibility.juvenile) return null;
    if ((SEALABLE_TYPES as readonly string[]).includes(record.type)) {
      if (!(await this.loaded())) return { sql: 'false', values: [] };
      const [row] = await this.db.query('SELECT 1 FROM record_sealing s WHERE s.type = $1 AND s.id = $2 AND ' + WithheldRecords.hiddenSql(visibility), [record.type, record.id]);
      return row ? { sql: 'false', values: [] } : null;
    }
    if (record.type !== 'Person') return null;
    return {
      sql: `NOT EXISTS (SELECT 1 FROM record_sealing s WHERE $ = ANY(s.person_ids) AND ${WithheldRecords.hiddenSql(visibility)} AND (e.event -> 'records' -> s.type) ? s.id)`,
      values: [record.id],
    };
  }
}

const COLUMNS: readonly Column[] = [
  { name: 'type', type: 'text' }, { name: 'id', type: 'text' }, { name: 'sealed', type: 'bool' }, { name: 'juvenile', type: 'bool' },
  { name: 'person_ids', type: 'text[]' },
];

/** Fills `record_sealing` from the synthetic world the record subgraphs are seeded from. */
export async function seedRecordSealing(db: Database, world: World): Promise<void> {
  const scale = scaleOf(world);
  const rows: unknown[][] = [];
  const add = (type: string, record: { number: string; sealed: boolean; juvenile: boolean }, persons: (string | null)[]) => {
    if (record.sealed || record.juvenile) rows.push([type, record.number, record.sealed, record.juvenile, [...new Set(persons.filter((p): p is string => !!p))]]);
  };
  for (let k = 0; k < scale.arrests; k++) {
    const arrest = arrestAt(world, k);
    add('Arrest', arrest, [arrest.personId]);
  }
  for (let k = 0; k < scale.complaints; k++) {
    const complaint = complaintAt(world, k);
    add('Complaint', complaint, complaint.parties.map((party) => party.personId));
  }
  for (let k = 0; k < scale.propertyInvoices; k++) {
    const invoice = propertyInvoiceAt(world, k);
    add('PropertyInvoice', invoice, [invoice.ownerId]);
  }
  await db.query('DELETE FROM record_sealing');
  await db.query('DELETE FROM record_sealing_loaded');
  await insertRows(db, 'record_sealing', COLUMNS, rows);
  await db.query('INSERT INTO record_sealing_loaded DEFAULT VALUES');
}
