/**
 * Client text made literal inside a LIKE/ILIKE pattern: `%`, `_` and the escape character `\`
 * itself are escaped, so `a_b` matches `a_b` and not `axb`, and a client's `%%%%...` cannot turn
 * one substring test into a backtracking search over every row. Use with `ESCAPE '\'`.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
