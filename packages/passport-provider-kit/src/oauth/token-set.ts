/**
 * The parsed response of a token endpoint: the fields of RFC 6749 §5.1 that providers send,
 * plus whatever else they add.
 */
export interface TokenParams {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  [field: string]: unknown;
}

/** What the promise token helpers (`refresh()`, `clientCredentials()`...) resolve to. */
export interface TokenSet {
  /** The new access token. */
  accessToken: string;
  /**
   * The refresh token to keep: the new one when the provider rotates refresh tokens, the
   * one you passed in when the provider keeps it (each provider's README says which).
   */
  refreshToken?: string;
  /** Seconds until the access token expires, as the provider said (`expires_in`). */
  expiresIn?: number;
  /** The whole token response. */
  params: TokenParams;
}
