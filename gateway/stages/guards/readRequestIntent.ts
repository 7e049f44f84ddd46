import immigrationLexiconData from '../../../policy/intent/immigrationLexicon.json';
import politicalActivityLexiconData from '../../../policy/intent/politicalActivityLexicon.json';
import { compileLexicon } from './IntentLexicon';
import { readIntentOfTokens, tokensOfTexts, type IntentReading, type IntentTexts } from './readIntent';

/** The two lexicons of the policy [P15, P6], compiled once. */
export const immigrationLexicon = compileLexicon(immigrationLexiconData);
export const politicalActivityLexicon = compileLexicon(politicalActivityLexiconData);

export interface RequestIntent {
  immigration: IntentReading;
  politicalActivity: IntentReading;
}

/** A client repeats its purpose headers request after request: each set of texts is read once. */
const readings = new Map<string, RequestIntent>();

export function readRequestIntent(texts: IntentTexts): RequestIntent {
  // JSON keeps where each text ends whatever it holds (a separator could be sent inside a text).
  const key = JSON.stringify([texts.purpose, texts.caseNumber, texts.justification, texts.authorization]);
  let reading = readings.get(key);
  // Stryker disable next-line ConditionalExpression: a cache; texts read again are read the same
  if (reading === undefined) {
    reading = readTexts(texts);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's bound (its size, never its answers)
    if (readings.size >= 10_000) readings.clear();
    readings.set(key, reading);
  }
  return reading;
}

/** Both readings of one request's texts, normalised once (no cache). */
export function readTexts(texts: IntentTexts): RequestIntent {
  const tokens = tokensOfTexts(texts);
  return { immigration: readIntentOfTokens(immigrationLexicon, tokens), politicalActivity: readIntentOfTokens(politicalActivityLexicon, tokens) };
}
