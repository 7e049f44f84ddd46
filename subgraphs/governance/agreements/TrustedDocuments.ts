import type { Database } from '../../../platform/storage/Database';

/**
 * Who an operation is approved for: a partner's agreement [P14], or an internal client that
 * opted in to run only published operations (e.g. a frontend team's application).
 */
export type DocumentOwner = { agreement: string } | { client: string };

/** One published operation: its text, by SHA-256, versioned by name. */
export interface TrustedDocument {
  sha256: string;
  name: string;
  version: number;
  body: string;
  owner: DocumentOwner;
  publishedBy: string;
  publishedAt: string;
  /** SHA-256 of the supergraph it was last validated against. */
  supergraphSha256: string;
  /** False once the supergraph changed under it: marked, never served. */
  valid: boolean;
  invalidReason: string | null;
}

interface Row {
  sha256: string;
  name: string;
  version: number;
  body: string;
  agreement_number: string | null;
  client_id: string | null;
  published_by: string;
  published_at: string;
  supergraph_sha256: string;
  valid: boolean;
  invalid_reason: string | null;
}

const COLUMNS = `sha256, name, version, body, agreement_number, client_id, published_by,
  to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at, supergraph_sha256, valid, invalid_reason`;

const fromRow = (row: Row): TrustedDocument => ({
  sha256: row.sha256,
  name: row.name,
  version: row.version,
  body: row.body,
  owner: row.agreement_number ? { agreement: row.agreement_number } : { client: row.client_id! },
  publishedBy: row.published_by,
  publishedAt: row.published_at,
  supergraphSha256: row.supergraph_sha256,
  valid: row.valid,
  invalidReason: row.invalid_reason,
});

const ownerParams = (owner: DocumentOwner): [string | null, string | null] => ('agreement' in owner ? [owner.agreement, null] : [null, owner.client]);

/** The trusted-document manifest in the governance store. Validation happens before `publish` (cli/operations.ts). */
export class TrustedDocuments {
  constructor(private readonly db: Database) {}

  /**
   * Stores an operation already validated against `supergraphSha256`. The same text again is the
   * same version (nothing new); a new text under a known name is its next version.
   */
  async publish(owner: DocumentOwner, name: string, body: string, sha256: string, supergraphSha256: string, by: string): Promise<{ document: TrustedDocument; created: boolean }> {
    const [agreement, client] = ownerParams(owner);
    return this.db.transaction(async (tx) => {
      const [known] = await tx.query<Row>(
        `SELECT ${COLUMNS} FROM trusted_document WHERE agreement_number IS NOT DISTINCT FROM $1 AND client_id IS NOT DISTINCT FROM $2 AND sha256 = $3`,
        [agreement, client, sha256],
      );
      if (known) {
        await tx.query(
          `UPDATE trusted_document SET valid = true, invalid_reason = NULL, supergraph_sha256 = $4, checked_at = now()
           WHERE agreement_number IS NOT DISTINCT FROM $1 AND client_id IS NOT DISTINCT FROM $2 AND sha256 = $3`,
          [agreement, client, sha256, supergraphSha256],
        );
        return { document: { ...fromRow(known), valid: true, invalidReason: null, supergraphSha256 }, created: false };
      }
      const [row] = await tx.query<Row>(
        `INSERT INTO trusted_document (sha256, agreement_number, client_id, name, version, body, published_by, supergraph_sha256)
         SELECT $3, $1, $2, $4, COALESCE(max(version), 0) + 1, $5, $6, $7 FROM trusted_document
         WHERE agreement_number IS NOT DISTINCT FROM $1 AND client_id IS NOT DISTINCT FROM $2 AND name = $4
         RETURNING ${COLUMNS}`,
        [agreement, client, sha256, name, body, by, supergraphSha256],
      );
      return { document: fromRow(row!), created: true };
    });
  }

  /** The operation approved for `owner` with this hash, valid or not (the caller refuses an invalid one). */
  async find(owner: DocumentOwner, sha256: string): Promise<TrustedDocument | null> {
    const [agreement, client] = ownerParams(owner);
    const [row] = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM trusted_document WHERE agreement_number IS NOT DISTINCT FROM $1 AND client_id IS NOT DISTINCT FROM $2 AND sha256 = $3`,
      [agreement, client, sha256],
    );
    return row ? fromRow(row) : null;
  }

  async list(owner: DocumentOwner | null = null): Promise<TrustedDocument[]> {
    const [agreement, client] = owner ? ownerParams(owner) : [null, null];
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM trusted_document
       WHERE ($1::text IS NULL AND $2::text IS NULL) OR (agreement_number IS NOT DISTINCT FROM $1 AND client_id IS NOT DISTINCT FROM $2)
       ORDER BY agreement_number, client_id, name, version`,
      [agreement, client],
    );
    return rows.map(fromRow);
  }

  /** Records the outcome of revalidating one operation against a supergraph. */
  async markChecked(document: TrustedDocument, supergraphSha256: string, problem: string | null): Promise<void> {
    const [agreement, client] = ownerParams(document.owner);
    await this.db.query(
      `UPDATE trusted_document SET valid = $4, invalid_reason = $5, supergraph_sha256 = $6, checked_at = now()
       WHERE agreement_number IS NOT DISTINCT FROM $1 AND client_id IS NOT DISTINCT FROM $2 AND sha256 = $3`,
      [agreement, client, document.sha256, problem === null, problem, supergraphSha256],
    );
  }
}
