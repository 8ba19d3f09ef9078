import { randomBytes } from 'node:crypto';
import { BoundedMap } from './bounded-map';
import { SandboxError } from './errors';
import type { SandboxUser } from './types';

/** How long an authorization code may be exchanged, in seconds. Codes are single-use. */
export const CODE_TTL_SECONDS = 60;
/** Most codes, access tokens and refresh tokens each remembered at once (oldest forgotten first). */
const MAX_ENTRIES = 20_000;

/** What a code, an access token or a refresh token was granted for. */
export interface Grant {
  clientID: string;
  /** The user who granted access; absent for a `client_credentials` token (the app itself). */
  user?: SandboxUser;
  /** Granted scopes. */
  scope: string[];
}

interface CodeRecord extends Grant {
  user: SandboxUser;
  redirectURI?: string;
  expiresAt: number;
  used: boolean;
  /** Tokens issued for this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  issued: string[];
}

interface TokenRecord extends Grant {
  /** Epoch ms, or undefined for a token that does not expire. */
  expiresAt?: number;
  /** The refresh token issued with an access token (revoked together). */
  sibling?: string;
}

/** Random URL-safe token text. */
export function randomToken(prefix = '', bytes = 24): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** One provider's codes and tokens, in memory, with a clock that tests can move. */
export class GrantStore {
  private readonly codes = new BoundedMap<string, CodeRecord>(MAX_ENTRIES);
  private readonly access = new BoundedMap<string, TokenRecord>(MAX_ENTRIES);
  private readonly refresh = new BoundedMap<string, TokenRecord>(MAX_ENTRIES);

  constructor(private readonly now: () => number) {}

  /** Issues a single-use code valid for {@link CODE_TTL_SECONDS}. */
  issueCode(grant: Grant & { user: SandboxUser }, redirectURI: string | undefined): string {
    const code = randomToken('', 18);
    const expiresAt = this.now() + CODE_TTL_SECONDS * 1000;
    this.codes.set(code, { ...grant, redirectURI, expiresAt, used: false, issued: [] });
    return code;
  }

  /**
   * Redeems a code for `clientID` and `redirectURI`; a replayed code also revokes what it
   * first gave. `redirectRequired`: the provider requires `redirect_uri` in the token request.
   */
  redeemCode(code: string, clientID: string, redirectURI: string | undefined, redirectRequired: boolean): CodeRecord {
    const record = this.codes.get(code);
    if (!record || record.clientID !== clientID)
      throw new SandboxError('invalid_grant', 'authorization code is invalid');
    if (record.used) {
      for (const token of record.issued) this.revoke(token);
      throw new SandboxError('invalid_grant', 'authorization code has already been used');
    }
    if (record.expiresAt <= this.now()) throw new SandboxError('invalid_grant', 'authorization code has expired');
    if (redirectURI === undefined ? redirectRequired : redirectURI !== record.redirectURI) {
      throw new SandboxError('invalid_grant', 'redirect_uri does not match the one of the authorization request');
    }
    record.used = true;
    return record;
  }

  /**
   * Remembers an access token (and its refresh token) issued for `grant`.
   * @param refreshLifetimeSeconds - how long the refresh token may be used; undefined: until revoked.
   */
  saveTokens(
    grant: Grant,
    accessToken: string,
    expiresInSeconds: number,
    refreshToken?: string,
    code?: CodeRecord,
    refreshLifetimeSeconds?: number,
  ): void {
    const base: Grant = { clientID: grant.clientID, user: grant.user, scope: grant.scope };
    this.access.set(accessToken, { ...base, expiresAt: this.now() + expiresInSeconds * 1000, sibling: refreshToken });
    if (refreshToken) {
      const expiresAt = refreshLifetimeSeconds === undefined ? undefined : this.now() + refreshLifetimeSeconds * 1000;
      this.refresh.set(refreshToken, { ...base, expiresAt, sibling: accessToken });
    }
    code?.issued.push(accessToken);
  }

  /** Keeps a refresh token valid for a new access token (providers that do not rotate). */
  relinkRefresh(refreshToken: string, accessToken: string): void {
    const record = this.refresh.get(refreshToken);
    if (record) record.sibling = accessToken;
  }

  /** The grant behind a live access token, or `invalid_token`. */
  findAccess(accessToken: string): Grant {
    const record = this.access.get(accessToken);
    if (!record) throw new SandboxError('invalid_token', 'the access token is invalid or has been revoked');
    if ((record.expiresAt ?? Infinity) <= this.now())
      throw new SandboxError('invalid_token', 'the access token has expired');
    return record;
  }

  /** The user behind a live access token; `invalid_token` also for a token of no user (`client_credentials`). */
  findUser(accessToken: string): SandboxUser {
    const { user } = this.findAccess(accessToken);
    if (!user) throw new SandboxError('invalid_token', 'the access token was issued to the client itself, not a user');
    return user;
  }

  /** The grant behind a refresh token of `clientID`, if not expired; `consume` removes it (rotation). */
  useRefresh(refreshToken: string, clientID: string, consume: boolean): Grant {
    const record = this.refresh.get(refreshToken);
    if (!record || record.clientID !== clientID) throw new SandboxError('invalid_grant', 'refresh token is invalid');
    if ((record.expiresAt ?? Infinity) <= this.now()) {
      this.refresh.delete(refreshToken);
      throw new SandboxError('invalid_grant', 'refresh token has expired');
    }
    if (consume) this.refresh.delete(refreshToken);
    return record;
  }

  /** Revokes an access token and the refresh token issued with it. */
  revoke(accessToken: string): void {
    const record = this.access.get(accessToken);
    this.access.delete(accessToken);
    if (record?.sibling) this.refresh.delete(record.sibling);
  }
}
