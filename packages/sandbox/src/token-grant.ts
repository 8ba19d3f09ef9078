import { checkCredentials, type PresentedCredentials } from './clients';
import { SandboxError } from './errors';
import type { Grant, GrantStore } from './grants';
import { randomToken } from './grants';
import { field } from './params';
import type { SandboxClient, SandboxUser } from './types';

/** How one provider's token endpoint grants tokens. */
export interface TokenRules {
  client: SandboxClient;
  store: GrantStore;
  /** Access token lifetime in seconds (`expires_in`). */
  expiresIn: number;
  /** Refresh token lifetime in seconds. Default: until revoked. */
  refreshExpiresIn?: number;
  /**
   * The `password` grant (Gofundo): finds the user with these credentials. Without it the
   * grant is `unsupported_grant_type`.
   */
  passwordUser?: (username: string, password: string) => SandboxUser | undefined;
  /** The `client_credentials` grant (Gofundo): a token for the client itself, no refresh token. */
  clientCredentials?: boolean;
  /** Checks the `scope` of a `password` or `client_credentials` request and returns the granted scopes. */
  grantScope?: (scope: string | undefined) => string[];
  /** The token request must repeat `redirect_uri` (all but Petje.af, which does not list it). */
  redirectRequired: boolean;
  /** `rotate`: a refresh answer carries a new refresh token and the old one dies; `keep`: none, the old one stays valid. */
  refresh: 'rotate' | 'keep';
  /** Makes the access token text (Petje.af: a signed JWT). Default: random opaque text. */
  accessToken?: (grant: Grant, expiresIn: number) => string;
}

/** A successful token answer before each provider shapes it. */
export interface IssuedTokens {
  access_token: string;
  /** Absent on a `keep` refresh answer. */
  refresh_token?: string;
  expires_in: number;
  /** Granted scopes, space-separated. */
  scope: string;
}

/**
 * The shared rules of the token endpoints: client credentials checked (`invalid_client`),
 * `authorization_code` (single-use code of this client, not expired, same `redirect_uri`)
 * and `refresh_token` (not expired) grants, `password` and `client_credentials` where the
 * provider documents them, anything else `unsupported_grant_type`.
 */
export function grantTokens(rules: TokenRules, body: unknown, credentials: PresentedCredentials): IssuedTokens {
  checkCredentials(rules.client, credentials, 'client authentication failed');
  const grantType = field(body, 'grant_type');
  if (grantType === 'authorization_code') {
    const code = field(body, 'code');
    if (!code) throw new SandboxError('invalid_request', 'code is required');
    const record = rules.store.redeemCode(
      code,
      rules.client.clientID,
      field(body, 'redirect_uri'),
      rules.redirectRequired,
    );
    return issue(rules, record, { code: record });
  }
  if (grantType === 'refresh_token') {
    const refreshToken = field(body, 'refresh_token');
    if (!refreshToken) throw new SandboxError('invalid_request', 'refresh_token is required');
    const grant = rules.store.useRefresh(refreshToken, rules.client.clientID, rules.refresh === 'rotate');
    return issue(rules, grant, { keptRefreshToken: rules.refresh === 'keep' ? refreshToken : undefined });
  }
  if (grantType === 'password' && rules.passwordUser) {
    const username = field(body, 'username');
    const password = field(body, 'password');
    if (!username || !password) throw new SandboxError('invalid_request', 'username and password are required');
    const scope = grantedScope(rules, field(body, 'scope'));
    const user = rules.passwordUser(username, password);
    if (!user) throw new SandboxError('invalid_grant', 'the user credentials were incorrect');
    return issue(rules, { clientID: rules.client.clientID, user, scope }, {});
  }
  if (grantType === 'client_credentials' && rules.clientCredentials) {
    const scope = grantedScope(rules, field(body, 'scope'));
    return issue(rules, { clientID: rules.client.clientID, scope }, { noRefreshToken: true });
  }
  if (!grantType) throw new SandboxError('invalid_request', 'grant_type is required');
  throw new SandboxError('unsupported_grant_type', `grant_type ${grantType} is not supported`);
}

function issue(
  rules: TokenRules,
  grant: Grant,
  context: { code?: Parameters<GrantStore['saveTokens']>[4]; keptRefreshToken?: string; noRefreshToken?: boolean },
): IssuedTokens {
  const accessToken = rules.accessToken ? rules.accessToken(grant, rules.expiresIn) : randomToken('at_');
  if (context.keptRefreshToken || context.noRefreshToken) {
    rules.store.saveTokens(grant, accessToken, rules.expiresIn, undefined);
    if (context.keptRefreshToken) rules.store.relinkRefresh(context.keptRefreshToken, accessToken);
    return { access_token: accessToken, expires_in: rules.expiresIn, scope: grant.scope.join(' ') };
  }
  const refreshToken = randomToken('rt_');
  rules.store.saveTokens(grant, accessToken, rules.expiresIn, refreshToken, context.code, rules.refreshExpiresIn);
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: rules.expiresIn,
    scope: grant.scope.join(' '),
  };
}

function grantedScope(rules: TokenRules, scope: string | undefined): string[] {
  return rules.grantScope ? rules.grantScope(scope) : (scope ?? '').split(' ').filter(Boolean);
}
