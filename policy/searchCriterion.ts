/**
 * [P7] Whether a search criterion actually narrows a search. A description search needs "not
 * only race, age, and gender, but other identifying characteristics": a criterion that filters
 * nothing (a blank string, a pattern of wildcards only, a bound at or past the end of its range)
 * is no characteristic at all, and must not count as one. The gateway and the subgraph that runs
 * the search ask the same question of the same value.
 */
export type CriterionEffect =
  /** Not given, or given as something that filters nothing. */
  | 'ABSENT'
  /** A string of whitespace only: a mistake or a probe, refused with BAD_USER_INPUT. */
  | 'BLANK'
  /** Narrows the search. */
  | 'NARROWS';

/** The values a numeric criterion can take; a bound at either end (or past it) selects everyone. */
export interface CriterionRange {
  min?: number;
  max?: number;
}

/**
 * The range a person's description can take, for the bounds of a description search: a bound at
 * or past either end selects everyone (`heightMinInches: 1`, `weightMaxPounds: 9999`) and is no
 * criterion. Keyed by schema coordinate; the gateway and the subgraph read the same table.
 */
const HEIGHT_INCHES: CriterionRange = { min: 48, max: 90 };
const WEIGHT_POUNDS: CriterionRange = { min: 70, max: 450 };
export const CRITERION_RANGES: ReadonlyMap<string, CriterionRange> = new Map([
  ['PersonDescription.heightMinInches', HEIGHT_INCHES],
  ['PersonDescription.heightMaxInches', HEIGHT_INCHES],
  ['PersonDescription.weightMinPounds', WEIGHT_POUNDS],
  ['PersonDescription.weightMaxPounds', WEIGHT_POUNDS],
]);

/** Wildcards of SQL patterns and of the usual search boxes, and the separators around them. */
const WILDCARDS_ONLY = /^[\s%_*?.]+$/u;

export function criterionEffect(value: unknown, range?: CriterionRange): CriterionEffect {
  if (value === null || value === undefined) return 'ABSENT';
  if (typeof value === 'string') {
    if (value.trim() === '') return 'BLANK';
    return WILDCARDS_ONLY.test(value) ? 'ABSENT' : 'NARROWS';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'ABSENT';
    // A height, weight or count of zero (or less) describes nobody; a bound at an end of its range selects everyone.
    if (value <= 0) return 'ABSENT';
    if (range?.min !== undefined && value <= range.min) return 'ABSENT';
    if (range?.max !== undefined && value >= range.max) return 'ABSENT';
    return 'NARROWS';
  }
  if (Array.isArray(value)) {
    const effects = value.map((item) => criterionEffect(item, range));
    if (effects.includes('BLANK')) return 'BLANK';
    return effects.includes('NARROWS') ? 'NARROWS' : 'ABSENT';
  }
  // Enums, booleans and dates are exact values: given, they narrow.
  return 'NARROWS';
}

/** What a search's criteria amount to: the protected ones given, how many others narrow it, the blank ones. */
export interface CriteriaTally {
  protectedGiven: string[];
  narrowing: number;
  blank: string[];
}

export const emptyTally = (): CriteriaTally => ({ protectedGiven: [], narrowing: 0, blank: [] });

/** Adds one criterion's value to a tally. A protected criterion counts whenever it is given (fail closed); any other only where it narrows. */
export function tallyCriterion(tally: CriteriaTally, name: string, isProtected: boolean, value: unknown, range?: CriterionRange): void {
  const effect = criterionEffect(value, range);
  if (effect === 'BLANK') tally.blank.push(name);
  else if (isProtected) {
    if (value !== null && value !== undefined) tally.protectedGiven.push(name);
  } else if (effect === 'NARROWS') tally.narrowing++;
}

/** [P7] refused: protected characteristics given, and nothing else that narrows the search. */
export const onlyProtected = (tally: CriteriaTally): boolean => tally.protectedGiven.length > 0 && tally.narrowing === 0;
