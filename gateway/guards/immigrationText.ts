/**
 * Whether a free text (purpose, case number, justification, or all of them run together)
 * shows immigration enforcement [P15, SPEC §4]. Robust to case, spacing, punctuation, accents,
 * zero-width characters and Unicode look-alikes ("Dеportation" with a Cyrillic е), and to a
 * word split across headers.
 */

/** Letters that look Latin but are not (Cyrillic, Greek, fullwidth forms fold under NFKC). */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', ո: 'n', ս: 'u', ℓ: 'l',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ς: 's',
};

/** Lower-case Latin letters and digits, with every other character a space. */
export function foldText(text: string): string {
  const lowered = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const char of lowered.normalize('NFD')) {
    if (/\p{M}/u.test(char)) continue; // accents
    const folded = LOOK_ALIKES[char] ?? char;
    out += /[a-z0-9]/.test(folded) ? folded : /[\u200b-\u200f\u2060\ufeff\u00ad]/.test(char) ? '' : ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Words that show the aim anywhere, even run together with others ("ICEdetainer", "deport"). */
const STEMS = ['detainer', 'deport', 'removal', 'immigrationenforcement', 'immigrationandcustomsenforcement', 'enforcementandremoval', 'removableali', 'illegalalien'];
/** DHS immigration forms as whole words: I-247 (detainer, and its variants), I-200 and I-205 (warrants), I-203 (order to detain). */
const FORMS = /(^| )i ?(247[a-z]?|200|205|203)( |$)/;
/**
 * Short names that must stand alone: ICE, ERO ("I.C.E." and "e r o" included). Failing closed,
 * a justification about an "ice pick" is refused too: the caller rephrases, and the refusal is counted.
 */
const ACRONYMS = new Set(['ice', 'ero']);

export function showsImmigrationEnforcement(...texts: (string | undefined)[]): boolean {
  const present = texts.filter((t): t is string => !!t);
  // Each text alone, each with the next run together, and all of them run together (a word split across headers).
  const neighbours = present.slice(1).map((text, i) => present[i] + text);
  for (const text of [...present, ...neighbours, present.join('')]) {
    const folded = foldText(text);
    if (STEMS.some((stem) => folded.replace(/ /g, '').includes(stem))) return true;
    const tokens = joinSingleCharacters(folded.split(' '));
    if (FORMS.test(tokens.join(' ')) || tokens.some((token) => ACRONYMS.has(token))) return true;
  }
  return false;
}

/** "i c e" → "ice", "i 2 4 7" → "i247": runs of single characters are read as one word. */
function joinSingleCharacters(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (token.length === 1) {
      run += token;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(token);
  }
  if (run) out.push(run);
  return out.filter(Boolean);
}
