/**
 * `npm run bench:partners -- [--count 300] [--runs 3]`
 *
 * What a partner's trusted-document request costs against the same operation sent as text by
 * an internal user [P14], in the same run: the whole stack in this process (PGlite in memory,
 * the test harness's stack), one request at a time, the two kinds interleaved so both meet the
 * same conditions. The partner's path adds: the agreement (cached), the approved operation by
 * hash (cached), the daily count (one upsert per request), the agreement in the signed context.
 * Reported per run: p50/p99 of each kind and the added latency; then the median of the runs
 * and the spread (min–max). Numbers to read, no assertion; stdout and bench/results/.
 */
import { parseArgs } from 'node:util';
import { postBody } from '../test/harness/startTestSubgraph';
import { purposeHeaders, startTestStack } from '../test/harness/startTestStack';
import { byHash, DA, exampleOperations, PROSECUTION, publish } from '../test/partners/partnerRequests';
import { writeResults } from './benchProcesses';

const { values } = parseArgs({ options: { count: { type: 'string', default: '300' }, runs: { type: 'string', default: '3' } } });
const COUNT = Number(values.count);
const RUNS = Number(values.runs);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (ms: number) => Math.round(ms * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface RunResult {
  trustedDocument: { p50: number; p99: number };
  internalText: { p50: number; p99: number };
  addedP50: number;
  addedP99: number;
}

async function timed(run: () => Promise<{ status: number; errors?: unknown }>): Promise<number> {
  const started = process.hrtime.bigint();
  const result = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 200 || result.errors) throw new Error(`a request failed: ${JSON.stringify(result)}`);
  return ms;
}

async function main(): Promise<void> {
  const stack = await startTestStack('pglite', { seed: 7, persons: 400 });
  try {
    const file = exampleOperations(DA).find((f) => f.file === 'RecentArrests.graphql')!;
    const ids = await publish(stack, { agreement: DA }, [file]);
    const partnerHeaders = { authorization: `Bearer ${await stack.token('partner-da')}`, ...purposeHeaders(PROSECUTION) };
    const internalHeaders = { authorization: `Bearer ${await stack.token('detective')}`, ...purposeHeaders(PROSECUTION) };
    const variables = { first: 3 };
    const trusted = JSON.stringify(byHash(ids.RecentArrests!, variables));
    const text = JSON.stringify({ query: file.text, variables });
    const partner = () => timed(() => postBody(stack.gateway.url, trusted, partnerHeaders));
    const internal = () => timed(() => postBody(stack.gateway.url, text, internalHeaders));
    for (let i = 0; i < 50; i++) {
      await partner();
      await internal();
    }
    const runs: RunResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t: number[] = [];
      const x: number[] = [];
      for (let i = 0; i < COUNT; i++) {
        // Alternate which goes first, so neither always follows the other.
        if (i % 2) {
          t.push(await partner());
          x.push(await internal());
        } else {
          x.push(await internal());
          t.push(await partner());
        }
      }
      t.sort((a, b) => a - b);
      x.sort((a, b) => a - b);
      const r: RunResult = {
        trustedDocument: { p50: round(percentile(t, 50)), p99: round(percentile(t, 99)) },
        internalText: { p50: round(percentile(x, 50)), p99: round(percentile(x, 99)) },
        addedP50: round(percentile(t, 50) - percentile(x, 50)),
        addedP99: round(percentile(t, 99) - percentile(x, 99)),
      };
      console.log(`run ${run + 1}: trusted document p50 ${r.trustedDocument.p50} ms p99 ${r.trustedDocument.p99} ms; internal text p50 ${r.internalText.p50} ms p99 ${r.internalText.p99} ms; added p50 ${r.addedP50} ms p99 ${r.addedP99} ms`);
      runs.push(r);
    }
    const spread = (pick: (r: RunResult) => number) => ({ median: round(median(runs.map(pick))), min: round(Math.min(...runs.map(pick))), max: round(Math.max(...runs.map(pick))) });
    const results = {
      count: COUNT,
      runs: RUNS,
      trustedDocumentP50: spread((r) => r.trustedDocument.p50),
      trustedDocumentP99: spread((r) => r.trustedDocument.p99),
      internalTextP50: spread((r) => r.internalText.p50),
      internalTextP99: spread((r) => r.internalText.p99),
      addedP50: spread((r) => r.addedP50),
      addedP99: spread((r) => r.addedP99),
      perRun: runs,
    };
    console.log(JSON.stringify(results, null, 2));
    writeResults('trustedDocumentLatency', results);
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
