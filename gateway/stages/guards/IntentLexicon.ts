import { z } from 'zod';
import { phraseWords } from './intentTokens';

/**
 * A lexicon of intent, kept as data (policy/intent/*.json) [P15, P6]. Its phrases are put
 * through the same normalisation as the texts they are compared with, once, at start.
 */
const phraseList = z.union([z.array(z.string()), z.string().regex(/^@\w+$/)]);
const term = z.union([
  z.string(),
  z.object({
    phrase: z.string(),
    /** How many words away a cue may stand (actors); default 6. */
    window: z.number().int().min(1).max(20).optional(),
    /** Only a verb of assistance counts ("notify immigration"), not "for" or "per". */
    strictCues: z.boolean().optional(),
    /** Not a mention when one of these stands just before ("black ice", "apartment I-205"). */
    notAfter: phraseList.optional(),
    /** Not a mention when one of these stands just after ("ice pick"). */
    notBefore: phraseList.optional(),
  }),
]);
const lexiconSchema = z.object({
  about: z.string(),
  refusal: z.enum(['IMMIGRATION_ENFORCEMENT_BLOCKED', 'POLITICAL_ACTIVITY_RESTRICTED']),
  reviewFlag: z.string().regex(/^[A-Z_]+$/),
  /** Any enforcement term in the case reference refuses: the case is the enforcement agency's. */
  enforcementInCaseReference: z.boolean(),
  sets: z.record(z.string(), z.array(z.string())),
  intent: z.array(term),
  instrument: z.array(term),
  actor: z.array(term),
  topic: z.array(term),
  cues: z.object({
    before: z.array(z.string()),
    beforeLoose: z.array(z.string()),
    after: z.array(z.string()),
    /** Cues no mitigating word explains away: listing who attended is monitoring, whatever else happened. */
    absolute: z.array(z.string()),
  }),
  mitigators: z.array(z.string()),
  /** How many words after a term a mitigating word still explains it ("ICE impersonator": 1). */
  mitigationAfter: z.number().int().min(0).max(20),
  negations: z.array(z.string()),
  /**
   * "to", "a": an actor right after one is the one something is given to, so a verb of
   * assistance anywhere before it in the clause counts ("report the subject to ICE").
   */
  datives: z.array(z.string()),
});
type IntentLexiconData = z.input<typeof lexiconSchema>;

/** What a phrase is to the reader. */
export type TermKind = 'intent' | 'instrument' | 'actor' | 'topic' | 'cueBefore' | 'cueLoose' | 'cueAfter' | 'cueAbsolute' | 'mitigator' | 'negation' | 'dative';

export interface LexiconTerm {
  kind: TermKind;
  phrase: string;
  words: string[];
  window: number;
  strictCues: boolean;
  notAfter: string[][];
  notBefore: string[][];
}

export interface IntentLexicon {
  refusal: 'IMMIGRATION_ENFORCEMENT_BLOCKED' | 'POLITICAL_ACTIVITY_RESTRICTED';
  reviewFlag: string;
  enforcementInCaseReference: boolean;
  mitigationAfter: number;
  /** Terms by their words run together ("i247a"), so spacing and splitting do not matter. */
  byKey: Map<string, LexiconTerm[]>;
  longestKey: number;
}

const DEFAULT_CUE_WINDOW = 6;

export function compileLexicon(data: unknown): IntentLexicon {
  const lexicon = lexiconSchema.parse(data);
  const list = (value: string[] | string | undefined): string[][] => {
    const phrases = typeof value === 'string' ? lexicon.sets[value.slice(1)] : value;
    if (phrases === undefined) throw new Error(`lexicon set ${String(value)} is not defined`);
    return phrases.map(phraseWords);
  };
  const byKey = new Map<string, LexiconTerm[]>();
  let longestKey = 0;
  const add = (kind: TermKind, entry: z.infer<typeof term>) => {
    const spec = typeof entry === 'string' ? { phrase: entry } : entry;
    const words = phraseWords(spec.phrase);
    const key = words.join('');
    if (!key) throw new Error(`lexicon phrase "${spec.phrase}" has no words`);
    const compiled: LexiconTerm = {
      kind,
      phrase: spec.phrase,
      words,
      window: spec.window ?? DEFAULT_CUE_WINDOW,
      strictCues: spec.strictCues ?? false,
      notAfter: list(spec.notAfter ?? []),
      notBefore: list(spec.notBefore ?? []),
    };
    byKey.set(key, [...(byKey.get(key) ?? []), compiled]);
    longestKey = Math.max(longestKey, key.length);
  };
  for (const kind of ['intent', 'instrument', 'actor', 'topic'] as const) lexicon[kind].forEach((entry) => add(kind, entry));
  lexicon.cues.before.forEach((phrase) => add('cueBefore', phrase));
  lexicon.cues.beforeLoose.forEach((phrase) => add('cueLoose', phrase));
  lexicon.cues.after.forEach((phrase) => add('cueAfter', phrase));
  lexicon.cues.absolute.forEach((phrase) => add('cueAbsolute', phrase));
  lexicon.mitigators.forEach((phrase) => add('mitigator', phrase));
  lexicon.negations.forEach((phrase) => add('negation', phrase));
  lexicon.datives.forEach((phrase) => add('dative', phrase));
  return { refusal: lexicon.refusal, reviewFlag: lexicon.reviewFlag, enforcementInCaseReference: lexicon.enforcementInCaseReference, mitigationAfter: lexicon.mitigationAfter, byKey, longestKey };
}
