import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readRequestIntent } from '../../gateway/stages/guards/readRequestIntent';
import type { IntentTexts } from '../../gateway/stages/guards/readIntent';

/** One labelled justification of policy/intent/evaluationSet.jsonl. */
export interface LabelledUse {
  label: Verdict;
  topic: 'immigration' | 'political' | 'none';
  purpose: string;
  caseNumber: string;
  justification: string;
}
export type Verdict = 'block' | 'flag' | 'allow';
export const VERDICTS: readonly Verdict[] = ['block', 'flag', 'allow'];

export function loadEvaluationSet(): LabelledUse[] {
  const file = path.join(__dirname, '../../policy/intent/evaluationSet.jsonl');
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as LabelledUse);
}

export const textsOf = (use: LabelledUse): IntentTexts => ({ purpose: use.purpose, caseNumber: use.caseNumber, justification: use.justification });

/** What the gateway's guards do with these texts, in their order: immigration, then Handschu. */
export function verdictOf(use: LabelledUse): { verdict: Verdict; topic: LabelledUse['topic'] } {
  const { immigration, politicalActivity } = readRequestIntent(textsOf(use));
  if (immigration.outcome === 'BLOCK') return { verdict: 'block', topic: 'immigration' };
  const political = use.purpose === 'POLITICAL_ACTIVITY' ? 'ALLOW' : politicalActivity.outcome;
  if (political === 'BLOCK') return { verdict: 'block', topic: 'political' };
  return { verdict: immigration.outcome === 'FLAG' || political === 'FLAG' ? 'flag' : 'allow', topic: 'none' };
}

export interface Scores {
  /** confusion[label][predicted] */
  confusion: Record<Verdict, Record<Verdict, number>>;
  precision: Record<Verdict, number>;
  recall: Record<Verdict, number>;
  /** Blocked under the wrong guard (political read as immigration or the reverse). */
  wrongGuard: LabelledUse[];
  mistakes: { use: LabelledUse; predicted: Verdict }[];
}

export function scoreEvaluationSet(uses: LabelledUse[]): Scores {
  const confusion = Object.fromEntries(VERDICTS.map((l) => [l, Object.fromEntries(VERDICTS.map((p) => [p, 0]))])) as Scores['confusion'];
  const wrongGuard: LabelledUse[] = [];
  const mistakes: Scores['mistakes'] = [];
  for (const use of uses) {
    const { verdict, topic } = verdictOf(use);
    confusion[use.label][verdict] += 1;
    if (verdict !== use.label) mistakes.push({ use, predicted: verdict });
    else if (verdict === 'block' && topic !== use.topic) wrongGuard.push(use);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const precision = Object.fromEntries(VERDICTS.map((v) => [v, ratio(confusion[v][v], VERDICTS.reduce((n, l) => n + confusion[l][v], 0))])) as Record<Verdict, number>;
  const recall = Object.fromEntries(VERDICTS.map((v) => [v, ratio(confusion[v][v], VERDICTS.reduce((n, p) => n + confusion[v][p], 0))])) as Record<Verdict, number>;
  return { confusion, precision, recall, wrongGuard, mistakes };
}

/** The confusion table as Markdown (docs/guards.md shows it). */
export function confusionTable(scores: Scores): string {
  const rows = VERDICTS.map((label) => `| ${label} | ${VERDICTS.map((p) => scores.confusion[label][p]).join(' | ')} | ${(scores.recall[label] * 100).toFixed(1)} % |`);
  const precision = `| precision | ${VERDICTS.map((p) => `${(scores.precision[p] * 100).toFixed(1)} %`).join(' | ')} | |`;
  return ['| labelled \\ read as | block | flag | allow | recall |', '|---|---|---|---|---|', ...rows, precision].join('\n');
}
