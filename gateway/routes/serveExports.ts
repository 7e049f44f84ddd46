import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { REQUEST_ID_HEADER } from '../../platform/http/answerInternalError';
import { writeJson } from '../../platform/http/graphqlRequestHandler';
import { readBody } from '../../platform/http/readBody';
import type { Subject } from '../../policy/Subject';
import { cellsOf, nextCursor, rowsOf } from '../../subgraphs/governance/workspace/ColumnMapping';
import { ExportWriter } from '../../subgraphs/governance/workspace/ExportWriter';
import type { ExportFormat, SavedQueryExports } from '../../subgraphs/governance/workspace/SavedQueryExports';
import type { SavedQueryRuns } from '../../subgraphs/governance/workspace/SavedQueryRuns';
import type { SavedQueryStore } from '../../subgraphs/governance/workspace/SavedQueryStore';
import { variablesHash } from '../../subgraphs/governance/workspace/variablesHash';
import { subjectOf, type AuditWriter } from '../stages/audit/auditStage';
import { readPurpose } from '../stages/purpose/readPurpose';

export interface ExportRouteOptions {
  authenticate: (authorization: string | undefined) => Promise<Subject>;
  /** An export has no GraphQL answer for the audit stage to record: its EXPORT event is appended here [P18]. */
  audit: AuditWriter;
  store: Pick<SavedQueryStore, 'visible' | 'version'>;
  exports: SavedQueryExports;
  runs: Pick<SavedQueryRuns, 'record'>;
  /** Where export files are written (created if absent). */
  directory: string;
  ttlDays: number;
  /** Most rows one export writes (bounded work). */
  maxRows: number;
  maxBodyBytes: number;
  /** This gateway's own /graphql: every page runs through it, with the runner's headers. */
  graphqlUrl: () => string;
}

/** Headers a page request carries from the export request: who asks, and why [P5]. */
const FORWARDED = ['authorization', 'x-purpose', 'x-case-number', 'x-justification', 'x-permissible-purpose'] as const;
const EXPORT_PATH = /^\/exports\/(EX-[0-9a-f]{24})$/;

/**
 * `POST /exports` runs a saved query page by page through this gateway's own `/graphql` with the
 * runner's token and purpose headers (so every page meets every stage as the runner, and is
 * audited), writes the rows to a file as they arrive, and records one EXPORT event with the
 * file's SHA-256 [P18]. `GET /exports/<id>` streams the file back to its owner until it
 * expires; every download is audited too.
 */
export function serveExports(options: ExportRouteOptions) {
  const refuse = async (request: IncomingMessage, response: ServerResponse, requestId: string, status: number, code: string, message: string, subject: Subject | null) => {
    try {
      await options.audit.append({
        kind: subject ? 'OPERATION' : 'LOGON',
        requestId,
        userId: subject?.id ?? null,
        event: {
          ...(subject ? subjectOf(subject, request.socket.remoteAddress ?? null) : { sourceAddress: request.socket.remoteAddress ?? null }),
          purposeHeaders: { purpose: request.headers['x-purpose'] ?? null, caseNumber: request.headers['x-case-number'] ?? null },
          route: request.url?.split('?')[0] ?? '/exports', outcome: 'REFUSED', errorCodes: [code], guards: code === 'PURPOSE_REQUIRED' ? [code] : [],
        },
      });
    } catch {
      return writeJson(response, 503, { errors: [{ message: 'the audit record of this request could not be stored', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
    }
    writeJson(response, status, { errors: [{ message, extensions: { code } }] });
  };

  const recordExport = (request: IncomingMessage, requestId: string, subject: Subject, event: Record<string, unknown>) => {
    let purpose = null;
    try {
      purpose = readPurpose(request.headers).purpose;
    } catch {
      // A malformed purpose header was refused on the pages already; the event keeps none.
    }
    return options.audit.append({ kind: 'EXPORT', requestId, userId: subject.id, event: { ...subjectOf(subject, request.socket.remoteAddress ?? null), purpose, ...event } });
  };

  const create = async (request: IncomingMessage, response: ServerResponse, requestId: string, subject: Subject) => {
    let input: { savedQueryId?: unknown; version?: unknown; variables?: unknown; format?: unknown };
    try {
      input = JSON.parse(await readBody(request, options.maxBodyBytes)) as typeof input;
    } catch {
      return refuse(request, response, requestId, 400, 'BAD_USER_INPUT', 'the body is JSON: { savedQueryId, version?, variables?, format: "CSV" | "JSON" }', subject);
    }
    const format = input?.format as ExportFormat;
    const variables = (input?.variables ?? {}) as Record<string, unknown>;
    if ((format !== 'CSV' && format !== 'JSON') || typeof input.savedQueryId !== 'string' || typeof variables !== 'object' || Array.isArray(variables) || variables === null) {
      return refuse(request, response, requestId, 400, 'BAD_USER_INPUT', 'the body is JSON: { savedQueryId, version?, variables?, format: "CSV" | "JSON" }', subject);
    }
    const query = await options.store.visible(input.savedQueryId, { id: subject.id, roles: subject.roles, command: subject.command });
    if (!query) return refuse(request, response, requestId, 404, 'BAD_USER_INPUT', `no saved query ${input.savedQueryId} you may run`, subject);
    const version = typeof input.version === 'number' ? input.version : query.currentVersion;
    // The version's columns shape the file; whether it may run is the stage's to say, page by page.
    const saved = Number.isInteger(version) && version >= 1 && version <= query.currentVersion ? await options.store.version(query.id, version) : null;
    if (!saved) return refuse(request, response, requestId, 404, 'BAD_USER_INPUT', `saved query ${query.id} has no version ${String(input.version)}`, subject);
    const mapping = saved.columns;
    await sweepExpired(options);
    const record = await options.exports.create({ savedQueryId: query.id, version, ownerId: subject.id, format, ttlDays: options.ttlDays });
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    const file = fileOf(options.directory, record.id, format);
    const startedAt = Date.now();
    let writer: ExportWriter | null = null;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const codes = new Set<string>();
    let pages = 0;
    const fail = async (status: number, code: string, message: string) => {
      await writer?.abort();
      await options.exports.fail(record.id, message);
      await recordRun('REFUSED', 0);
      return refuse(request, response, requestId, status, code, message, subject);
    };
    const recordRun = (outcome: 'ALLOWED' | 'PARTIAL' | 'REFUSED' | 'FAILED', rowCount: number) =>
      options.runs.record({
        savedQueryId: query.id, version, runnerId: subject.id, requestId, variablesHash: variablesHash(variables),
        purpose: (headers['x-purpose'] as string | undefined) ?? null, caseNumber: (headers['x-case-number'] as string | undefined) ?? null,
        rowCount, durationMs: Date.now() - startedAt, outcome, errorCodes: [...codes], trigger: 'EXPORT',
      });
    let after: string | null = null;
    let rows = 0;
    do {
      const page = await fetch(options.graphqlUrl(), {
        method: 'POST',
        headers,
        body: JSON.stringify({ extensions: { savedQuery: { id: query.id, version, exportId: record.id } }, variables: after === null ? variables : { ...variables, after } }),
      });
      const answer = (await page.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      pages++;
      for (const error of answer.errors ?? []) codes.add(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      if (answer.data === undefined || answer.data === null) {
        const first = answer.errors?.[0];
        return fail(page.status >= 400 ? page.status : 400, first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', `page ${pages} was refused: ${first?.message ?? 'no data'}`);
      }
      writer ??= new ExportWriter(file, format, mapping.columns, { savedQueryId: query.id, version, exportId: record.id });
      const pageRows = rowsOf(answer.data, mapping).slice(0, options.maxRows - rows);
      await writer.write(pageRows.map((row) => cellsOf(row, mapping.columns)));
      rows += pageRows.length;
      after = rows < options.maxRows ? nextCursor(answer.data, mapping) : null;
    } while (after !== null);
    const written = await writer!.finish();
    await options.exports.finish(record.id, written);
    try {
      await recordExport(request, requestId, subject, {
        action: 'CREATE', exportId: record.id, savedQuery: { id: query.id, version }, format, rowCount: written.rowCount,
        byteCount: written.byteCount, sha256: written.sha256, pages, outcome: codes.size ? 'PARTIAL' : 'ALLOWED', errorCodes: [...codes],
      });
    } catch {
      await rm(file, { force: true });
      await options.exports.fail(record.id, 'the EXPORT audit event could not be stored');
      return writeJson(response, 503, { errors: [{ message: 'the audit record of this export could not be stored: the file was removed', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
    }
    await recordRun(codes.size ? 'PARTIAL' : 'ALLOWED', written.rowCount);
    const ready = await options.exports.get(record.id);
    writeJson(response, 201, { ...ready, url: `/exports/${record.id}`, errorCodes: [...codes] });
  };

  const download = async (request: IncomingMessage, response: ServerResponse, requestId: string, subject: Subject, id: string) => {
    const record = await options.exports.get(id);
    // Another user's export is as absent as one that never existed.
    if (!record || record.ownerId !== subject.id) return refuse(request, response, requestId, 404, 'BAD_USER_INPUT', `no export ${id} of yours`, subject);
    if (record.status === 'EXPIRED' || Date.parse(record.expiresAt) <= Date.now()) {
      await sweepExpired(options);
      return refuse(request, response, requestId, 410, 'BAD_USER_INPUT', `export ${id} expired on ${record.expiresAt} and was removed`, subject);
    }
    if (record.status !== 'READY') return refuse(request, response, requestId, 409, 'BAD_USER_INPUT', `export ${id} is ${record.status}`, subject);
    const file = fileOf(options.directory, id, record.format);
    const size = (await stat(file)).size;
    try {
      await recordExport(request, requestId, subject, { action: 'DOWNLOAD', exportId: id, savedQuery: { id: record.savedQueryId, version: record.version }, format: record.format, sha256: record.sha256, rowCount: record.rowCount });
    } catch {
      return writeJson(response, 503, { errors: [{ message: 'the audit record of this download could not be stored', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
    }
    response.writeHead(200, {
      'content-type': record.format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': size,
      'content-disposition': `attachment; filename="${record.savedQueryId}-v${record.version}-${id}.${record.format.toLowerCase()}"`,
      'x-content-sha256': record.sha256 ?? '',
    });
    await new Promise<void>((resolve, reject) => createReadStream(file).on('error', reject).pipe(response).on('finish', resolve).on('error', reject));
  };

  return async (request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<void> => {
    const requestId = uuidv7();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    let subject: Subject;
    try {
      subject = await options.authenticate(request.headers.authorization);
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code ?? 'UNAUTHENTICATED';
      return refuse(request, response, requestId, code === 'FORBIDDEN' ? 403 : 401, code, (error as Error).message, null);
    }
    if (request.method === 'POST' && urlPath === '/exports') return create(request, response, requestId, subject);
    const match = EXPORT_PATH.exec(urlPath);
    if (request.method === 'GET' && match) return download(request, response, requestId, subject, match[1]!);
    writeJson(response, 404, { error: 'not found' });
  };
}

const fileOf = (directory: string, id: string, format: ExportFormat) => path.join(directory, `${id}.${format.toLowerCase()}`);

/** Exports past their expiry: marked EXPIRED and their files removed. */
export async function sweepExpired(options: Pick<ExportRouteOptions, 'exports' | 'directory'>, now = new Date()): Promise<number> {
  const expired = await options.exports.expire(now);
  for (const record of expired) await rm(fileOf(options.directory, record.id, record.format), { force: true });
  return expired.length;
}
