import { createHash } from 'node:crypto';
import type { AuditEventView } from './AuditEventStore';

export type ExportFormat = 'CSV' | 'JSON';

export interface AuditExport {
  filename: string;
  contentType: string;
  content: string;
  sha256: string;
  eventCount: number;
}

const COLUMNS = [
  'seq', 'occurredAt', 'kind', 'user', 'command', 'purpose', 'caseNumber', 'justification', 'operationName', 'outcome',
  'errorCodes', 'guards', 'records', 'resultCount', 'sourceAddress', 'requestId', 'hash',
] as const;

function flat(row: AuditEventView): Record<(typeof COLUMNS)[number], unknown> {
  const event = row.event as Record<string, any>;
  const records = Object.entries((event.records ?? {}) as Record<string, string[]>).flatMap(([type, ids]) => ids.map((id) => `${type}:${id}`));
  return {
    seq: row.seq,
    occurredAt: row.occurredAt,
    kind: row.kind,
    user: row.userId ?? '',
    command: event.command ?? '',
    purpose: event.purpose?.code ?? event.purposeHeaders?.purpose ?? '',
    caseNumber: event.purpose?.caseNumber ?? event.purposeHeaders?.caseNumber ?? '',
    justification: event.purpose?.justification ?? '',
    operationName: event.operationName ?? '',
    outcome: event.outcome ?? '',
    errorCodes: (event.errorCodes ?? []).join(' '),
    guards: (event.guards ?? []).join(' '),
    records: records.join(' '),
    resultCount: event.resultCount ?? '',
    sourceAddress: event.sourceAddress ?? '',
    requestId: row.requestId ?? '',
    hash: row.hash,
  };
}

/**
 * One CSV cell. Quoted, quotes doubled; a cell a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@`, tab, CR) is prefixed with `'`: a justification typed by a user must not execute
 * in an auditor's spreadsheet.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A focused audit's events as a file: CSV (one row an event) or JSON (events whole, with hashes). */
export function exportEvents(name: string, rows: readonly AuditEventView[], format: ExportFormat): AuditExport {
  const content =
    format === 'CSV'
      ? [COLUMNS.map(csvCell).join(','), ...rows.map((row) => { const cells = flat(row); return COLUMNS.map((c) => csvCell(cells[c])).join(','); })].join('\r\n') + '\r\n'
      : JSON.stringify({ name, eventCount: rows.length, events: rows }, null, 2);
  return {
    filename: `${name}.${format.toLowerCase()}`,
    contentType: format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/json',
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    eventCount: rows.length,
  };
}
