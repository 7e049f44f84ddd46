import { compileLexicon } from '../IntentLexicon';
import { readIntent, type IntentOutcome, type IntentTexts } from '../readIntent';

/**
 * [P15, P6, SPEC §4] How the reader weighs what it finds, each rule alone, on a small lexicon
 * whose windows the test chooses (the policy's lexicons are read in readIntent-test): an intent
 * or instrument refuses unless denied or explained; an actor refuses only with a cue of
 * assistance near enough, in its clause or the next; a topic, or a term explained away, is
 * flagged; words are joined however they are spaced, and a term beside its exclusion is no term.
 */
const data = {
  about: 'test',
  refusal: 'IMMIGRATION_ENFORCEMENT_BLOCKED',
  reviewFlag: 'TERM_REVIEW',
  enforcementInCaseReference: true,
  sets: {},
  intent: ['enforce the law'],
  instrument: ['detainer'],
  actor: [
    { phrase: 'agency', window: 3 },
    { phrase: 'bureau', window: 3, strictCues: true },
    { phrase: 'ice', window: 3, notAfter: ['black'], notBefore: ['pick'] },
  ],
  topic: ['status', 'agency lawyer'],
  cues: { before: ['notify'], beforeLoose: ['for'], after: ['wants'], absolute: ['list of'] },
  mitigators: ['threatened'],
  mitigationAfter: 1,
  negations: ['not'],
  datives: ['to'],
};
const lexicon = compileLexicon(data);
const words = (n: number) => Array(n).fill('word').join(' ');
const read = (justification: string, texts: IntentTexts = {}) => readIntent(lexicon, { justification, ...texts });
const outcome = (justification: string) => read(justification).outcome;

describe('an intent or an instrument shows the aim by itself', () => {
  it('refuses, naming the phrase', () => {
    expect(read('detainer')).toEqual({ outcome: 'BLOCK', because: ['"detainer"'] });
    expect(read('we enforce the law')).toEqual({ outcome: 'BLOCK', because: ['"enforce the law"'] });
  });

  it.each(['a', 'an', 'the', 'for', 'to', 'related', 'about', 'un', 'una', 'el', 'la', 'para', 'de'])('a negation stands behind "%s": "not %s detainer" is denied, flagged', (filler) => {
    expect(outcome(`not ${filler} detainer`)).toBe('FLAG');
  });

  it.each<[string, string, IntentOutcome]>([
    ['a negation right before', 'not detainer', 'FLAG'],
    ['a negation behind several small words', 'not related to the detainer', 'FLAG'],
    ['a negation of another word', 'not word detainer', 'BLOCK'],
    ['a negation in the clause before', 'not; detainer', 'BLOCK'],
    ['a negation after', 'detainer not', 'BLOCK'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it.each<[string, string, IntentOutcome]>([
    ['a mitigating word 8 words before explains it', `threatened ${words(7)} detainer`, 'FLAG'],
    ['a mitigating word 9 words before does not', `threatened ${words(8)} detainer`, 'BLOCK'],
    ['a mitigating word right after explains it (the lexicon reaches 1)', 'detainer threatened', 'FLAG'],
    ['the same, the term not the first word', 'word detainer threatened', 'FLAG'],
    ['one word further after does not', 'detainer word threatened', 'BLOCK'],
    ['a mitigating word in the clause before does not', 'threatened; detainer', 'BLOCK'],
    ['a mitigating word opening the next clause of the same text explains it', 'detainer; threatened', 'FLAG'],
    ['two clauses on does not', 'detainer; word; threatened', 'BLOCK'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it('a mitigating word in the next text does not explain a term of another', () => {
    expect(readIntent(lexicon, { purpose: 'detainer', justification: 'threatened' }).outcome).toBe('BLOCK');
  });

  it('a denied or explained term is flagged, naming it', () => {
    expect(read('not detainer')).toEqual({ outcome: 'FLAG', because: ['detainer'] });
  });
});

describe('[P15] a term in the case reference: the case is the enforcement agency\'s', () => {
  it('refuses any term of a lexicon that says so, naming where it was', () => {
    expect(read('Robbery', { caseNumber: 'agency' })).toEqual({ outcome: 'BLOCK', because: ['"agency" in the case reference'] });
    expect(read('Robbery', { caseNumber: 'status' }).outcome).toBe('BLOCK');
  });

  it('a lexicon that does not (political activity) reads it like any text', () => {
    const political = compileLexicon({ ...data, enforcementInCaseReference: false });
    expect(readIntent(political, { caseNumber: 'agency', justification: 'Robbery' }).outcome).toBe('FLAG');
  });

  it('the same term in the justification is weighed as usual', () => {
    expect(read('agency', { caseNumber: 'C-2025-1' }).outcome).toBe('FLAG');
  });
});

describe('a topic is flagged, never refused', () => {
  it.each([['status'], ['notify status'], ['status wants']])('%j', (text) => {
    expect(read(text)).toEqual({ outcome: 'FLAG', because: ['status'] });
  });

  it('an actor inside a longer topic is that topic: "notify agency lawyer" names no actor', () => {
    expect(read('notify agency lawyer')).toEqual({ outcome: 'FLAG', because: ['agency lawyer'] });
    expect(outcome('notify agency')).toBe('BLOCK');
  });

  it('a topic of the same length as a term does not hide it', () => {
    const both = compileLexicon({ ...data, topic: ['detainer'] });
    expect(readIntent(both, { justification: 'detainer' }).outcome).toBe('BLOCK');
    expect(readIntent(both, { justification: 'word detainer' }).outcome).toBe('BLOCK');
  });

  it('each phrase is named once', () => {
    expect(read('status, status; status')).toEqual({ outcome: 'FLAG', because: ['status'] });
  });

  it('no term at all is allowed, with no reason', () => {
    expect(read('Robbery pattern on Pitkin Avenue')).toEqual({ outcome: 'ALLOW', because: [] });
  });
});

describe('an actor refuses only with a cue of assistance near enough', () => {
  it.each<[string, string, IntentOutcome]>([
    ['alone, flagged', 'agency', 'FLAG'],
    ['a cue before, within the window (3)', `notify ${words(2)} agency`, 'BLOCK'],
    ['a cue before, one past the window', `notify ${words(3)} agency`, 'FLAG'],
    ['a cue before the actor that stands after it', 'agency notify', 'FLAG'],
    ['a cue after, within the window', `agency ${words(2)} wants`, 'BLOCK'],
    ['a cue after, one past the window', `agency ${words(3)} wants`, 'FLAG'],
    ['a cue after that stands before', 'wants agency', 'FLAG'],
    ['a loose cue ("for")', 'for agency', 'BLOCK'],
    ['a loose cue before an actor that takes only strict cues', 'for bureau', 'FLAG'],
    ['a strict cue before that actor', 'notify bureau', 'BLOCK'],
    ['a cue in the clause before', 'notify; agency', 'FLAG'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it('the refusal names the cue and the actor', () => {
    expect(read('notify agency')).toEqual({ outcome: 'BLOCK', because: ['"notify" with "agency"'] });
  });

  it.each<[string, string, IntentOutcome]>([
    ['"to" the actor lets its verb stand 10 words away', `notify ${words(8)} to agency`, 'BLOCK'],
    ['past an article', `notify ${words(7)} to the agency`, 'BLOCK'],
    ['11 words away is too far', `notify ${words(9)} to agency`, 'FLAG'],
    ['without "to", the actor\'s own window', `notify ${words(9)} agency`, 'FLAG'],
    ['a loose cue does not reach so far', `for ${words(8)} to agency`, 'FLAG'],
    ['"to" before another word gives nothing', `notify ${words(7)} to word agency`, 'FLAG'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it.each<[string, string, IntentOutcome]>([
    ['a request in the next clause', 'agency: wants', 'BLOCK'],
    ['a request in the next clause, as far as the window and one', `agency: ${words(3)} wants`, 'BLOCK'],
    ['one further', `agency: ${words(4)} wants`, 'FLAG'],
    ['a loose cue in the next clause', 'agency: for', 'FLAG'],
    ['a request in the next clause, explained there', 'agency: threatened wants', 'FLAG'],
    ['two clauses on', 'agency: word; wants', 'FLAG'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it.each<[string, string, IntentOutcome]>([
    ['a denied cue', 'not notify agency', 'FLAG'],
    ['a denied actor with a cue after', 'not agency wants', 'FLAG'],
    ['a cue explained by a mitigating word', 'threatened to notify agency', 'FLAG'],
    ['an absolute cue, whatever explains it', 'threatened list of agency', 'BLOCK'],
    ['an absolute cue', 'list of agency', 'BLOCK'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });
});

describe('finding the terms, however they are spaced', () => {
  it.each<[string, string, IntentOutcome]>([
    ['a term split into pieces', 'notify de tainer', 'BLOCK'],
    ['a plural in s', 'detainers', 'BLOCK'],
    ['a plural in es', 'statuses', 'FLAG'],
    ['the longest phrase, and its plural', 'enforce the laws', 'BLOCK'],
    ['a short term spelled out letter by letter', 'notify i c e', 'BLOCK'],
    ['a short term joined from longer pieces is not that term', 'notify i ce', 'ALLOW'],
    ['a short term is no plural ("ices")', 'notify ices', 'ALLOW'],
    ['nor in es ("icees")', 'notify icees', 'ALLOW'],
    ['a term after its exclusion', 'black ice', 'ALLOW'],
    ['a term after its exclusion in the plural', 'blacks ice', 'ALLOW'],
    ['a term before its exclusion', 'ice pick', 'ALLOW'],
    ['a term before its exclusion in the plural', 'ice picks', 'ALLOW'],
    ['a term before its exclusion in the plural in es', 'ice pickes', 'ALLOW'],
    ['the term at the end, its exclusion absent', 'notify ice', 'BLOCK'],
    ['an exclusion elsewhere', 'black word ice', 'FLAG'],
  ])('%s: %j is %s', (_rule, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });
});

describe('the edges of joining and of windows', () => {
  const only = (terms: Record<string, unknown>) =>
    compileLexicon({ ...data, intent: [], instrument: [], actor: [], topic: [], cues: { before: [], beforeLoose: [], after: [], absolute: [] }, mitigators: [], negations: [], datives: [], ...terms });

  it.each(['the', 'el', 'la', 'los', 'las'])('"to %s <actor>": the article stands between the dative and its actor', (article) => {
    expect(outcome(`notify ${words(7)} to ${article} agency`)).toBe('BLOCK');
  });

  it('an actor at the end of a longer topic is that topic too', () => {
    const lexicon2 = compileLexicon({ ...data, topic: ['rogue bureau'] });
    expect(readIntent(lexicon2, { justification: 'notify rogue bureau' })).toEqual({ outcome: 'FLAG', because: ['rogue bureau'] });
  });

  it('a plural in es of the longest phrase is still found', () => {
    expect(readIntent(only({ intent: ['search'] }), { justification: 'searches' }).outcome).toBe('BLOCK');
  });

  it('a word that only begins with a term is not that term', () => {
    expect(outcome('enforce the lawn')).toBe('ALLOW');
    expect(outcome('enforce the lawns')).toBe('ALLOW');
  });

  it('a short term (four letters or fewer) is joined from single letters, or from its own words, not from longer pieces', () => {
    const short = only({ actor: [{ phrase: 'hive', window: 3 }], instrument: ['ab cd', 'a b cd'], cues: { before: ['notify'], beforeLoose: [], after: [], absolute: [] } });
    const of = (text: string) => readIntent(short, { justification: text }).outcome;
    expect([of('notify hive'), of('notify h i v e'), of('notify hi ve')]).toEqual(['BLOCK', 'BLOCK', 'ALLOW']);
    expect([of('ab cd'), of('word ab cd'), of('a bcd'), of('abc d')]).toEqual(['BLOCK', 'BLOCK', 'ALLOW', 'ALLOW']);
    // Every word its own, not only one of them: "a bc d" is not "a b cd".
    expect(of('a bc d')).toBe('ALLOW');
    // Its words run together as one word are the term ("sitin" is "sit in").
    expect(of('abcd')).toBe('BLOCK');
  });

  it('a term overlapping a longer topic without lying inside it is read on its own', () => {
    const overlap = only({ intent: ['sell hive', 'keeping sale'], topic: ['hive keeping guide', 'bee hive keeping'] });
    const of = (text: string) => readIntent(overlap, { justification: text }).outcome;
    expect([of('sell hive keeping guide'), of('bee hive keeping sale')]).toEqual(['BLOCK', 'BLOCK']);
  });

  it('a topic inside a longer topic is named as the longer one', () => {
    const nested = only({ topic: ['status', 'status report'] });
    expect(readIntent(nested, { justification: 'status report' })).toEqual({ outcome: 'FLAG', because: ['status report'] });
    expect(readIntent(nested, { justification: 'status of the report' })).toEqual({ outcome: 'FLAG', because: ['status'] });
  });

  it('a word is not its own cue nor its own explanation ("deportation" is both an actor and a cue in the policy\'s lexicon)', () => {
    const both = only({ actor: [{ phrase: 'report', window: 3 }], instrument: ['removal'], cues: { before: ['report'], beforeLoose: [], after: [], absolute: [] }, mitigators: ['removal'] });
    const of = (text: string) => readIntent(both, { justification: text }).outcome;
    expect([of('report'), of('report report')]).toEqual(['FLAG', 'BLOCK']);
    expect([of('removal'), of('removal removal')]).toEqual(['BLOCK', 'FLAG']);
  });

  it('a mitigating phrase sharing a word with the term does not explain it', () => {
    const shared = only({ instrument: ['detention order'], mitigators: ['threatened with detention', 'order threatened'], mitigationAfter: 1 });
    const of = (text: string) => readIntent(shared, { justification: text }).outcome;
    expect([of('threatened with detention order'), of('detention order threatened')]).toEqual(['BLOCK', 'BLOCK']);
  });

  it('an exclusion of several words is matched word by word after the term', () => {
    const excluding = only({ actor: [{ phrase: 'ice', window: 3, notBefore: ['cream truck'] }], cues: { before: ['notify'], beforeLoose: [], after: [], absolute: [] } });
    const of = (text: string) => readIntent(excluding, { justification: text }).outcome;
    expect([of('notify ice cream truck'), of('notify ice cream')]).toEqual(['ALLOW', 'BLOCK']);
  });
});
