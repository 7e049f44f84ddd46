import { LIMIT_NAMES, type OperationLimits, type OperationLimitsTable } from '../../../policy/operationLimitsTable';

/**
 * The limits of a caller with these roles: for each limit, the most generous of their roles'.
 * Roles are grants: the access table allows a field when any one of the caller's roles does, and
 * limits follow the same rule, so adding a role never shrinks what a caller could do before. A
 * role is never a restriction laid on another (a partner agency is its own directory client,
 * never a department member's second role). No role, or only roles without a row: `DEFAULT`.
 */
export function limitsFor(roles: readonly string[], table: OperationLimitsTable): OperationLimits {
  const rows = roles.map((role) => table[role] ?? table.DEFAULT);
  if (rows.length === 0) return table.DEFAULT;
  const limits = { ...rows[0]! };
  for (const row of rows.slice(1)) for (const name of LIMIT_NAMES) limits[name] = Math.max(limits[name], row[name]);
  return limits;
}

/** The largest token limit of any row: the parser stops there, whoever asks (parseOptions.maxTokens). */
export function tokenCeiling(table: OperationLimitsTable): number {
  return Math.max(...Object.values(table).map((row) => row.tokens));
}

/** Overrides from configuration (`OPERATION_LIMITS`), limit by limit, over a table. */
export function withOverrides(table: OperationLimitsTable, overrides: Readonly<Record<string, Partial<OperationLimits>>>): OperationLimitsTable {
  const merged: Record<string, OperationLimits> = { ...table };
  for (const [row, limits] of Object.entries(overrides)) merged[row] = { ...(table[row] ?? table.DEFAULT), ...limits };
  return merged as OperationLimitsTable;
}
