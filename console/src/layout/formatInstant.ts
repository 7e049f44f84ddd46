/** An ISO-8601 instant as the console shows it: `2026-12-03 17:42:05` (UTC, as the audit keeps it). */
export const formatInstant = (iso: string): string => iso.replace('T', ' ').slice(0, 19);
