import { parseArgs } from 'node:util';
import { GATEWAY_NAMES, type GatewayKey } from './summarizeComparison';

export const BENCH_USAGE =
  'usage: npm run bench -- [--duration 3] [--connections 16] [--persons 5000] [--rounds 10] [--operation name]... [--profile [a,b,c]] [--port 4400]';

/** What `npm run bench` was asked to do, checked before anything starts. */
export interface BenchOptions {
  /** Seconds per round. */
  duration: number;
  connections: number;
  persons: number;
  rounds: number;
  /** The operations to measure; all of them when none is named. */
  operations: string[];
  /** The gateways to run under `node --cpu-prof`. */
  profile: GatewayKey[];
  port: number;
}

/** A command line the benchmark cannot run: said before any process starts (exit code 2). */
export class BenchUsageError extends Error {}

/**
 * Reads `npm run bench`'s arguments. A typo must not cost minutes of starting and seeding and
 * then measure nothing (`--rounds ten` would run no round, an unknown operation none): every
 * value is checked here, and anything wrong is a `BenchUsageError` naming what is expected.
 */
export function benchOptions(args: readonly string[], operationNames: readonly string[]): BenchOptions {
  // `--profile` alone profiles (b).
  const argv = args.flatMap((arg, i, all) => (arg === '--profile' && (all[i + 1] ?? '--').startsWith('--') ? [arg, 'b'] : [arg]));
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        // Many short rounds rather than a few long ones: this machine's speed drifts within seconds,
        // and gateways measured close together share more of it (b/x is a median of per-round ratios).
        duration: { type: 'string', default: '3' },
        connections: { type: 'string', default: '16' },
        persons: { type: 'string', default: '5000' },
        rounds: { type: 'string', default: '10' },
        operation: { type: 'string', multiple: true },
        profile: { type: 'string' },
        // Clear of npm start's ports (4000-4010, provider simulators 4101-4105), so both can run.
        port: { type: 'string', default: '4400' },
      },
    }));
  } catch (error) {
    // node:util's TypeError (ERR_PARSE_ARGS_*), whose message says what was wrong.
    throw new BenchUsageError(`${(error as { message?: string }).message ?? String(error)}\n${BENCH_USAGE}`);
  }
  const operations = values.operation ?? [];
  const unknown = operations.filter((name) => !operationNames.includes(name));
  if (unknown.length) throw new BenchUsageError(`unknown --operation ${unknown.join(', ')}; the operations are: ${operationNames.join(', ')}`);
  const profile = (values.profile ?? '').split(',').filter(Boolean);
  const notGateways = profile.filter((key) => !Object.hasOwn(GATEWAY_NAMES, key));
  if (notGateways.length) throw new BenchUsageError(`--profile names gateways among ${Object.keys(GATEWAY_NAMES).join(', ')} (comma-separated), not ${notGateways.join(', ')}`);
  return {
    duration: whole('duration', values.duration, 1, 3600),
    connections: whole('connections', values.connections, 1, 1000),
    persons: whole('persons', values.persons, 1, 10_000_000),
    rounds: whole('rounds', values.rounds, 1, 1000),
    operations,
    profile: profile as GatewayKey[],
    // The gateways listen on port + 50 and + 60 (a, c) and the subgraphs just above port.
    port: whole('port', values.port, 1024, 65_000),
  };
}

function whole(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new BenchUsageError(`--${name} takes a whole number from ${min} to ${max}, not "${text}"\n${BENCH_USAGE}`);
  return value;
}
