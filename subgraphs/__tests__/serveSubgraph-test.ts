import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createGovernanceSubgraph } from '../governance';
import type { Database } from '../../platform/storage/Database';
import { postSignedGraphQL } from '../../test/harness/startTestSubgraph';
import { AUDITOR, testContextKey } from '../../test/harness/testContext';
import { prepareDatabase } from '../prepareDatabase';
import { serveSubgraph, type RunningService } from '../serveSubgraph';

/**
 * [P5] A refused call is visible to operators: logged with its reason, id and caller, and
 * counted by reason on the subgraph's /metrics. The governance subgraph stands in for any.
 */
describe('a subgraph refusing a gateway context', () => {
  let folder: string;
  let db: Database;
  let subgraph: RunningService;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'context-serve-'));
    const definition = createGovernanceSubgraph({ onDirectoryChange: () => undefined });
    ({ db } = await prepareDatabase(definition, { dataDir: folder, inMemory: true }, { seed: 1, persons: 10 }));
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    subgraph = await serveSubgraph(definition, db, {
      host: '127.0.0.1', port: 0, maxBodyBytes: 100_000, production: false, gatewayKeys: [(await testContextKey()).publicJwk], logger,
    });
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers a call signed for it, and refuses one signed for another subgraph: logged and counted', async () => {
    const answered = await postSignedGraphQL(subgraph.url, 'governance', AUDITOR, '{ me { id } }');
    expect(answered.data).toEqual({ me: { id: 'iab' } });
    const refused = await postSignedGraphQL(subgraph.url, 'warrants', AUDITOR, '{ me { id } }');
    expect(refused.status).toBe(403);
    expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['FORBIDDEN', 'wrong-audience']]);
    expect(lines).toEqual([expect.objectContaining({ msg: 'gateway context refused', reason: 'wrong-audience', subject: 'iab', jti: expect.any(String) })]);
    const metrics = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toContain('erms_subgraph_context_refusals_total{subgraph="governance",reason="wrong-audience"} 1');
  });
});
