import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import type { KeyPair } from '../platform/identity/localKeys';
import { SEED_USERS } from '../subgraphs/governance/directory/seedUsers';
import type { DevelopmentSignIn } from '../gateway/routes/issueConsoleSession';

/** How long a console session lasts before the user signs in again. */
const CONSOLE_SESSION_SECONDS = 30 * 60;

/**
 * [P9] The console's sign-in for the embedded default: the seeded people (not the partner
 * client, which signs in as a client), each session a token from the local issuer.
 */
export function developmentSignIn(issuerKey: KeyPair, ttlSeconds = CONSOLE_SESSION_SECONDS): DevelopmentSignIn {
  return {
    users: SEED_USERS.filter((user) => user.kind === 'USER').map(({ id, displayName, roles, command }) => ({ id, displayName, roles, command })),
    issue: (userId) => issueDevelopmentToken(issuerKey, { userId, ttlSeconds }),
  };
}
