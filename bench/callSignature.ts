/**
 * The per-call cost of binding a subgraph call (platform/identity/subgraphCallSignature.ts): the
 * gateway's signature, and the subgraph's verification with its replay check, over a body of
 * the size the gateway sends. Prints p50/p99 in µs over `--calls` calls (default 10,000).
 * `npm run bench:call-signature`; CPU only, no server.
 */
import { KeyObject, sign as ed25519Sign, verify as ed25519Verify, type webcrypto } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createKeyPair } from '../platform/identity/localKeys';
import { SeenCallIds } from '../platform/identity/SeenCallIds';
import { createCallSigner, createCallVerifier } from '../platform/identity/subgraphCallSignature';

async function main(): Promise<void> {
  const calls = Number(process.argv.find((a) => a.startsWith('--calls='))?.split('=')[1] ?? 10_000);
  if (!Number.isInteger(calls) || calls < 100) throw new Error('--calls=<integer of at least 100>');
  const key = await createKeyPair('gateway-context', 'EdDSA');
  const sign = createCallSigner(key);
  const verify = createCallVerifier([key.publicJwk], 'complaints-arrests', new SeenCallIds(calls + 1000));
  const token = 'x'.repeat(600); // a context token's size
  const body = JSON.stringify({ query: `query($representations:[_Any!]!){_entities(representations:$representations){...on Person{id fullName dateOfBirth arrests{number arrestedAt charges{lawCode description}}}}}`, variables: { representations: Array.from({ length: 10 }, (_, i) => ({ __typename: 'Person', id: `P0000000${i}` })) } });
  const signing: number[] = [];
  const verifying: number[] = [];
  // The bare Ed25519 operations on a message of the same size, for scale on this machine.
  const privateKey = KeyObject.from(key.privateKey as unknown as webcrypto.CryptoKey);
  const publicKey = KeyObject.from(key.publicKey as unknown as webcrypto.CryptoKey);
  const message = Buffer.alloc(300, 1);
  const rawSigning: number[] = [];
  const rawVerifying: number[] = [];
  for (let i = 0; i < calls + 1000; i++) {
    const t0 = performance.now();
    const signature = sign('complaints-arrests', body, token, 'bench-request');
    const t1 = performance.now();
    verify({ signature, keyId: key.kid, body, contextToken: token });
    const t2 = performance.now();
    const raw = ed25519Sign(null, message, privateKey);
    const t3 = performance.now();
    ed25519Verify(null, message, publicKey, raw);
    const t4 = performance.now();
    if (i >= 1000) { // the first thousand warm the JIT
      signing.push((t1 - t0) * 1000);
      verifying.push((t2 - t1) * 1000);
      rawSigning.push((t3 - t2) * 1000);
      rawVerifying.push((t4 - t3) * 1000);
    }
  }
  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!.toFixed(1);
  console.log(`call signature, ${calls} calls, body ${body.length} bytes`);
  console.log(`  sign   (gateway):  p50 ${percentile(signing, 50)} µs  p99 ${percentile(signing, 99)} µs`);
  console.log(`  verify (subgraph): p50 ${percentile(verifying, 50)} µs  p99 ${percentile(verifying, 99)} µs`);
  console.log(`  bare Ed25519 sign p50 ${percentile(rawSigning, 50)} µs, verify p50 ${percentile(rawVerifying, 50)} µs`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
