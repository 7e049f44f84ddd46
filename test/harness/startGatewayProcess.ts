import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { envNameOf } from '../../platform/config/loadConfig';
import { issueDevelopmentToken } from '../../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair, type KeyPair } from '../../platform/identity/localKeys';
import type { SubgraphEndpoint } from '../../schema/composeSupergraph';
import type { Database } from '../../platform/storage/Database';
import { openDatabase } from '../../platform/storage/openDatabase';

const SERVE = path.join(__dirname, '..', '..', 'cli', 'serve.ts');

/** Where a gateway process keeps its governance store and keys, made before it starts. */
export interface GatewayHome {
  dataDir: string;
  /** The key it signs subgraph contexts with: subgraphs must trust it. */
  contextKey: KeyPair;
  /** The local development issuer it trusts. */
  issuerKey: KeyPair;
  /** PostgreSQL for the governance store; PGlite under `dataDir` when absent. */
  governanceDatabaseUrl?: string;
  remove(): void;
}

export async function createGatewayHome(governanceDatabaseUrl?: string): Promise<GatewayHome> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'erms-gateway-'));
  return {
    dataDir,
    contextKey: await loadOrCreateKeyPair(dataDir, 'gateway-context', 'EdDSA'),
    issuerKey: await loadOrCreateKeyPair(dataDir, 'local-issuer', 'ES256'),
    governanceDatabaseUrl,
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface GatewayProcess {
  url: string;
  pid: number;
  token(userId: string): Promise<string>;
  /** Settles when the process has exited, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM if still running, and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * The gateway as `npm start` runs it (`cli/serve.ts gateway`: its own process, its governance
 * store on disk or PostgreSQL), calling the subgraphs at the URLs given. For what only a real
 * process shows: signals, SIGKILL, draining, a store reopened after a crash.
 */
export async function startGatewayProcess(home: GatewayHome, subgraphs: readonly SubgraphEndpoint[], env: Record<string, string> = {}): Promise<GatewayProcess> {
  // The test's own DATABASE_URL (if any) must not move the gateway's store: the home decides.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = fork(SERVE, ['gateway'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...inherited,
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: '0',
      GOVERNANCE_PORT: String(await freePort()),
      DATA_DIR: home.dataDir,
      ...(home.governanceDatabaseUrl ? { DATABASE_URL_GOVERNANCE: home.governanceDatabaseUrl } : {}),
      ...Object.fromEntries(subgraphs.map(({ name, url }) => [`${envNameOf(name)}_URL`, url])),
      ...env,
    },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    void exited.then(({ code }) => reject(new Error(`the gateway process exited (${code}) before it was ready`)));
  });
  return {
    url,
    pid: child.pid!,
    token: (userId) => issueDevelopmentToken(home.issuerKey, { userId }),
    exited,
    kill: (signal) => child.kill(signal),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The governance store a gateway process wrote; for PGlite, open it only once that process has exited. */
export function openGovernanceStore(home: GatewayHome): Promise<Database> {
  return openDatabase({ schema: 'governance', dataDir: home.dataDir, databaseUrl: home.governanceDatabaseUrl });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
