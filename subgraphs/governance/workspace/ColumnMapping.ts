/**
 * How a saved query's answer becomes a table: `rows` is the path to the list of rows in the
 * answer's `data` (e.g. `arrests.edges`), each column a path inside one row (e.g.
 * `node.topCharge.lawCode`), and `pageInfo`, when the operation pages with `$after`, the path
 * to its `{ hasNextPage endCursor }`. Paths are dot-separated names, with `0`, `1`... for a
 * list item; a column that meets a list joins its values with `; `.
 */
export interface ColumnMapping {
  rows: string;
  columns: readonly Column[];
  pageInfo?: string | null;
}

export interface Column {
  name: string;
  path: string;
}

const SEGMENT = /^[_A-Za-z][_0-9A-Za-z]*$|^\d{1,6}$/;

/** The problems of a mapping's shape (names and path syntax), empty when it is well formed. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const badPath = (path: string) => !path || path.split('.').some((segment) => !SEGMENT.test(segment));
  if (badPath(mapping.rows)) problems.push(`rows path "${mapping.rows}" is not a dot-separated path of field names`);
  if (mapping.pageInfo != null && badPath(mapping.pageInfo)) problems.push(`pageInfo path "${mapping.pageInfo}" is not a dot-separated path`);
  if (!mapping.columns.length) problems.push('at least one column is required');
  if (mapping.columns.length > 100) problems.push('at most 100 columns');
  const names = new Set<string>();
  for (const column of mapping.columns) {
    if (!column.name.trim() || column.name.length > 100) problems.push(`column name "${column.name}" must be 1 to 100 characters`);
    if (names.has(column.name)) problems.push(`column name "${column.name}" is used twice`);
    names.add(column.name);
    if (badPath(column.path)) problems.push(`column "${column.name}": path "${column.path}" is not a dot-separated path of field names`);
  }
  return problems;
}

/** The value at a path; through a list, the values of every item (flattened). */
export function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) return null;
    if (Array.isArray(current) && !/^\d+$/.test(segment)) {
      current = current.flatMap((item) => {
        const inner = valueAt(item, segment);
        return Array.isArray(inner) ? inner : [inner];
      });
      continue;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? null : current;
}

/** The rows of an answer: the list at `rows` (a single object is one row, null none). */
export function rowsOf(data: unknown, mapping: Pick<ColumnMapping, 'rows'>): unknown[] {
  const rows = valueAt(data, mapping.rows);
  if (rows === null) return [];
  return Array.isArray(rows) ? rows : [rows];
}

/** One row as its cells, in column order: text, numbers and booleans as they are, lists joined. */
export function cellsOf(row: unknown, columns: readonly Column[]): (string | number | boolean | null)[] {
  return columns.map((column) => cell(valueAt(row, column.path)));
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => (item === null ? '' : typeof item === 'object' ? JSON.stringify(item) : String(item))).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

/** Where to continue: the cursor after this page, or null on the last page (or without paging). */
export function nextCursor(data: unknown, mapping: Pick<ColumnMapping, 'pageInfo'>): string | null {
  if (!mapping.pageInfo) return null;
  const info = valueAt(data, mapping.pageInfo) as { hasNextPage?: unknown; endCursor?: unknown } | null;
  return info && info.hasNextPage === true && typeof info.endCursor === 'string' ? info.endCursor : null;
}
