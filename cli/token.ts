/**
 * `npm run token -- --user detective [--remote --mfa] [--ttl 3600]`: prints a bearer token from
 * the embedded default's local issuer for a user of the directory (development only: a gateway
 * configured with an identity provider does not accept these).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config/loadConfig';
import { SEED_USERS } from '../subgraphs/governance/directory/seedUsers';
import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run token -- --user <id> [--remote] [--mfa] [--ttl seconds]

Prints a bearer token from the embedded default's local issuer for a user of the directory
(development only: a gateway configured with an identity provider does not accept these).
Seeded users: ${SEED_USERS.map((u) => u.id).join(', ')}.
`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      remote: { type: 'boolean', default: false },
      mfa: { type: 'boolean', default: false },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const config = loadConfig();
  if (config.oidc) throw new Error('OIDC_* is configured: get tokens from the identity provider, not from the local issuer');
  if (!values.user) {
    throw new Error(`usage: npm run token -- --user <id> [--remote --mfa] [--ttl seconds]\nseeded users: ${SEED_USERS.map((u) => u.id).join(', ')}`);
  }
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400) throw new Error('--ttl must be 1 to 86400 seconds');
  if (!SEED_USERS.some((u) => u.id === values.user)) {
    console.error(`note: ${values.user} is not a seeded user; the gateway accepts it only if the directory knows it`);
  }
  const key = await loadOrCreateKeyPair(config.dataDir, 'local-issuer', 'ES256');
  process.stdout.write(`${await issueDevelopmentToken(key, { userId: values.user, remote: values.remote, mfa: values.mfa, ttlSeconds })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
