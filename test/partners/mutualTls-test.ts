import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { byHash, exampleOperations, INVESTIGATION, NEIGHBOUR, publish } from './partnerRequests';

/**
 * [P14] Mutual TLS bound to an agreement: where the agreement carries a client certificate's
 * SHA-256, its client's token is honoured only over a connection presenting that certificate.
 */
describe('mutual TLS bound to a partner agreement [P14]', () => {
  let folder: string;
  let stack: TestStack;
  let hash: string;
  const pair = (name: string) => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', path.join(folder, `${name}-key.pem`), '-out', path.join(folder, `${name}.pem`),
    ], { stdio: 'ignore' });
    return { cert: readFileSync(path.join(folder, `${name}.pem`)), key: readFileSync(path.join(folder, `${name}-key.pem`)) };
  };
  let server: { cert: Buffer; key: Buffer };
  let partner: { cert: Buffer; key: Buffer };
  let stranger: { cert: Buffer; key: Buffer };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'partners-mtls-'));
    server = pair('gateway');
    partner = pair('partner-npd');
    stranger = pair('someone-else');
    stack = await startTestStack('pglite', undefined, { gateway: { tls: { ...server, requestClientCertificate: true } } });
    const fingerprint = createHash('sha256').update(new X509Certificate(partner.cert).raw).digest('hex');
    await stack.governanceDb.query('UPDATE agreement SET certificate_sha256 = $2 WHERE number = $1', [NEIGHBOUR, fingerprint]);
    stack.partners.agreements.invalidate(NEIGHBOUR);
    hash = (await publish(stack, { agreement: NEIGHBOUR }, exampleOperations(NEIGHBOUR))).ActiveWarrants!;
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const call = async (client: { cert: Buffer; key: Buffer } | null) => {
    const dispatcher = new Agent({ connect: { ca: server.cert, ...(client ?? {}) } });
    try {
      const response = await request(stack.gateway.url, {
        method: 'POST', dispatcher,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('partner-npd')}`, ...purposeHeaders(INVESTIGATION) },
        body: JSON.stringify(byHash(hash, { first: 1 })),
      });
      return (await response.body.json()) as { data?: { warrants?: { edges: unknown[] } }; errors?: { extensions?: { code?: string } }[] };
    } finally {
      await dispatcher.close();
    }
  };

  it.each([
    ['without a client certificate', () => null],
    ['with another certificate', () => stranger],
  ])('refuses the partner %s: UNAUTHENTICATED', async (_case, client) => {
    const result = await call(client());
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('answers the partner over its own certificate', async () => {
    const result = await call(partner);
    expect(result.errors).toBeUndefined();
    expect(result.data!.warrants!.edges).toHaveLength(1);
  });
});
