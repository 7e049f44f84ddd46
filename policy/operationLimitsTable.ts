/**
 * How big an operation a caller may send, by role. Limits protect the record sources and every
 * other caller from one operation's cost; they grant no access (the access table does that).
 * An operation over any limit is refused before it is planned, with QUERY_TOO_COMPLEX naming
 * the limit, the operation's value and the maximum (SPEC §5).
 */
export interface OperationLimits {
  /** Fields nested in one another (a root field is depth 1). */
  depth: number;
  /** Aliased fields, counted every time a fragment is spread: aliases repeat a field's cost. */
  aliases: number;
  /** Root fields: each is planned and fetched on its own. */
  rootFields: number;
  /** Lexical tokens of the whole document (punctuation, names, values; not comments). */
  tokens: number;
  /** Estimated fields resolved: list fields multiply what is under them (measureOperation.ts). */
  cost: number;
}

export type LimitName = keyof OperationLimits;
export const LIMIT_NAMES: readonly LimitName[] = ['tokens', 'depth', 'rootFields', 'aliases', 'cost'];

/**
 * Limits by role name, and `DEFAULT` for a caller with no role. Keyed by name rather than by the
 * `Role` type so a role added to the vocabulary never breaks the build: a test fails instead
 * until it has a row, and another when a row names no role.
 */
export type OperationLimitsTable = Readonly<Record<string, OperationLimits>> & { readonly DEFAULT: OperationLimits };

/**
 * The table. A role without a row gets `DEFAULT` (a test fails when a role of the vocabulary
 * has none). Sized so every operation the README, the tests and the benchmark send passes with
 * room to spare for its role: patrol looks up one person or place at a time; detectives and the
 * oversight roles follow a case across sources; analysts page through many records at once.
 */
export const OPERATION_LIMITS: OperationLimitsTable = {
  OFFICER: { depth: 8, aliases: 10, rootFields: 5, tokens: 1_000, cost: 2_000 },
  DETECTIVE: { depth: 10, aliases: 20, rootFields: 10, tokens: 2_000, cost: 5_000 },
  INTELLIGENCE: { depth: 10, aliases: 20, rootFields: 10, tokens: 2_000, cost: 5_000 },
  SUPERVISOR: { depth: 10, aliases: 20, rootFields: 10, tokens: 2_000, cost: 5_000 },
  COMMANDING_OFFICER: { depth: 10, aliases: 20, rootFields: 10, tokens: 2_000, cost: 5_000 },
  // [P18] oversight reviews many uses and records at once.
  ICO: { depth: 10, aliases: 30, rootFields: 10, tokens: 3_000, cost: 10_000 },
  IAB: { depth: 10, aliases: 30, rootFields: 10, tokens: 3_000, cost: 10_000 },
  PRIVACY_OFFICER: { depth: 10, aliases: 30, rootFields: 10, tokens: 3_000, cost: 10_000 },
  ANALYST: { depth: 12, aliases: 50, rootFields: 20, tokens: 5_000, cost: 20_000 },
  // [P16] administrators, vendors and developers reach no record data: small operations only.
  ADMIN: { depth: 6, aliases: 10, rootFields: 5, tokens: 1_000, cost: 1_000 },
  // [P14] the Legal Bureau keeps the agreements: no record data either.
  LEGAL: { depth: 6, aliases: 10, rootFields: 5, tokens: 1_000, cost: 1_000 },
  DEVELOPER: { depth: 8, aliases: 20, rootFields: 5, tokens: 2_000, cost: 1_000 },
  VENDOR: { depth: 4, aliases: 5, rootFields: 3, tokens: 500, cost: 200 },
  // [P14] a partner agency: the smallest operations, and only those approved for its agreement.
  PARTNER: { depth: 6, aliases: 5, rootFields: 3, tokens: 500, cost: 500 },
  DEFAULT: { depth: 4, aliases: 5, rootFields: 3, tokens: 500, cost: 200 },
};

/**
 * Introspection (`__schema`, `__type`) is answered by the gateway from its own schema: it never
 * reaches a record source, so it has one budget whatever the role, big enough for GraphiQL's and
 * codegen's introspection query (depth 15, estimated cost about 50,000) and far too small for a
 * cyclic `fields { type { fields { type ... } } }` walk, whose estimate grows tenfold per level.
 */
export const INTROSPECTION_LIMITS = { depth: 15, cost: 100_000 } as const;

/** The size assumed for a list whose length no argument bounds (`Person.arrests`). */
export const DEFAULT_LIST_SIZE = 10;

/**
 * Argument text counts in the cost too: every this many characters of strings given to arguments
 * (literals and variables) count as one field resolved, since a longer pattern costs every row
 * it is matched against more. The per-argument bounds (`@constraint`) keep it small.
 */
export const ARGUMENT_CHARACTERS_PER_COST = 64;
