import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { createGovernanceSubgraph } from '../../subgraphs/governance';
import { startGateway, type RunningGateway } from '../../gateway/startGateway';
import { prepareDatabase } from '../../subgraphs/prepareDatabase';
import { serveSubgraph, type RunningService } from '../../subgraphs/serveSubgraph';
import { testContextKey } from '../harness/testContext';
import type { Database } from '../../platform/storage/Database';

/**
 * [P10] encryption in transit: with a certificate configured, the gateway serves HTTPS and calls
 * its subgraphs over HTTPS, trusting the configured CA. A self-signed pair made for the test.
 */
describe('TLS between client, gateway and subgraphs', () => {
  let folder: string;
  let cert: Buffer;
  let key: Buffer;
  let db: Database;
  let subgraph: RunningService;
  let gateway: RunningGateway;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'erms-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem'),
    ], { stdio: 'ignore' });
    cert = readFileSync(path.join(folder, 'cert.pem'));
    key = readFileSync(path.join(folder, 'key.pem'));
    const definition = createGovernanceSubgraph({ onDirectoryChange: () => undefined });
    ({ db } = await prepareDatabase(definition, { dataDir: folder, inMemory: true }, { seed: 1, persons: 10 }));
    const contextKey = await testContextKey();
    subgraph = await serveSubgraph(definition, db, {
      host: '127.0.0.1', port: 0, maxBodyBytes: 100_000, production: false, gatewayKeys: [contextKey.publicJwk], tls: { cert, key },
    });
    gateway = await startGateway({
      host: '127.0.0.1', port: 0, maxBodyBytes: 100_000, production: false,
      subgraphs: [{ name: 'governance', url: subgraph.url }],
      security: 'none', tls: { cert, key }, subgraphCa: cert,
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await subgraph?.close();
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves HTTPS only, and calls the subgraph over HTTPS trusting the configured CA', async () => {
    expect(gateway.url).toMatch(/^https:/);
    expect(subgraph.url).toMatch(/^https:/);
    const trusting = new Agent({ connect: { ca: cert } });
    const ready = await request(gateway.url.replace('/graphql', '/readyz'), { dispatcher: trusting });
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.json()).toEqual({ ready: true, status: 'ready', down: [], subgraphs: { governance: 'up' } });
    await trusting.close();
  });

  it('refuses plain HTTP on the TLS port, and a client that does not trust the certificate', async () => {
    const plain = gateway.url.replace('https:', 'http:').replace('/graphql', '/healthz');
    await expect(request(plain, { headersTimeout: 2000 })).rejects.toThrow();
    await expect(request(gateway.url.replace('/graphql', '/healthz'))).rejects.toThrow(/certificate/i);
  });
});
