/**
 * `npm run token -- --user detective [--remote --mfa] [--ttl 3600]`: prints a bearer token from
 * the embedded default's local issuer for a user of the directory (development only: a gateway
 * configured with an identity provider does not accept these).
 * `npm run token -- --client partner-da`: an OAuth 2 client-credentials token for a partner
 * agency's client [P14], as the identity provider's token endpoint would issue it.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config/loadConfig';
import { SEED_USERS } from '../subgraphs/governance/directory/seedUsers';
import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run token -- --user <id> [--remote] [--mfa] [--ttl seconds]
       npm run token -- --client <client id> [--ttl seconds]

Prints a bearer token from the embedded default's local issuer for a user of the directory
(development only: a gateway configured with an identity provider does not accept these).
--client: an OAuth 2 client-credentials token for a partner agency's client [P14].
Seeded users: ${SEED_USERS.filter((u) => u.kind === 'USER').map((u) => u.id).join(', ')}.
Seeded clients: ${SEED_USERS.filter((u) => u.kind === 'CLIENT').map((u) => u.id).join(', ')}.
`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      client: { type: 'string' },
      remote: { type: 'boolean', default: false },
      mfa: { type: 'boolean', default: false },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const config = loadConfig();
  if (config.oidc) throw new Error('OIDC_* is configured: get tokens from the identity provider, not from the local issuer');
  if (!values.user === !values.client) {
    throw new Error(
      `usage: npm run token -- --user <id> [--remote --mfa] [--ttl seconds]\n       npm run token -- --client <client id> [--ttl seconds]\n` +
        `seeded users: ${SEED_USERS.filter((u) => u.kind === 'USER').map((u) => u.id).join(', ')}\nseeded clients: ${SEED_USERS.filter((u) => u.kind === 'CLIENT').map((u) => u.id).join(', ')}`,
    );
  }
  const id = (values.user ?? values.client)!;
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400) throw new Error('--ttl must be 1 to 86400 seconds');
  if (!SEED_USERS.some((u) => u.id === id)) {
    console.error(`note: ${id} is not seeded; the gateway accepts it only if the directory knows it`);
  }
  const key = await loadOrCreateKeyPair(config.dataDir, 'local-issuer', 'ES256');
  const token = values.client
    ? await issueDevelopmentToken(key, { userId: values.client, clientCredentials: true, ttlSeconds })
    : await issueDevelopmentToken(key, { userId: id, remote: values.remote, mfa: values.mfa, ttlSeconds });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
