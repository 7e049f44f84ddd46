import { intentTokens, phraseWords } from '../intentTokens';

/**
 * [P15, P6, SPEC §4] The words the intent reader compares: a text written to slip past the
 * guards (look-alike letters, invisible characters, accents, spacing) reads as the same words
 * as the plain phrase of the lexicon; clauses and the header each word came from are kept, since
 * the reader weighs a cue only within its clause and a case reference more than a justification.
 */
const words = (text: string) => intentTokens([text]).map((token) => token.text);

describe('a disguised text reads as the plain phrase', () => {
  it.each([
    { rule: 'case is folded', text: 'NOTIFY Ice', plain: 'notify ice' },
    { rule: 'accents are removed', text: 'Dépôrtatión inmigración', plain: 'deportation inmigracion' },
    { rule: 'fullwidth forms are NFKC-folded', text: 'ＩＣＥ', plain: 'ice' },
    { rule: 'mathematical bold letters', text: '𝐈𝐂𝐄', plain: 'ice' },
    { rule: 'a Roman numeral one', text: 'ⅠCE', plain: 'ice' },
    { rule: 'Cyrillic capital look-alikes', text: 'Іmmigration and Сustoms Еnforcement', plain: 'immigration and customs enforcement' },
    { rule: 'a look-alike with a prototype only as a capital (Cherokee)', text: 'ᎠHS', plain: 'dhs' },
    { rule: 'a small Cherokee look-alike is tried as its capital', text: 'ꭰhs', plain: 'dhs' },
    { rule: '"&" reads as "and"', text: 'Immigration&Customs', plain: 'immigration and customs' },
    { rule: 'letters and digits are separate words', text: 'ICE2025', plain: 'ice 2025' },
    { rule: 'punctuation between words is no word', text: '"ICE" -- (ERO)', plain: 'ice ero' },
  ])('$rule', ({ text, plain }) => {
    expect(words(text)).toEqual(phraseWords(plain));
  });

  it.each([
    ['a right-to-left override', '\u202e'],
    ['a zero-width joiner', '\u200d'],
    ['a zero-width space', '\u200b'],
    ['a soft hyphen', '\u00ad'],
    ['a combining grapheme joiner', '\u034f'],
    ['Hangul choseong filler', '\u115f'],
    ['Hangul jungseong filler', '\u1160'],
    ['Khmer vowel inherent AQ', '\u17b4'],
    ['Khmer vowel inherent AA', '\u17b5'],
    ['a Mongolian free variation selector', '\u180b'],
    ['the Mongolian vowel separator', '\u180e'],
    ['a Mongolian free variation selector (the fourth)', '\u180f'],
    ['a Hangul filler', '\u3164'],
    ['a halfwidth Hangul filler', '\uffa0'],
    ['a variation selector', '\ufe00'],
    ['the last variation selector', '\ufe0f'],
    ['a supplementary variation selector', '\u{e0100}'],
    ['the last supplementary variation selector', '\u{e01ef}'],
  ])('%s inside a word is ignored', (_name, invisible) => {
    expect(words(`I${invisible}C${invisible}E de${invisible}portation`)).toEqual(phraseWords('ice deportation'));
  });

  it('a letter outside the ignorable range is not dropped', () => {
    expect(words('I\u{e01f0}CE')).not.toEqual(phraseWords('ice'));
    expect(words('Iは CE')).not.toEqual(phraseWords('ice'));
  });

  it('no text, or no word, is no token', () => {
    expect(intentTokens([])).toEqual([]);
    expect(intentTokens([undefined, '', '... --- !!!'])).toEqual([]);
  });

  it('a lexicon phrase is read the same way', () => {
    expect(phraseWords('Immigration & Customs Enforcement')).toEqual(words('immigration and customs enforcement'));
  });
});

describe('clauses and fields', () => {
  const clauses = (...texts: (string | undefined)[]) => intentTokens(texts).map((token) => [token.text, token.field, token.clause]);

  it.each([',', ';', ':', '!', '?', '\n', '\r', '|', '(', ')', '[', ']', '{', '}'])('%j ends a clause', (mark) => {
    expect(clauses(`notify${mark}ice`)).toEqual([['notify', 0, 1], ['ice', 0, 2]]);
  });

  it('a full stop after a word ends a clause; one after a single letter does not (I.C.E.)', () => {
    expect(clauses('robbery. notify')).toEqual([['robbery', 0, 1], ['notify', 0, 2]]);
    expect(clauses('I.C.E. liaison')).toEqual([['i', 0, 1], ['c', 0, 1], ['e', 0, 1], ['liaison', 0, 1]]);
  });

  it('spaces, hyphens and slashes do not end a clause', () => {
    expect(clauses('notify - the / ice').map(([, , clause]) => clause)).toEqual([1, 1, 1]);
  });

  it('each text is its own field and starts a new clause; a missing text keeps its place', () => {
    expect(clauses('notify', undefined, 'ice now')).toEqual([['notify', 0, 1], ['ice', 2, 2], ['now', 2, 2]]);
  });

  it('a break at the end of one text is not carried into the next', () => {
    expect(clauses('notify,', 'ice')).toEqual([['notify', 0, 1], ['ice', 1, 2]]);
  });
});

describe('a text that opens with a break', () => {
  it('starts one clause, not two', () => {
    expect(intentTokens(['notify', ', ice']).map((token) => token.clause)).toEqual([1, 2]);
  });
});

describe('a number is one word, however long (the reader\'s windows count words)', () => {
  it('"ICE2025 0413" is three words', () => {
    expect(intentTokens(['ICE2025 0413'])).toHaveLength(3);
  });
});
