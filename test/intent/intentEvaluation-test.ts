import { confusionTable, loadEvaluationSet, scoreEvaluationSet, VERDICTS, type LabelledUse } from './scoreIntent';

/**
 * [P15, P6, SPEC §4] The intent reader against labelled justifications written from police
 * narratives (policy/intent/evaluationSet.jsonl): no enforcement use may pass, and ordinary
 * police work is almost never refused. Below the bar, the failing rows are printed.
 */
const uses = loadEvaluationSet();
const scores = scoreEvaluationSet(uses);
const list = (rows: { use: LabelledUse; predicted: string }[]) => rows.map((r) => `${r.use.label} read as ${r.predicted}: ${r.use.justification} [${r.use.caseNumber}]`).join('\n');

describe('the intent reader on the evaluation set', () => {
  it('has at least 300 labelled uses of each kind the issue names', () => {
    expect(uses.length).toBeGreaterThanOrEqual(300);
    for (const verdict of VERDICTS) expect(uses.filter((u) => u.label === verdict).length).toBeGreaterThanOrEqual(40);
    expect(uses.filter((u) => u.label === 'block' && u.topic === 'political').length).toBeGreaterThanOrEqual(15);
  });

  it('refuses every enforcement use (recall on block = 100 %)', () => {
    expect(list(scores.mistakes.filter((m) => m.use.label === 'block'))).toBe('');
    expect(scores.recall.block).toBe(1);
  });

  it('refuses at most 1 % of ordinary police work', () => {
    const allowed = uses.filter((u) => u.label === 'allow').length;
    expect(scores.confusion.allow.block / allowed).toBeLessThanOrEqual(0.01);
  });

  it('refuses under the right rule (immigration or Handschu)', () => {
    expect(scores.wrongGuard.map((u) => u.justification)).toEqual([]);
  });

  it.each(VERDICTS.map((v) => [v] as const))('keeps precision and recall of %s at 95 % or more', (verdict) => {
    if (scores.precision[verdict] < 0.95 || scores.recall[verdict] < 0.95) console.log(`${confusionTable(scores)}\n${list(scores.mistakes)}`);
    expect(scores.precision[verdict]).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall[verdict]).toBeGreaterThanOrEqual(0.95);
  });
});
