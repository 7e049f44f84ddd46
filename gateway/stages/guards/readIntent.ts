import { intentTokens, type IntentToken } from './intentTokens';
import type { IntentLexicon, LexiconTerm } from './IntentLexicon';

/**
 * Reads a request's free texts for intent, not for substrings [P15, P6, SPEC §4]. Three outcomes:
 * BLOCK (the intent is plain), FLAG (a term without that intent: allowed, and a supervisor
 * looks at it), ALLOW (no term at all). A single ambiguous word never blocks: "ice pick",
 * "removal of graffiti", a victim's account of a threat of deportation are ordinary police work.
 */
export type IntentOutcome = 'BLOCK' | 'FLAG' | 'ALLOW';

export interface IntentReading {
  outcome: IntentOutcome;
  /** The phrases that decided it, for the refusal message and the review. */
  because: string[];
}

/** The texts read together; their order is the field index of each word. */
export interface IntentTexts {
  purpose?: string;
  caseNumber?: string;
  justification?: string;
  authorization?: string;
}
const CASE_NUMBER_FIELD = 1;

/** How far before the term it explains a mitigating word ("threatened", "assault") may stand. */
const MITIGATION_WINDOW = 8;
/**
 * A negation denies only what follows it at once, past these small words ("not for ICE", "no
 * immigration hold", "not related to ICE"): "do not delay notifying ICE" denies nothing.
 */
const NEGATION_FILLERS = new Set(['a', 'an', 'the', 'for', 'to', 'related', 'about', 'un', 'una', 'el', 'la', 'para', 'de']);
/** Articles between a dative and its actor ("to the ICE tip line", "a la migra" is one actor). */
const ARTICLES = new Set(['the', 'el', 'la', 'los', 'las']);
/** How far before "to <actor>" its verb may stand ("send the subject's new address to ICE"). */
const DATIVE_WINDOW = 10;
/** A short key ("ice", "for") is joined across words only from single letters ("i c e"); a form number always ("I-2" "47"). */
const SHORT_KEY = 4;

interface Found {
  term: LexiconTerm;
  start: number;
  end: number;
}

export function readIntent(lexicon: IntentLexicon, texts: IntentTexts): IntentReading {
  return readIntentOfTokens(lexicon, tokensOfTexts(texts));
}

/** The words of a request's texts, once for every lexicon that reads them. */
export const tokensOfTexts = (texts: IntentTexts): IntentToken[] => intentTokens([texts.purpose, texts.caseNumber, texts.justification, texts.authorization]);

export function readIntentOfTokens(lexicon: IntentLexicon, tokens: IntentToken[]): IntentReading {
  const found = findTerms(lexicon, tokens);
  const of = (...kinds: LexiconTerm['kind'][]) => found.filter((f) => kinds.includes(f.term.kind));
  const cues = of('cueBefore', 'cueLoose', 'cueAfter', 'cueAbsolute');
  const mitigators = of('mitigator');
  const negations = of('negation');
  const datives = of('dative');
  const flagged: string[] = [];
  const clause = (f: Found) => tokens[f.start]!.clause;
  const sameClause = (a: Found, b: Found) => clause(a) === clause(b);

  const topics = of('topic');
  // A term inside a longer topic is that topic: "immigration lawyer" names no actor; a shorter topic inside it is named as the longer one.
  const subsumed = (f: Found) => topics.some((t) => t.start <= f.start && t.end >= f.end && t.end - t.start > f.end - f.start);
  for (const mention of of('intent', 'instrument', 'actor', 'topic').filter((f) => !subsumed(f))) {
    const { term } = mention;
    if (lexicon.enforcementInCaseReference && tokens[mention.start]!.field === CASE_NUMBER_FIELD) {
      return { outcome: 'BLOCK', because: [`"${term.phrase}" in the case reference`] };
    }
    const negatedAt = (start: number) => negations.some((n) => sameClause(n, mention) && n.end === wordBefore(tokens, start));
    const negated = negatedAt(mention.start);
    // A mitigating word explains the term it precedes ("threatened to call ICE"); after it, only
    // as far as the lexicon says ("ICE impersonator"), so "notify ICE of the threat" still refuses.
    const mitigated = mitigators.some(
      (m) => sameClause(m, mention) && ((m.end < mention.start && mention.start - m.end <= MITIGATION_WINDOW) || (m.start > mention.end && m.start - mention.end <= lexicon.mitigationAfter)),
    );
    // Explained in the clause after: "brother is in immigration detention; she reports threats".
    const explainedAfter = mitigators.some((m) => clause(m) === clause(mention) + 1 && tokens[m.start]!.field === tokens[mention.start]!.field);
    if (term.kind === 'topic') {
      flagged.push(term.phrase);
      continue;
    }
    if (term.kind === 'actor') {
      const given = datives.some((d) => d.end === wordBefore(tokens, mention.start, ARTICLES));
      const cue = cues.find((c) => {
        if (negatedAt(Math.min(c.start, mention.start)) || (mitigated && c.term.kind !== 'cueAbsolute')) return false;
        // The request may follow in the next clause: "Subject's ICE file: need current employer".
        if (clause(c) === clause(mention) + 1) return !explainedAfter && c.term.kind !== 'cueLoose' && c.start - mention.end <= term.window + 1;
        if (!sameClause(c, mention)) return false;
        if (c.term.kind === 'cueAfter') return c.start > mention.end && c.start - mention.end <= term.window;
        if (c.term.kind === 'cueLoose' && term.strictCues) return false;
        const window = given && c.term.kind === 'cueBefore' ? DATIVE_WINDOW : term.window;
        return c.end < mention.start && mention.start - c.end <= window;
      });
      if (cue) return { outcome: 'BLOCK', because: [`"${cue.term.phrase}" with "${term.phrase}"`] };
      flagged.push(term.phrase);
      continue;
    }
    // An intent phrase or an enforcement instrument shows the aim by itself, unless denied or explained.
    if (!negated && !mitigated && !explainedAfter) return { outcome: 'BLOCK', because: [`"${term.phrase}"`] };
    flagged.push(term.phrase);
  }
  return flagged.length ? { outcome: 'FLAG', because: [...new Set(flagged)] } : { outcome: 'ALLOW', because: [] };
}

/**
 * Every lexicon phrase the words spell, however they are spaced: words are run together from
 * each position and looked up whole ("de port ation", "I-247As", "ICE" split across headers),
 * with a final s or es read as a plural.
 */
function findTerms(lexicon: IntentLexicon, tokens: IntentToken[]): Found[] {
  const found: Found[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    let allSingle = true;
    for (let end = start; end < tokens.length; end++) {
      const word = tokens[end]!.text;
      key += word;
      // Stryker disable next-line ConditionalExpression: the bound is for speed; a key longer than the longest phrase and a plural's "es" spells no phrase
      if (key.length > lexicon.longestKey + 2) break;
      allSingle &&= word.length === 1;
      const joined = end > start;
      const candidates = [key];
      if (key.length > SHORT_KEY && key.endsWith('s')) candidates.push(key.slice(0, -1));
      if (key.length > SHORT_KEY + 1 && key.endsWith('es')) candidates.push(key.slice(0, -2));
      for (const candidate of candidates) {
        for (const term of lexicon.byKey.get(candidate) ?? []) {
          if (joined && candidate.length <= SHORT_KEY && !allSingle && !/\d/.test(candidate) && !sameWords(tokens, start, end, term.words)) continue;
          if (excluded(tokens, start, end, term)) continue;
          found.push({ term, start, end });
        }
      }
    }
  }
  return found;
}

function sameWords(tokens: IntentToken[], start: number, end: number, words: string[]): boolean {
  // Stryker disable next-line ConditionalExpression: more words than the term's, the first of them its own, spell the term one word earlier, where it is found
  return end - start + 1 === words.length && words.every((word, i) => tokens[start + i]!.text === word);
}

/** The index of the word before `start`, past fillers (by default those a negation may stand behind; -1: none). */
function wordBefore(tokens: IntentToken[], start: number, fillers: ReadonlySet<string> = NEGATION_FILLERS): number {
  let i = start - 1;
  while (i >= 0 && fillers.has(tokens[i]!.text)) i--;
  return i;
}

/** The same word, or its plural ("ice packs" as "ice pack"). */
const sameWord = (token: IntentToken, word: string) => token.text === word || token.text === `${word}s` || token.text === `${word}es`;

function excluded(tokens: IntentToken[], start: number, end: number, term: LexiconTerm): boolean {
  const before = term.notAfter.some((words) => words.length <= start && words.every((word, i) => sameWord(tokens[start - words.length + i]!, word)));
  const after = term.notBefore.some((words) => end + words.length < tokens.length && words.every((word, i) => sameWord(tokens[end + 1 + i]!, word)));
  return before || after;
}
