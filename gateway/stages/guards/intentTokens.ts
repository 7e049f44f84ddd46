import unhomoglyph from 'unhomoglyph';

/**
 * The words of a free text as the intent reader compares them [P15, P6, SPEC §4]: NFKC, no
 * format characters (zero-width, soft hyphen, bidi controls and isolates: all of Unicode's Cf,
 * plus the default-ignorable fillers and variation selectors that are not Cf), `&` read as
 * "and", case folded, each word reduced to its UTS #39 confusable skeleton (unhomoglyph, generated
 * from Unicode's confusables.txt) and stripped of accents. Letters and digits are separate words
 * ("ICE2025" is "ice" "2025"), so an agency prefix glued to a number is still seen.
 */
export interface IntentToken {
  /** The word's skeleton: compare only with phrases put through the same function. */
  text: string;
  /** Which of the texts read together it came from (purpose, case number, justification...). */
  field: number;
  /** Clauses end at , ; : ! ? and line breaks, and at a full stop after a word (not "I.C.E."). */
  clause: number;
}

const IGNORABLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/gu;
const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;
const CLAUSE_BREAK = /[,;:!?\n\r|()[\]{}]/;
const MARKS = /\p{M}/gu;

/** Words of several texts read as one stream: a word split across two headers still joins up. */
export function intentTokens(texts: readonly (string | undefined)[]): IntentToken[] {
  const words: { text: string; field: number; clause: number }[] = [];
  let clause = 0;
  texts.forEach((raw, field) => {
    if (!raw) return;
    clause += 1;
    const text = raw.normalize('NFKC').replace(IGNORABLE, '').replace(/&/g, ' and ').toLowerCase();
    let last = 0;
    for (const match of text.matchAll(WORD)) {
      const between = text.slice(last, match.index);
      const previous = words[words.length - 1];
      if (previous && previous.field === field && (CLAUSE_BREAK.test(between) || (between.includes('.') && previous.text.length > 1))) clause += 1;
      words.push({ text: match[0], field, clause });
      last = match.index + match[0].length;
    }
  });
  if (words.length === 0) return [];
  // One call for all the words: the skeleton table is one large regular expression.
  const skeletons = skeletonOf(words.map((word) => word.text).join('\n')).split('\n');
  return words.map((word, i) => {
    const skeleton = skeletons[i] ?? word.text;
    return { ...word, text: NON_ASCII.test(skeleton) ? skeletonByLetter(word.text) : skeleton };
  });
}

const NON_ASCII = /[^\u0000-\u007f]/;
const skeletonOf = (text: string) => unhomoglyph(text).normalize('NFD').replace(MARKS, '').toLowerCase();

/**
 * Case folding first is right for most scripts (Cyrillic "І" folds to "і", whose prototype is
 * "i"); a few look-alikes have a prototype only in their capital form (Cherokee "Ꭰ" is "D",
 * its small form has none). A word still outside ASCII is tried letter by letter both ways.
 */
function skeletonByLetter(word: string): string {
  let out = '';
  for (const letter of word) {
    const folded = skeletonOf(letter);
    out += NON_ASCII.test(folded) ? skeletonOf(letter.toUpperCase()) : folded;
  }
  return out;
}

/** A lexicon phrase as a list of word skeletons. */
export function phraseWords(phrase: string): string[] {
  return intentTokens([phrase]).map((token) => token.text);
}
