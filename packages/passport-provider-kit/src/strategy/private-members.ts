/**
 * Every private member of passport-oauth2 and node-oauth the kit uses, in one place: the kit
 * extends passport-oauth2's `OAuth2Strategy` (for the ecosystem: passport-oauth2-refresh,
 * `_oauth2.get`) rather than owning `authenticate`. `test/private-members.test.ts` fails when an
 * installed version changes any of them (a member missing, or a method's source changed).
 */
export const PRIVATE_MEMBERS = {
  /** passport-oauth2's `OAuth2Strategy`. */
  strategy: {
    /** The node-oauth client; the kit sets its own (`ProviderOAuth2`), as apps and passport-oauth2-refresh expect. */
    _oauth2: 'field',
    /** The state store, verified by the kit for a callback carrying `error` (`reportErrorCallback`). */
    _stateStore: 'field',
    /** Wraps token errors; overridden to keep the kit's typed errors. */
    _createOAuthError: 'method',
    /** The profile step, called within the token callback; overridden to hand `loadProfile` the token response. */
    _loadUserProfile: 'method',
  },
  /** node-oauth's `OAuth2`. */
  client: {
    /** Its one request method; overridden to send through the kit. */
    _request: 'method',
    /** Token URL, read by the adapter (passport-oauth2-refresh builds a client of its own). */
    _getAccessTokenUrl: 'method',
    /** Custom headers, client id and secret, read by the adapter. */
    _customHeaders: 'field',
    _clientId: 'field',
    _clientSecret: 'field',
  },
} as const;
