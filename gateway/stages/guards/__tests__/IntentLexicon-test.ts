import immigrationLexiconData from '../../../../policy/intent/immigrationLexicon.json';
import politicalActivityLexiconData from '../../../../policy/intent/politicalActivityLexicon.json';
import { compileLexicon, type TermKind } from '../IntentLexicon';
import { phraseWords } from '../intentTokens';

/**
 * [P15, P6] The lexicons of intent are policy kept as data (policy/intent/*.json): every phrase
 * is read by the kind of its list, with its window and exclusions, normalised as the texts are;
 * a lexicon that does not say what the guard needs is refused at start, not read half.
 */
const lexicon = (overrides: Record<string, unknown> = {}) => ({
  about: 'test',
  refusal: 'IMMIGRATION_ENFORCEMENT_BLOCKED',
  reviewFlag: 'TERM_REVIEW',
  enforcementInCaseReference: true,
  sets: { places: ['apartment', 'on the'] },
  intent: ['enforce immigration law'],
  instrument: ['detainer'],
  actor: [{ phrase: 'ICE', window: 3, strictCues: true, notAfter: '@places', notBefore: ['pick', 'cream'] }],
  topic: ['immigration lawyer'],
  cues: { before: ['notify'], beforeLoose: ['for'], after: ['request'], absolute: ['list of'] },
  mitigators: ['threatened'],
  mitigationAfter: 1,
  negations: ['not'],
  datives: ['to'],
  ...overrides,
});
const termsOf = (compiled: ReturnType<typeof compileLexicon>, phrase: string) => compiled.byKey.get(phraseWords(phrase).join('')) ?? [];

describe('compileLexicon', () => {
  it('carries what the guard decides with: the refusal, the review flag, the case-reference rule, the mitigation reach', () => {
    const compiled = compileLexicon(lexicon());
    expect(compiled).toMatchObject({ refusal: 'IMMIGRATION_ENFORCEMENT_BLOCKED', reviewFlag: 'TERM_REVIEW', enforcementInCaseReference: true, mitigationAfter: 1 });
    expect(compileLexicon(lexicon({ enforcementInCaseReference: false, mitigationAfter: 8 }))).toMatchObject({ enforcementInCaseReference: false, mitigationAfter: 8 });
  });

  it.each<[TermKind, string]>([
    ['intent', 'enforce immigration law'],
    ['instrument', 'detainer'],
    ['actor', 'ICE'],
    ['topic', 'immigration lawyer'],
    ['cueBefore', 'notify'],
    ['cueLoose', 'for'],
    ['cueAfter', 'request'],
    ['cueAbsolute', 'list of'],
    ['mitigator', 'threatened'],
    ['negation', 'not'],
    ['dative', 'to'],
  ])('a phrase of the %s list is read as one, by its words run together', (kind, phrase) => {
    expect(termsOf(compileLexicon(lexicon()), phrase)).toEqual([expect.objectContaining({ kind, phrase, words: phraseWords(phrase) })]);
  });

  it('an actor keeps its window, its strict cues and its exclusions, a set named by @ read from the sets', () => {
    const [ice] = termsOf(compileLexicon(lexicon()), 'ice');
    expect(ice).toEqual({ kind: 'actor', phrase: 'ICE', words: ['ice'], window: 3, strictCues: true, notAfter: ['apartment', 'on the'].map(phraseWords), notBefore: ['pick', 'cream'].map(phraseWords) });
  });

  it('a plain phrase gets the defaults: a cue six words away, any cue, no exclusions', () => {
    const [detainer] = termsOf(compileLexicon(lexicon()), 'detainer');
    expect(detainer).toMatchObject({ window: 6, strictCues: false, notAfter: [], notBefore: [] });
  });

  it('the same words in two lists are both kept', () => {
    const compiled = compileLexicon(lexicon({ topic: ['detainer'] }));
    expect(termsOf(compiled, 'detainer').map((term) => term.kind)).toEqual(['instrument', 'topic']);
  });

  it('knows its longest phrase, words run together (how far the reader joins words)', () => {
    const length = (phrase: string) => phraseWords(phrase).join('').length;
    expect(compileLexicon(lexicon()).longestKey).toBe(length('enforce immigration law'));
    expect(compileLexicon(lexicon({ intent: ['x'], topic: ['y'], actor: ['z'], instrument: ['a'] })).longestKey).toBe(length('threatened'));
  });

  it.each([
    { rule: 'a set that is not defined', overrides: { actor: [{ phrase: 'ICE', notBefore: '@nowhere' }] }, message: 'lexicon set @nowhere is not defined' },
    { rule: 'a phrase with no words', overrides: { intent: ['--'] }, message: 'lexicon phrase "--" has no words' },
    { rule: 'a refusal that is not an error code of the guards', overrides: { refusal: 'FORBIDDEN' } },
    { rule: 'a review flag that is not a flag name', overrides: { reviewFlag: 'term review' } },
    { rule: 'a review flag ending in other text', overrides: { reviewFlag: 'TERM_REVIEW later' } },
    { rule: 'a review flag after other text', overrides: { reviewFlag: 'see TERM_REVIEW' } },
    { rule: 'a window that is not a whole number of words', overrides: { actor: [{ phrase: 'ICE', window: 2.5 }] } },
    { rule: 'a set named without @', overrides: { actor: [{ phrase: 'ICE', notAfter: 'places' }] } },
    { rule: 'a window of none', overrides: { actor: [{ phrase: 'ICE', window: 0 }] } },
    { rule: 'a window past 20 words', overrides: { actor: [{ phrase: 'ICE', window: 21 }] } },
    { rule: 'a mitigation reach past 20 words', overrides: { mitigationAfter: 21 } },
    { rule: 'a negative mitigation reach', overrides: { mitigationAfter: -1 } },
    { rule: 'no cues', overrides: { cues: { before: [], after: [] } } },
  ])('refuses a lexicon with $rule', ({ overrides, message }) => {
    expect(() => compileLexicon(lexicon(overrides))).toThrow(message ?? '');
  });

  it('accepts windows and reaches at their bounds', () => {
    expect(() => compileLexicon(lexicon({ actor: [{ phrase: 'ICE', window: 1 }, { phrase: 'ERO', window: 20 }], mitigationAfter: 0 }))).not.toThrow();
    expect(() => compileLexicon(lexicon({ mitigationAfter: 20 }))).not.toThrow();
  });

  it('the policy\'s two lexicons compile, each with its refusal and review flag', () => {
    expect(compileLexicon(immigrationLexiconData)).toMatchObject({ refusal: 'IMMIGRATION_ENFORCEMENT_BLOCKED', reviewFlag: 'IMMIGRATION_TERM_REVIEW', enforcementInCaseReference: true });
    expect(compileLexicon(politicalActivityLexiconData)).toMatchObject({ refusal: 'POLITICAL_ACTIVITY_RESTRICTED', reviewFlag: 'POLITICAL_ACTIVITY_REVIEW', enforcementInCaseReference: false });
  });
});
