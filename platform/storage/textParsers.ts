/**
 * Both engines return dates as `YYYY-MM-DD` and timestamps as ISO-8601 UTC strings, never as
 * local-time `Date` objects: the GraphQL layer and the tests see the same values on both.
 */
export const TEXT_PARSERS: Record<number, (value: string) => string> = {
  1082: (value) => value,
  1114: (value) => isoTimestamp(value, '') ?? new Date(`${value.replace(' ', 'T')}Z`).toISOString(),
  1184: (value) => isoTimestamp(value, '+00') ?? new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
};

/** `2019-01-01 16:36:15.1234` and an optional `+00`: date, time, fraction. */
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(\+00)?$/;

/**
 * The common case, a timestamp in UTC, written as ISO-8601 without going through `Date`
 * (a parse and a format per value, a fifth of a subgraph's CPU on rows with four timestamps).
 * Milliseconds truncated, as `Date` does. Anything else (another offset, BC, infinity): null.
 */
function isoTimestamp(value: string, offset: '' | '+00'): string | null {
  const match = UTC_TIMESTAMP.exec(value);
  if (!match || (match[4] ?? '') !== offset) return null;
  const fraction = match[3] ?? '';
  return `${match[1]}T${match[2]}.${fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')}Z`;
}
