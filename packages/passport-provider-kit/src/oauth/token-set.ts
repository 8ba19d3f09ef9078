/** A token endpoint's parsed response: the fields of RFC 6749 §5.1 that providers send, and whatever they add. */
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
  /** The provider's new refresh token when it rotates them, else the one passed in (each provider's README says which). */
  refreshToken?: string;
  /** Seconds until the access token expires, as the provider said (`expires_in`). */
  expiresIn?: number;
  /** The whole token response. */
  params: TokenParams;
}
