/**
 * Text that shows how the system is built: stack frames, file paths, SQL, network errors, hosts
 * and ports, URLs. None of it may reach a client (SPEC §7); an attacker maps a system from it.
 * The fuzz suite checks every answer against the same list.
 */
export const INTERNAL_TEXT: readonly { what: string; pattern: RegExp }[] = [
  { what: 'a stack frame', pattern: /\n\s*at \S|\bat [\w$.<>[\] ]+ \(|\.(?:[cm]?[jt]sx?):\d+:\d+/ },
  { what: 'a file path', pattern: /(?:^|[\s("'=:])(?:\/[\w.@-]+){2,}|node_modules|\b[A-Za-z]:\\\w/ },
  {
    what: 'SQL',
    pattern:
      /\bSELECT\b[\s\S]*\bFROM\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|\bDELETE FROM\b|\bSQLSTATE\b|syntax error at or near|relation "[^"]*" does not exist|column "[^"]*" does not exist|violates [\w ]*constraint|duplicate key value|invalid input syntax for/,
  },
  { what: 'a network error', pattern: /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN|UND_ERR_\w+)\b|socket hang up|fetch failed|other side closed|(?:Headers|Body|Connect) Timeout Error/ },
  { what: 'a host or port', pattern: /\b(?:\d{1,3}\.){3}\d{1,3}\b|\blocalhost\b|\b[a-z][\w-]*(?:\.[\w-]+)+:\d{2,5}\b|\[[0-9a-f]*:[0-9a-f:]+\]/i },
  { what: 'a URL', pattern: /\b(?:https?|postgres(?:ql)?|file|wss?):\/\/\S/i },
];

/** What internal detail a text shows, or null. */
export function internalTextIn(text: string): string | null {
  return INTERNAL_TEXT.find(({ pattern }) => pattern.test(text))?.what ?? null;
}
