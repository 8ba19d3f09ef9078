import { sandboxClient } from './clients';
import { PROVIDER_MODULES } from './providers';
import type { ProviderName, SandboxEndpoints } from './types';
import { SEEDED_USERS } from './users';

/**
 * The endpoints of a provider stand-in served at `origin` (e.g. by `npm run sandbox` or
 * another process), without starting anything: its documented URLs, client and users.
 */
export function sandboxEndpoints(name: ProviderName, origin: string): SandboxEndpoints {
  const { paths } = PROVIDER_MODULES[name];
  const base = new URL(origin).origin;
  return {
    name,
    origin: base,
    authorizationURL: base + paths.authorize,
    tokenURL: base + paths.token,
    userProfileURL: paths.profile && base + paths.profile,
    revocationURL: paths.revocation && base + paths.revocation,
    apiBaseURL: paths.apiBase && base + paths.apiBase,
    client: sandboxClient(name),
    users: SEEDED_USERS[name].map((user) => ({ ...user })),
  };
}
