import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/storage/Database';
import type { ColumnMapping } from './ColumnMapping';
import type { SavedQueryParameter } from './validateSavedQuery';

/** Who may run a saved query: its owner, or someone in a command or role it is shared with. */
export interface Runner {
  id: string;
  roles: readonly string[];
  command: string;
}

export type ShareKind = 'COMMAND' | 'ROLE';
export interface Share {
  kind: ShareKind;
  target: string;
}

/** One immutable version: what ran, and who wrote it when, with their note. */
export interface SavedQueryVersion {
  savedQueryId: string;
  version: number;
  name: string;
  description: string;
  tags: string[];
  document: string;
  operationName: string | null;
  parameters: SavedQueryParameter[];
  columns: ColumnMapping;
  suggestedPurpose: string | null;
  authorId: string;
  createdAt: string;
  changeNote: string;
}

export interface SavedQuery {
  id: string;
  ownerId: string;
  createdAt: string;
  currentVersion: number;
  /** Why the supergraph in force cannot run it; null while it validates. */
  brokenReason: string | null;
  validatedAt: string | null;
  shares: Share[];
}

/** A version's content as saved (validated by the caller first). */
export interface VersionContent {
  name: string;
  description: string;
  tags: readonly string[];
  document: string;
  operationName: string | null;
  parameters: readonly SavedQueryParameter[];
  columns: ColumnMapping;
  suggestedPurpose: string | null;
  changeNote: string;
}

interface QueryRow {
  id: string;
  owner_id: string;
  created_at: string;
  current_version: number;
  broken_reason: string | null;
  validated_at: string | null;
  shares: Share[] | null;
}

interface VersionRow {
  saved_query_id: string;
  version: number;
  name: string;
  description: string;
  tags: string[];
  document: string;
  operation_name: string | null;
  parameters: SavedQueryParameter[];
  columns: ColumnMapping;
  suggested_purpose: string | null;
  author_id: string;
  created_at: string;
  change_note: string;
}

const QUERY_SQL = `SELECT q.*, (SELECT json_agg(json_build_object('kind', s.kind, 'target', s.target) ORDER BY s.kind, s.target)
  FROM saved_query_share s WHERE s.saved_query_id = q.id) AS shares FROM saved_query q`;

/** The runner sees their own and those shared with their command or one of their roles. */
const VISIBLE = `(q.owner_id = $1 OR EXISTS (SELECT 1 FROM saved_query_share s WHERE s.saved_query_id = q.id
  AND ((s.kind = 'COMMAND' AND s.target = $2) OR (s.kind = 'ROLE' AND s.target = ANY($3::text[])))))`;

/**
 * Saved queries, their versions and sharing. A version is never changed (the table refuses it):
 * an edit adds the next version, and a run names the version it used.
 */
export class SavedQueryStore {
  constructor(private readonly db: Database) {}

  async create(ownerId: string, content: VersionContent, id = `SQ-${randomBytes(5).toString('hex').toUpperCase()}`): Promise<string> {
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO saved_query (id, owner_id, validated_at) VALUES ($1, $2, now())', [id, ownerId]);
      await insertVersion(tx, id, 1, ownerId, content);
    });
    return id;
  }

  /** The next version; `expected` guards against two editors revising the same version. */
  async revise(id: string, authorId: string, content: VersionContent, expected?: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ current_version: number }>('SELECT current_version FROM saved_query WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw new Error(`no saved query ${id}`);
      if (expected !== undefined && expected !== row.current_version) throw new StaleVersionError(row.current_version);
      const version = row.current_version + 1;
      await insertVersion(tx, id, version, authorId, content);
      await tx.query('UPDATE saved_query SET current_version = $2, broken_reason = NULL, validated_at = now() WHERE id = $1', [id, version]);
      return version;
    });
  }

  async get(id: string): Promise<SavedQuery | null> {
    const [row] = await this.db.query<QueryRow>(`${QUERY_SQL} WHERE q.id = $1`, [id]);
    return row ? toQuery(row) : null;
  }

  /** The saved query if this runner may see (and run) it, else null: a hidden one looks absent. */
  async visible(id: string, runner: Runner): Promise<SavedQuery | null> {
    const [row] = await this.db.query<QueryRow>(`${QUERY_SQL} WHERE q.id = $4 AND ${VISIBLE}`, [runner.id, runner.command, [...runner.roles], id]);
    return row ? toQuery(row) : null;
  }

  async list(runner: Runner, options: { tag?: string | null; ownedOnly?: boolean; first: number }): Promise<SavedQuery[]> {
    const rows = await this.db.query<QueryRow>(
      `${QUERY_SQL} WHERE ${options.ownedOnly ? 'q.owner_id = $1 AND $2::text IS NOT NULL AND $3::text[] IS NOT NULL' : VISIBLE}
         AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM saved_query_version v WHERE v.saved_query_id = q.id AND v.version = q.current_version AND $4 = ANY(v.tags)))
       ORDER BY q.created_at DESC, q.id LIMIT $5`,
      [runner.id, runner.command, [...runner.roles], options.tag ?? null, options.first],
    );
    return rows.map(toQuery);
  }

  async version(id: string, version: number): Promise<SavedQueryVersion | null> {
    const [row] = await this.db.query<VersionRow>('SELECT * FROM saved_query_version WHERE saved_query_id = $1 AND version = $2', [id, version]);
    return row ? toVersion(row) : null;
  }

  async versions(ids: readonly { id: string; version: number }[]): Promise<(SavedQueryVersion | null)[]> {
    const rows = await this.db.query<VersionRow>(
      `SELECT v.* FROM saved_query_version v JOIN unnest($1::text[], $2::int[]) AS k(id, version) ON v.saved_query_id = k.id AND v.version = k.version`,
      [ids.map((k) => k.id), ids.map((k) => k.version)],
    );
    const byKey = new Map(rows.map((row) => [`${row.saved_query_id}@${row.version}`, toVersion(row)]));
    return ids.map((k) => byKey.get(`${k.id}@${k.version}`) ?? null);
  }

  async history(id: string): Promise<SavedQueryVersion[]> {
    const rows = await this.db.query<VersionRow>('SELECT * FROM saved_query_version WHERE saved_query_id = $1 ORDER BY version DESC', [id]);
    return rows.map(toVersion);
  }

  /** Replaces who it is shared with (an empty list: private again). */
  async share(id: string, sharedBy: string, shares: readonly Share[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM saved_query_share WHERE saved_query_id = $1', [id]);
      for (const share of shares) {
        await tx.query('INSERT INTO saved_query_share (saved_query_id, kind, target, shared_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [id, share.kind, share.target, sharedBy]);
      }
    });
  }

  /** Every saved query's current version, for revalidation against a new supergraph. */
  async currentVersions(): Promise<SavedQueryVersion[]> {
    const rows = await this.db.query<VersionRow>(
      'SELECT v.* FROM saved_query q JOIN saved_query_version v ON v.saved_query_id = q.id AND v.version = q.current_version ORDER BY q.id',
    );
    return rows.map(toVersion);
  }

  /** Records a revalidation: broken with its reason, or valid again (null). */
  async markValidity(id: string, brokenReason: string | null): Promise<void> {
    await this.db.query('UPDATE saved_query SET broken_reason = $2, validated_at = now() WHERE id = $1', [id, brokenReason]);
  }
}

export class StaleVersionError extends Error {
  constructor(readonly current: number) {
    super(`the saved query is at version ${current} now: revise that version`);
  }
}

async function insertVersion(tx: Pick<Database, 'query'>, id: string, version: number, authorId: string, content: VersionContent): Promise<void> {
  await tx.query(
    `INSERT INTO saved_query_version (saved_query_id, version, name, description, tags, document, operation_name, parameters, columns, suggested_purpose, author_id, change_note)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12)`,
    [
      id, version, content.name, content.description, [...content.tags], content.document, content.operationName,
      JSON.stringify(content.parameters), JSON.stringify(content.columns), content.suggestedPurpose, authorId, content.changeNote,
    ],
  );
}

function toQuery(row: QueryRow): SavedQuery {
  return {
    id: row.id,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    currentVersion: row.current_version,
    brokenReason: row.broken_reason,
    validatedAt: row.validated_at,
    shares: row.shares ?? [],
  };
}

function toVersion(row: VersionRow): SavedQueryVersion {
  return {
    savedQueryId: row.saved_query_id,
    version: row.version,
    name: row.name,
    description: row.description,
    tags: row.tags,
    document: row.document,
    operationName: row.operation_name,
    parameters: row.parameters,
    columns: row.columns,
    suggestedPurpose: row.suggested_purpose,
    authorId: row.author_id,
    createdAt: row.created_at,
    changeNote: row.change_note,
  };
}
