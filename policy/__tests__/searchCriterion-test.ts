import { criterionEffect, emptyTally, onlyProtected, tallyCriterion } from '../searchCriterion';

/** [P7] a criterion counts only where it narrows the search. */
describe('criterionEffect: does a criterion narrow a search?', () => {
  it.each([
    ['not given', undefined, undefined, 'ABSENT'],
    ['null', null, undefined, 'ABSENT'],
    ['an empty string is blank', '', undefined, 'BLANK'],
    ['whitespace only is blank', ' \t ', undefined, 'BLANK'],
    ['a SQL wildcard alone filters nothing', '%', undefined, 'ABSENT'],
    ['wildcards of every kind alone filter nothing', ' %_*? ', undefined, 'ABSENT'],
    ['a word narrows', 'TATTOO NECK', undefined, 'NARROWS'],
    ['a word with a wildcard narrows', 'TATT%', undefined, 'NARROWS'],
    ['zero describes nobody', 0, undefined, 'ABSENT'],
    ['a negative bound describes nobody', -5, undefined, 'ABSENT'],
    ['a bound inside its range narrows', 66, { min: 36, max: 96 }, 'NARROWS'],
    ['a bound at the bottom of its range selects everyone', 36, { min: 36, max: 96 }, 'ABSENT'],
    ['a bound at the top of its range selects everyone', 96, { min: 36, max: 96 }, 'ABSENT'],
    ['a bound past its range filters nothing useful', 500, { min: 36, max: 96 }, 'ABSENT'],
    ['a number without a declared range narrows when positive', 75, undefined, 'NARROWS'],
    ['an empty list filters nothing', [], undefined, 'ABSENT'],
    ['a list of wildcards filters nothing', ['%', '*'], undefined, 'ABSENT'],
    ['a list with one real value narrows', ['%', 'SCAR'], undefined, 'NARROWS'],
    ['a list with a blank is blank', ['SCAR', ''], undefined, 'BLANK'],
    ['an exact value (enum, boolean, date) narrows', 'M', undefined, 'NARROWS'],
    ['false is a value too', false, undefined, 'NARROWS'],
  ] as const)('%s', (_rule, value, range, effect) => {
    expect(criterionEffect(value, range)).toBe(effect);
  });
});

describe('a search of protected characteristics only is refused [P7]', () => {
  const tally = (criteria: [string, boolean, unknown][]) => {
    const t = emptyTally();
    for (const [name, isProtected, value] of criteria) tallyCriterion(t, name, isProtected, value);
    return t;
  };
  it.each([
    ['race and sex alone', [['race', true, 'BLACK'], ['sex', true, 'M']], true],
    ['race and sex with a blank name: refused as blank', [['race', true, 'BLACK'], ['name', false, '']], true],
    ['race with a wildcard mark', [['race', true, 'BLACK'], ['identifyingMark', false, '%']], true],
    ['race with a zero height', [['race', true, 'BLACK'], ['heightMinInches', false, 0]], true],
    ['a protected criterion that filters nothing still counts as given (fail closed)', [['ageMin', true, 0]], true],
    ['race with a real mark', [['race', true, 'BLACK'], ['identifyingMark', false, 'TATTOO NECK']], false],
    ['a real mark alone', [['identifyingMark', false, 'TATTOO NECK']], false],
    ['nothing given at all (not this rule\'s refusal)', [['name', false, null]], false],
  ] as const)('%s', (_rule, criteria, refused) => {
    expect(onlyProtected(tally(criteria as unknown as [string, boolean, unknown][]))).toBe(refused);
  });
  it('names the blank criteria', () => {
    expect(tally([['race', true, 'BLACK'], ['name', false, ' '], ['identifyingMark', false, '']]).blank).toEqual(['name', 'identifyingMark']);
  });
});

/** Found by mutation testing (docs/mutation.md): what a tally records, not only its verdict. */
describe('[P7] the tally of a search, member by member', () => {
  it('a number that is no number (NaN, infinity) describes nobody', () => {
    expect(criterionEffect(Number.NaN)).toBe('ABSENT');
    expect(criterionEffect(Number.POSITIVE_INFINITY)).toBe('ABSENT');
  });
  it('a protected criterion not given is not counted as given', () => {
    const tally = emptyTally();
    tallyCriterion(tally, 'race', true, null);
    tallyCriterion(tally, 'sex', true, undefined);
    expect(tally).toEqual({ protectedGiven: [], narrowing: 0, blank: [] });
  });
  it('counts each criterion that narrows, once', () => {
    const tally = emptyTally();
    tallyCriterion(tally, 'name', false, 'Ana');
    tallyCriterion(tally, 'identifyingMark', false, 'scar');
    tallyCriterion(tally, 'race', true, 'B');
    expect(tally).toEqual({ protectedGiven: ['race'], narrowing: 2, blank: [] });
  });
});
