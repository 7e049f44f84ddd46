// One rule for how an answer becomes rows and columns, the same the export file is written
// with: what the table shows is what the CSV holds.
import { cellsOf, rowsOf, type ColumnMapping } from '../../../subgraphs/governance/workspace/ColumnMapping';
import type { GraphQLError } from '../api/graphqlRequest';

/** A cell: its value as the export writes it, or why the policy withheld it. */
export type Cell = { value: string | number | boolean | null } | { withheld: string };

export interface ResultTable {
  columns: string[];
  rows: Cell[][];
  /** Set when the policy withheld the rows themselves (or something above them): no rows, and why. */
  withheld?: string;
}

/** Stands where the policy removed a field, so a cell can tell "withheld" from "nothing on file". */
class WithheldMark {
  constructor(readonly reason: string) {}
}

/**
 * The rows of a run's answer under its column mapping, each withheld field with its reason
 * [P5: policy applies to the runner]. Every removed field is `null` in the data with a
 * FIELD_NOT_AUTHORIZED error naming its path (one per row); each is marked in a copy of the
 * data, and a cell whose path meets a mark reads "withheld: <reason>", never a blank.
 */
export function resultTable(data: unknown, errors: readonly GraphQLError[], mapping: ColumnMapping): ResultTable {
  const marked = markWithheld(data, errors);
  const columns = mapping.columns.map((column) => column.name);
  const above = markOnPath(marked, mapping.rows);
  if (above) return { columns, rows: [], withheld: above.reason };
  const rows = rowsOf(marked, mapping).map((row) =>
    mapping.columns.map((column): Cell => {
      const mark = markOnPath(row, column.path);
      return mark ? { withheld: mark.reason } : { value: cellsOf(row, [column])[0] ?? null };
    }),
  );
  return { columns, rows };
}

function markWithheld(data: unknown, errors: readonly GraphQLError[]): unknown {
  const copy = structuredClone(data ?? null) as unknown;
  if (copy === null || typeof copy !== 'object') return copy;
  for (const error of errors) {
    if (error.extensions?.code !== 'FIELD_NOT_AUTHORIZED' || !error.path?.length) continue;
    const mark = new WithheldMark(error.message.replace(/^not authorized:\s*/, ''));
    // A removed non-null field nulls its nearest nullable parent: the mark goes where the null is.
    let parent = copy as Record<string | number, unknown>;
    for (let i = 0; i < error.path.length; i++) {
      const key = error.path[i]!;
      const value = parent[key];
      if (i === error.path.length - 1 || value === null || value === undefined) {
        parent[key] = mark;
        break;
      }
      if (typeof value !== 'object' || value instanceof WithheldMark) break;
      parent = value as Record<string | number, unknown>;
    }
  }
  return copy;
}

/** The first mark met along a path (through lists: in any item), if any. */
function markOnPath(value: unknown, path: string): WithheldMark | null {
  if (value instanceof WithheldMark) return value;
  if (value === null || value === undefined || !path) return null;
  const [head, ...rest] = path.split('.');
  if (Array.isArray(value) && !/^\d+$/.test(head!)) {
    for (const item of value) {
      const mark = markOnPath(item, path);
      if (mark) return mark;
    }
    return null;
  }
  if (typeof value !== 'object') return null;
  return markOnPath((value as Record<string, unknown>)[head!], rest.join('.'));
}
