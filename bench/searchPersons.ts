/**
 * Latency of `searchPersons` on a seeded store, measured the way a user meets it: one search
 * at a time, over names people actually type (primary names, spelling variants, typos, aliases,
 * surnames alone, and some narrowed by date of birth).
 *
 *   DATABASE_URL=postgres://... PERSONS=1000000 npm run bench:search
 *
 * Seeds the store first when it holds no world yet (minutes at a million persons).
 */
import { loadConfig } from '../platform/config/loadConfig';
import { prepareDatabase } from '../subgraphs/prepareDatabase';
import { Random } from '../synthetic/Random';
import { fullName, personAt, type World } from '../synthetic/world';
import { complaintsArrests } from '../subgraphs/complaints-arrests';
import { searchPersons } from '../subgraphs/complaints-arrests/searchPersons';

/** A dropped or swapped letter, as a clerk slips. */
function misspelled(rng: Random, name: string): string {
  if (name.length < 4) return name;
  const at = rng.int(1, name.length - 3);
  return rng.chance(0.5) ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

function sampleQueries(world: World, count: number): { name: string; dateOfBirth?: string }[] {
  const rng = new Random(world.seed, 'bench-search');
  return Array.from({ length: count }, () => {
    const person = personAt(world, rng.int(0, world.persons - 1));
    const kind = rng.int(0, 9);
    if (kind < 3) return { name: fullName(person) };
    if (kind < 5 && person.spellingVariants.length) return { name: rng.pick(person.spellingVariants) };
    if (kind < 7) return { name: `${person.firstName} ${misspelled(rng, person.lastName)}` };
    if (kind < 8 && person.aliases.length) return { name: rng.pick(person.aliases) };
    if (kind < 9) return { name: person.lastName };
    return { name: fullName(person), dateOfBirth: person.dateOfBirth };
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const config = loadConfig();
  const world: World = { seed: config.seed, persons: config.persons };
  const { db, world: held } = await prepareDatabase(
    complaintsArrests,
    { dataDir: config.dataDir, databaseUrl: config.subgraphs['complaints-arrests'].databaseUrl },
    world,
    { progress: (message) => console.error(message) },
  );
  const queries = sampleQueries(held, 400);
  for (const query of queries.slice(0, 40)) await searchPersons(db, { ...query, first: 10 });
  const report = async (label: string, run: (query: (typeof queries)[number]) => Promise<unknown>) => {
    const times: number[] = [];
    for (const query of queries) {
      const started = process.hrtime.bigint();
      await run(query);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`);
  };
  console.log(`${db.engine}, ${held.persons} persons, ${(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person_name'))[0]!.n} names`);
  await report('first 10', (query) => searchPersons(db, { ...query, first: 10 }));
  await report('first 10 + totalCount', async (query) => (await searchPersons(db, { ...query, first: 10 })).totalCount());
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
