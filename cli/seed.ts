/**
 * `npm run seed -- --persons 1000000 [--seed 42] [--subgraph calls]`: empties the record stores
 * and fills them again from the synthetic world, on PGlite (DATA_DIR) or DATABASE_URL.
 * Each subgraph seeds in its own process, so they run side by side.
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config/loadConfig';
import { RECORD_SUBGRAPHS, type RecordSubgraphName } from '../subgraphs/names';
import { SUBGRAPHS } from '../subgraphs/catalog';
import { prepareDatabase } from '../subgraphs/prepareDatabase';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run seed -- [--persons N] [--seed S] [--subgraph NAME]

Empties the record stores and fills them again from the synthetic world (deterministic for a
seed), on PGlite under DATA_DIR or on DATABASE_URL. Stop npm start first on the embedded default.
`);

const { values } = parseArgs({
  options: {
    persons: { type: 'string' },
    seed: { type: 'string' },
    subgraph: { type: 'string', multiple: true },
  },
});

async function seedOne(name: RecordSubgraphName, persons: number, seed: number): Promise<void> {
  const config = loadConfig();
  const definition = await SUBGRAPHS[name]();
  const started = Date.now();
  const { db } = await prepareDatabase(
    definition,
    { dataDir: config.dataDir, databaseUrl: config.subgraphs[name].databaseUrl },
    { seed, persons },
    { reseed: true, progress: (message) => console.log(`[${name}] ${message}`) },
  );
  await db.close();
  console.log(`[${name}] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const persons = values.persons ? Number(values.persons) : config.persons;
  const seed = values.seed ? Number(values.seed) : config.seed;
  if (!Number.isInteger(persons) || persons < 10) throw new Error('--persons must be a whole number of at least 10');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const names = (values.subgraph ?? [...RECORD_SUBGRAPHS]) as RecordSubgraphName[];
  for (const name of names) if (!RECORD_SUBGRAPHS.includes(name)) throw new Error(`unknown subgraph: ${name}`);
  if (names.length === 1) return seedOne(names[0]!, persons, seed);
  const started = Date.now();
  console.log(`seeding ${names.join(', ')} with ${persons} persons (seed ${seed})`);
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(__filename, ['--subgraph', name, '--persons', String(persons), '--seed', String(seed)], {
            execArgv: ['--import', 'tsx'],
          });
          child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} seeding failed (exit ${code})`))));
        }),
    ),
  );
  console.log(`all seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
