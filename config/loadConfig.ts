import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration, read once from the environment at start-up, validated, then passed down.
 * Nothing else reads `process.env`.
 */
export const SUBGRAPH_NAMES = ['complaints-arrests', 'calls', 'warrants'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(4000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SEED: z.coerce.number().int().default(20261125),
  PERSONS: z.coerce.number().int().min(10).max(20_000_000).default(5000),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface SubgraphConfig {
  name: SubgraphName;
  port: number;
  /** The URL the gateway calls. */
  url: string;
  databaseUrl?: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  gatewayPort: number;
  dataDir: string;
  seed: number;
  persons: number;
  maxBodyBytes: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  subgraphs: Record<SubgraphName, SubgraphConfig>;
}

/** `complaints-arrests` → `COMPLAINTS_ARRESTS` (for `<NAME>_PORT`, `<NAME>_URL`, `DATABASE_URL_<NAME>`). */
export const envNameOf = (name: string) => name.toUpperCase().replace(/-/g, '_');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const base = parsed.data;
  const subgraphs = {} as Record<SubgraphName, SubgraphConfig>;
  SUBGRAPH_NAMES.forEach((name, i) => {
    const key = envNameOf(name);
    const subgraphPort = port.parse(env[`${key}_PORT`] ?? base.PORT + 1 + i);
    subgraphs[name] = {
      name,
      port: subgraphPort,
      url: env[`${key}_URL`] ?? `http://${base.HOST}:${subgraphPort}/graphql`,
      databaseUrl: env[`DATABASE_URL_${key}`] ?? base.DATABASE_URL,
    };
  });
  return {
    env: base.NODE_ENV,
    host: base.HOST,
    gatewayPort: base.PORT,
    dataDir: path.resolve(base.DATA_DIR),
    seed: base.SEED,
    persons: base.PERSONS,
    maxBodyBytes: base.MAX_BODY_BYTES,
    logLevel: base.LOG_LEVEL,
    subgraphs,
  };
}
