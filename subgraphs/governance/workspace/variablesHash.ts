import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/AuditLog';

/** SHA-256 of a run's variables as canonical JSON: the run history keeps this, never the values [P18]. */
export const variablesHash = (variables: unknown): string => createHash('sha256').update(canonicalJson(variables ?? {})).digest('hex');

/** SHA-256 of one result row (canonical JSON): a schedule's new rows are counted by it, never stored. */
export const rowHash = (row: unknown): string => createHash('sha256').update(canonicalJson(row)).digest('hex');
