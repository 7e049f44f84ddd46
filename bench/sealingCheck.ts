/**
 * [P12] What the owner-side sealing check costs on the persons search: `searchPersons` through
 * the complaints-arrests subgraph over HTTP, each match with the records the check filters (its
 * arrests, its complaints, their invoices) and the sealed cursors, one search at a time, as a
 * caller from whom sealed and juvenile records are hidden (analyst) and as one who sees them all
 * (IAB on an audit). Prints p50 and p99 per caller, per run. `CHECK_ALONE=1`: the check alone,
 * in process (the record rules and the cursor sealing of one page), without HTTP or the store.
 *
 *   PERSONS=5000 RUNS=3 npx tsx bench/sealingCheck.ts
 *   CHECK_ALONE=1 RUNS=3 npx tsx bench/sealingCheck.ts
 */
import { Random } from '../synthetic/Random';
import { fullName, personAt, type World } from '../synthetic/world';
import type { SubgraphCallContext } from '../platform/identity/subgraphContextToken';
import { randomBytes } from 'node:crypto';
import { createCursorCipher } from '../platform/identity/cursorCipher';
import { evaluateRule } from '../policy/evaluateRule';
import { juvenileRecordVisible, sealedRecordVisible } from '../policy/rules';
import { policyContext } from '../policy/Subject';
import { startTestSubgraph } from '../test/harness/startTestSubgraph';
import { ALL_TRAININGS } from '../test/harness/testContext';

const QUERY = `query S($name: String!) { searchPersons(name: $name, first: 10) { edges { cursor node { id
  arrests { number } complaints { complaint { number } } } } } }`;

const caller = (roles: SubgraphCallContext['subject']['roles'], code: 'CRIMINAL_INVESTIGATION' | 'AUDIT'): SubgraphCallContext => ({
  requestId: 'bench-sealing',
  subject: { id: 'bench', kind: 'USER', roles, command: 'BENCH', assignment: 'BENCH', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ALL_TRAININGS },
  purpose: { code, caseNumber: 'BENCH-1' },
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * The check alone, in process, per page of ten matches: the owner's two record rules on each
 * record (the subgraph's record filter), and each edge's cursor sealed, then opened as `after`.
 */
async function checkAlone(runs: number): Promise<void> {
  const analyst = caller(['ANALYST'], 'CRIMINAL_INVESTIGATION');
  const policy = policyContext({ ...analyst.subject, displayName: 'bench', remote: false, mfa: false }, { ...analyst.purpose!, justification: '' });
  const records = Array.from({ length: 10 }, (_, i) => ({ sealed: i % 5 === 0, juvenile: i % 7 === 0 }));
  const cipher = createCursorCipher(randomBytes(32), 'complaints-arrests');
  const cursors = records.map((_, i) => Buffer.from(JSON.stringify([0.5 + i / 100, `P0000000${i}`])).toString('base64url'));
  for (let run = 1; run <= runs; run++) {
    const rules: number[] = [];
    const sealing: number[] = [];
    for (let page = 0; page < 2000; page++) {
      let started = process.hrtime.bigint();
      for (const record of records) {
        await evaluateRule(sealedRecordVisible, policy, record);
        await evaluateRule(juvenileRecordVisible, policy, record);
      }
      rules.push(Number(process.hrtime.bigint() - started) / 1e3);
      started = process.hrtime.bigint();
      for (const cursor of cursors) cipher.open(cipher.seal(cursor));
      sealing.push(Number(process.hrtime.bigint() - started) / 1e3);
    }
    for (const [label, times] of [['record rules, 10 records', rules], ['cursor seal + open, 10 edges', sealing]] as const) {
      times.sort((a, b) => a - b);
      console.log(`run ${run} check alone, ${label}: p50 ${percentile(times, 50).toFixed(1)} µs, p99 ${percentile(times, 99).toFixed(1)} µs`);
    }
  }
}

async function main(): Promise<void> {
  if (process.env.CHECK_ALONE) return checkAlone(Number(process.env.RUNS ?? 3));
  const world: World = { seed: 7, persons: Number(process.env.PERSONS ?? 5000) };
  const runs = Number(process.env.RUNS ?? 3);
  const subgraph = await startTestSubgraph('complaints-arrests', 'pglite', world);
  try {
    const rng = new Random(world.seed, 'bench-sealing');
    const names = Array.from({ length: 300 }, () => fullName(personAt(world, rng.int(0, world.persons - 1))));
    const callers = { analyst: caller(['ANALYST'], 'CRIMINAL_INVESTIGATION'), iab: caller(['IAB'], 'AUDIT') };
    for (const name of names.slice(0, 30)) await subgraph.queryAs(callers.analyst, QUERY, { name });
    for (let run = 1; run <= runs; run++) {
      for (const [label, who] of Object.entries(callers)) {
        const times: number[] = [];
        for (const name of names) {
          const started = process.hrtime.bigint();
          const answer = await subgraph.queryAs(who, QUERY, { name });
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (answer.errors) throw new Error(JSON.stringify(answer.errors));
        }
        times.sort((a, b) => a - b);
        console.log(`run ${run} ${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms (${times.length} searches)`);
      }
    }
  } finally {
    await subgraph.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
