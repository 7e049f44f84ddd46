import type { RecordsReturned } from './recordKeys';
import type { SavedQueryUse } from '../savedQueries/SavedQueryUse';

/**
 * [P18] What one request's audit event will say, filled by the stages as the request passes
 * them; the audit stage alone writes it.
 */
export interface AuditDraft {
  readonly startedAt: number;
  /** Schema coordinates the operation asked for, before any removal (the field-policy stage). */
  fieldsRequested?: string[];
  /** Fields removed before planning, and why (the field-policy stage). */
  fieldsRemoved?: { field: string; reason: string }[];
  /** Uses put before a supervisor: a term without enforcement intent, a facial-recognition probe [P4]. */
  flags: string[];
  /** Subgraphs this request called (the subgraph client). */
  subgraphs: Set<string>;
  /** The records the answer released, per type (the audit stage, from the keys it asked for). */
  records?: RecordsReturned;
  /**
   * Not recorded: a refusal of an address already over its failed-authentication limit, after
   * the first of each minute (a flood must not fill the trail; every refusal is counted).
   */
  unrecorded?: boolean;
  /** The saved query this request runs: which one, which version, how started (the saved-queries stage). */
  savedQuery?: SavedQueryUse;
  /** [P14] the partner agreement the request ran (or was refused) under (the partner-agreement stage). */
  agreement?: string;
  /** [P14] the published operation it ran: a partner's, or an opted-in client's (the trusted-documents stage). */
  trustedDocument?: { name: string; version: number; sha256: string };
}

export const newAuditDraft = (): AuditDraft => ({ startedAt: Date.now(), flags: [], subgraphs: new Set() });

/** Adds a flag once. */
export function flag(record: AuditDraft, name: string): boolean {
  if (record.flags.includes(name)) return false;
  record.flags.push(name);
  return true;
}
