import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { z } from 'zod';
import { loadLimitsConfig, type LimitsConfig } from './loadLimitsConfig';
import { loadCommercialConfig, type CommercialConfig } from './loadCommercialConfig';
import { DEFAULT_VARIABLE_LIMITS, type VariableLimits } from '../http/variablesOverLimit';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/names';

/**
 * All configuration, read once from the environment at start-up, validated, then passed down.
 * Nothing else reads `process.env`.
 */

/** Default ports: gateway 4000, then one per subgraph; the provider simulators from 4101. */
const DEFAULT_PORT_OFFSET: Record<SubgraphName, number> = { 'complaints-arrests': 1, calls: 2, warrants: 3, commercial: 4, governance: 10 };

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
  /** PostgreSQL cancels a record store's statement after this long (0: never); PGlite cannot (docs/limits.md). */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** A request's variables: how deeply nested, and how large as JSON, before any subgraph is called. */
  MAX_VARIABLES_DEPTH: z.coerce.number().int().min(2).max(1000).default(DEFAULT_VARIABLE_LIMITS.maxDepth),
  MAX_VARIABLES_BYTES: z.coerce.number().int().positive().default(DEFAULT_VARIABLE_LIMITS.maxBytes),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
  OIDC_ALGORITHMS: z.string().default('RS256,ES256'),
  /** The console's sign-in at the identity provider (authorization code with PKCE): its public client id and endpoints. */
  OIDC_CONSOLE_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_AUTHORIZATION_ENDPOINT: z.string().url().optional(),
  OIDC_TOKEN_ENDPOINT: z.string().url().optional(),
  OIDC_CONSOLE_SCOPES: z.string().default('openid profile'),
  /** How long the gateway trusts a directory read [P8: changes apply within a minute]. */
  DIRECTORY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(30_000),
  // [P14] internal clients (directory ids, comma-separated) that run only their published operations.
  TRUSTED_DOCUMENT_CLIENTS: z.string().default(''),
  /** How long the gateway waits for one subgraph call before answering without it. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Production subgraphs: the gateway's context-signing public key, as a JWK (JSON). */
  GATEWAY_CONTEXT_PUBLIC_JWK: z.string().optional(),
  /** [P18] 32 bytes, base64: page cursors are sealed with it; every replica of a subgraph needs the same (default: DATA_DIR/keys/cursor.key). */
  CURSOR_KEY: z.string().optional(),
  /** [P10] PEM files: with a certificate and key, every service speaks HTTPS only. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** A CA to trust for calls between services (the department's own CA). */
  TLS_CA_FILE: z.string().optional(),
  /** [P14] the gateway asks clients for a certificate (partner agreements that bind one: mutual TLS). */
  TLS_REQUEST_CLIENT_CERTIFICATE: z.enum(['0', '1']).default('0'),
  /** [P18] audit events are kept live this many months (at least a year) before a month may be archived. */
  AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(12, 'audit records are kept at least 12 months').default(24),
  /** Where `npm run audit:archive` writes archived months (default DATA_DIR/audit-archive). */
  AUDIT_ARCHIVE_DIR: z.string().optional(),
  /** A signed checkpoint of the audit chain every this many events, or this often. */
  AUDIT_CHECKPOINT_EVERY_EVENTS: z.coerce.number().int().min(1).default(1000),
  AUDIT_CHECKPOINT_EVERY_MS: z.coerce.number().int().min(1000).default(600_000),
  /** Production: the checkpoint key's public JWK, for `npm run audit:verify` (else read under DATA_DIR/keys). */
  AUDIT_CHECKPOINT_PUBLIC_JWK: z.string().optional(),
  /** [P18] uses unacknowledged by a supervisor after this many hours are listed as overdue. */
  REVIEW_OVERDUE_HOURS: z.coerce.number().int().min(1).default(72),
  /** Saved-query exports: kept this many days, then removed; written under EXPORTS_DIR (default DATA_DIR/exports). */
  EXPORT_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  EXPORTS_DIR: z.string().optional(),
  /** How often the gateway looks for due saved-query schedules (0: no scheduler in this process). */
  SAVED_QUERY_SCHEDULER_MS: z.coerce.number().int().min(0).default(60_000),
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
  /** Longest a record store's statement may run on PostgreSQL, in ms (0: no limit). */
  statementTimeoutMs: number;
  variableLimits: VariableLimits;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  subgraphs: Record<SubgraphName, SubgraphConfig>;
  /** Production identity provider; absent in the embedded default, which uses a local issuer. */
  oidc?: {
    issuer: string; audience: string; jwksUrl: string; algorithms: string[];
    /** The console signs in with authorization code and PKCE at these endpoints; absent: no console sign-in. */
    console?: { clientId: string; authorizationEndpoint: string; tokenEndpoint: string; scopes: string[] };
  };
  directoryCacheMs: number;
  /** Internal clients held to their published operations (trusted documents), by directory id. */
  trustedDocumentClients: string[];
  subgraphTimeoutMs: number;
  gatewayContextPublicKey?: JWK;
  /** [P18] the key page cursors are sealed with (CURSOR_KEY); absent: DATA_DIR/keys/cursor.key. */
  cursorKey?: Buffer;
  tls?: { cert: Buffer; key: Buffer; ca?: Buffer };
  /** [P14] the gateway asks clients for a certificate (mutual TLS bound to a partner agreement). */
  requestClientCertificate: boolean;
  /** The per-user rate limit and overrides of the operation limits (platform/config/loadLimitsConfig.ts). */
  limits: LimitsConfig;
  /** The commercial providers: endpoints, keys, rates, permissible purposes, cache, resilience [P3]. */
  commercial: CommercialConfig;
  /** [P18] the audit trail: retention, archive, checkpoints, supervisors' review. */
  audit: {
    retentionMonths: number;
    archiveDir: string;
    checkpointEveryEvents: number;
    checkpointEveryMs: number;
    checkpointPublicKey?: JWK;
    reviewOverdueHours: number;
  };
  /** Analysts' saved queries: exports' lifetime and place, and the scheduler's period. */
  savedQueries: { exportTtlDays: number; exportsDir: string; schedulerEveryMs: number };
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
  if (!!base.TLS_CERT_FILE !== !!base.TLS_KEY_FILE) throw new Error('invalid configuration: set both TLS_CERT_FILE and TLS_KEY_FILE, or neither');
  const tls = base.TLS_CERT_FILE
    ? { cert: readFileSync(base.TLS_CERT_FILE), key: readFileSync(base.TLS_KEY_FILE!), ca: base.TLS_CA_FILE ? readFileSync(base.TLS_CA_FILE) : undefined }
    : undefined;
  const scheme = tls ? 'https' : 'http';
  const subgraphs = {} as Record<SubgraphName, SubgraphConfig>;
  SUBGRAPH_NAMES.forEach((name) => {
    const key = envNameOf(name);
    const subgraphPort = port.parse(env[`${key}_PORT`] ?? base.PORT + DEFAULT_PORT_OFFSET[name]);
    subgraphs[name] = {
      name,
      port: subgraphPort,
      url: env[`${key}_URL`] ?? `${scheme}://${base.HOST}:${subgraphPort}/graphql`,
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
    statementTimeoutMs: base.STATEMENT_TIMEOUT_MS,
    variableLimits: { maxDepth: base.MAX_VARIABLES_DEPTH, maxBytes: base.MAX_VARIABLES_BYTES },
    logLevel: base.LOG_LEVEL,
    subgraphs,
    oidc: oidcOf(base),
    directoryCacheMs: base.DIRECTORY_CACHE_MS,
    trustedDocumentClients: base.TRUSTED_DOCUMENT_CLIENTS.split(',').map((id) => id.trim()).filter(Boolean),
    subgraphTimeoutMs: base.SUBGRAPH_TIMEOUT_MS,
    gatewayContextPublicKey: base.GATEWAY_CONTEXT_PUBLIC_JWK ? (JSON.parse(base.GATEWAY_CONTEXT_PUBLIC_JWK) as JWK) : undefined,
    cursorKey: cursorKeyOf(base.CURSOR_KEY),
    tls,
    requestClientCertificate: base.TLS_REQUEST_CLIENT_CERTIFICATE === '1',
    limits: loadLimitsConfig(env, { production: base.NODE_ENV === 'production' }),
    commercial: loadCommercialConfig(env, { production: base.NODE_ENV === 'production', host: base.HOST, gatewayPort: base.PORT, scheme }),
    audit: {
      retentionMonths: base.AUDIT_RETENTION_MONTHS,
      archiveDir: path.resolve(base.AUDIT_ARCHIVE_DIR ?? path.join(base.DATA_DIR, 'audit-archive')),
      checkpointEveryEvents: base.AUDIT_CHECKPOINT_EVERY_EVENTS,
      checkpointEveryMs: base.AUDIT_CHECKPOINT_EVERY_MS,
      checkpointPublicKey: base.AUDIT_CHECKPOINT_PUBLIC_JWK ? (JSON.parse(base.AUDIT_CHECKPOINT_PUBLIC_JWK) as JWK) : undefined,
      reviewOverdueHours: base.REVIEW_OVERDUE_HOURS,
    },
    savedQueries: {
      exportTtlDays: base.EXPORT_TTL_DAYS,
      exportsDir: path.resolve(base.EXPORTS_DIR ?? path.join(base.DATA_DIR, 'exports')),
      schedulerEveryMs: base.SAVED_QUERY_SCHEDULER_MS,
    },
  };
}

function oidcOf(base: z.infer<typeof EnvSchema>): Config['oidc'] {
  const given = [base.OIDC_ISSUER, base.OIDC_AUDIENCE, base.OIDC_JWKS_URL].filter(Boolean).length;
  if (given === 0) {
    // Fail closed: production never falls back to the development issuer.
    if (base.NODE_ENV === 'production') throw new Error('invalid configuration: production needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL');
    return undefined;
  }
  if (given < 3) throw new Error('invalid configuration: set all of OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or none');
  const algorithms = base.OIDC_ALGORITHMS.split(',').map((a) => a.trim()).filter(Boolean);
  if (algorithms.some((a) => a === 'none' || a.startsWith('HS'))) {
    throw new Error('invalid configuration: OIDC_ALGORITHMS must be asymmetric (RS*, PS*, ES*, EdDSA)');
  }
  return { issuer: base.OIDC_ISSUER!, audience: base.OIDC_AUDIENCE!, jwksUrl: base.OIDC_JWKS_URL!, algorithms, console: consoleSignInOf(base) };
}

/** [P9] The console's OIDC client: all three settings or none (then the console offers no sign-in). */
function consoleSignInOf(base: z.infer<typeof EnvSchema>): NonNullable<Config['oidc']>['console'] {
  const { OIDC_CONSOLE_CLIENT_ID: clientId, OIDC_AUTHORIZATION_ENDPOINT: authorizationEndpoint, OIDC_TOKEN_ENDPOINT: tokenEndpoint } = base;
  const given = [clientId, authorizationEndpoint, tokenEndpoint].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 3) throw new Error('invalid configuration: set all of OIDC_CONSOLE_CLIENT_ID, OIDC_AUTHORIZATION_ENDPOINT and OIDC_TOKEN_ENDPOINT, or none');
  if (base.NODE_ENV === 'production' && [authorizationEndpoint!, tokenEndpoint!].some((url) => new URL(url).protocol !== 'https:')) {
    throw new Error('invalid configuration: in production the identity provider\'s endpoints are https');
  }
  const scopes = base.OIDC_CONSOLE_SCOPES.split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) scopes.unshift('openid');
  return { clientId: clientId!, authorizationEndpoint: authorizationEndpoint!, tokenEndpoint: tokenEndpoint!, scopes };
}

function cursorKeyOf(base64: string | undefined): Buffer | undefined {
  if (base64 === undefined) return undefined;
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('invalid configuration: CURSOR_KEY must be 32 bytes in base64 (AES-256)');
  return key;
}
