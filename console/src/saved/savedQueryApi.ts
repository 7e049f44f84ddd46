import type { ColumnMapping } from '../../../subgraphs/governance/workspace/ColumnMapping';
import { gatewayHeaders, postGraphQL, type GraphQLAnswer, type GraphQLError } from '../api/graphqlRequest';
import { saveFile } from '../api/saveFile';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import type { Parameter } from './parameterControl';

/**
 * The saved queries the user may run (docs/saved-queries.md); managing them needs no purpose.
 * The newest LIBRARY_PAGE: the operation's estimated cost must stay within the smallest
 * record role's limit (an officer's, policy/operationLimitsTable.ts), and a tag narrows it.
 */
export const LIBRARY_PAGE = 50;
export const SAVED_QUERIES = `query ConsoleSavedQueries($tag: String, $mine: Boolean) {
  savedQueries(tag: $tag, mine: $mine, first: ${LIBRARY_PAGE}) {
    id name description tags ownerId currentVersion broken brokenReason shares { kind target }
  }
}`;

const PARAMETER = 'name type required defaultValue description enumValues';
const COLUMNS = 'columns { rows pageInfo columns { name path } }';

export const SAVED_QUERY = `query ConsoleSavedQuery($id: ID!) {
  savedQuery(id: $id) {
    id name description tags ownerId currentVersion broken brokenReason validatedAt suggestedPurpose shares { kind target }
    versions { version name description authorId createdAt changeNote document parameters { ${PARAMETER} } ${COLUMNS} }
  }
}`;

export const SAVED_QUERY_RUNS = `query ConsoleSavedQueryRuns($id: ID) {
  savedQueryRuns(savedQueryId: $id, first: 20) { id version runnerId startedAt purpose caseNumber rowCount durationMs outcome errorCodes trigger auditSeq }
}`;

export const SAVED_QUERY_EXPORTS = `query ConsoleSavedQueryExports {
  savedQueryExports(first: 50) { id savedQueryId version format status createdAt expiresAt rowCount sha256 failure url }
}`;

export interface Share {
  kind: 'COMMAND' | 'ROLE';
  target: string;
}

export interface SavedQuerySummary {
  id: string;
  name: string;
  description: string;
  tags: string[];
  ownerId: string;
  currentVersion: number;
  broken: boolean;
  brokenReason: string | null;
  shares: Share[];
}

export interface SavedQueryVersion {
  version: number;
  name: string;
  description: string;
  authorId: string;
  createdAt: string;
  changeNote: string;
  document: string;
  parameters: Parameter[];
  columns: ColumnMapping;
}

export interface SavedQueryDetail extends SavedQuerySummary {
  validatedAt: string | null;
  suggestedPurpose: string | null;
  /** Newest first. */
  versions: SavedQueryVersion[];
}

export interface SavedQueryRun {
  id: string;
  version: number;
  runnerId: string;
  startedAt: string;
  purpose: string | null;
  caseNumber: string | null;
  rowCount: number;
  durationMs: number;
  outcome: string;
  errorCodes: string[];
  trigger: string;
  auditSeq: string | null;
}

export interface SavedQueryExport {
  id: string;
  savedQueryId: string;
  version: number;
  format: 'CSV' | 'JSON';
  status: 'RUNNING' | 'READY' | 'FAILED' | 'EXPIRED';
  createdAt: string;
  expiresAt: string;
  rowCount: number;
  sha256: string | null;
  failure: string | null;
  url: string;
}

/** "private", or who besides the owner may run it. */
export const sharingOf = (shares: readonly Share[]): string => (shares.length ? shares.map((s) => `${s.kind === 'ROLE' ? 'role' : 'command'} ${s.target}`).join(', ') : 'private');

/**
 * Runs a saved query as docs/saved-queries.md says: `extensions.savedQuery` and no `query` (the
 * gateway loads the version's text itself), with the runner's declared purpose [P5]. The saved
 * query never supplies a purpose; the runner's rights apply, not the author's.
 */
export function runSavedQuery(session: Session, purpose: DeclaredPurpose, id: string, version: number, variables: Record<string, unknown>): Promise<GraphQLAnswer<Record<string, unknown>>> {
  return postGraphQL(session, purpose, { extensions: { savedQuery: { id, version } }, variables });
}

export type ExportOutcome = { ok: true; record: SavedQueryExport } | { ok: false; errors: GraphQLError[] };

/**
 * POST /exports: the gateway runs every page as the runner, with the runner's purpose, writes
 * the file and answers when it is ready (or refused).
 */
export async function createExport(
  session: Session,
  purpose: DeclaredPurpose,
  request: { savedQueryId: string; version: number; format: 'CSV' | 'JSON'; variables: Record<string, unknown> },
): Promise<ExportOutcome> {
  const response = await fetch('/exports', { method: 'POST', headers: gatewayHeaders(session, purpose), body: JSON.stringify(request) });
  const body = (await response.json().catch(() => ({}))) as Partial<SavedQueryExport> & { errors?: GraphQLError[] };
  if (response.ok && body.id) return { ok: true, record: body as SavedQueryExport };
  return { ok: false, errors: body.errors ?? [{ message: `the gateway answered HTTP ${response.status}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
}

/**
 * GET /exports/<id> with the bearer token (a plain link could not carry it), then hands the
 * bytes to the browser as a file (`saveFile`). The file's SHA-256 is checked against
 * the one the gateway recorded in the EXPORT audit event [P18].
 */
export async function downloadExport(session: Session, record: Pick<SavedQueryExport, 'id' | 'url' | 'format' | 'savedQueryId' | 'version'>): Promise<{ ok: true; verified: boolean } | { ok: false; message: string }> {
  const response = await fetch(record.url, { headers: { authorization: `Bearer ${session.token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { errors?: GraphQLError[] };
    return { ok: false, message: body.errors?.[0]?.message ?? `the gateway answered HTTP ${response.status}` };
  }
  const blob = await response.blob();
  const expected = response.headers.get('x-content-sha256');
  const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');
  saveFile(`${record.savedQueryId}-v${record.version}-${record.id}.${record.format.toLowerCase()}`, blob);
  return { ok: true, verified: expected !== null && expected === digest };
}
