/**
 * `npx tsx bench/guardIntentCost.ts [evaluations]`: the intent reader's cost per request, p50
 * and p99 in microseconds, over the evaluation set (policy/intent/evaluationSet.jsonl), each
 * evaluation reading one request's texts for both guards (immigration, Handschu) with no cache,
 * as for a client whose justification changes every request. Prints the confusion table too.
 */
import { readTexts } from '../gateway/stages/guards/readRequestIntent';
import { confusionTable, loadEvaluationSet, scoreEvaluationSet, textsOf } from '../test/intent/scoreIntent';

const evaluations = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(evaluations) || evaluations < 1) throw new Error('usage: guardIntentCost.ts [evaluations, a whole number]');

const uses = loadEvaluationSet();
const texts = uses.map(textsOf);
for (let i = 0; i < 2_000; i++) readTexts(texts[i % texts.length]!); // warm the JIT
const micros: number[] = [];
for (let i = 0; i < evaluations; i++) {
  const request = texts[i % texts.length]!;
  const start = process.hrtime.bigint();
  readTexts(request);
  micros.push(Number(process.hrtime.bigint() - start) / 1_000);
}
micros.sort((a, b) => a - b);
const at = (q: number) => micros[Math.min(micros.length - 1, Math.floor(q * micros.length))]!.toFixed(1);
console.log(`${evaluations} evaluations over ${uses.length} labelled uses: p50 ${at(0.5)} µs, p99 ${at(0.99)} µs per request`);
console.log(confusionTable(scoreEvaluationSet(uses)));
