/** Every private member of passport-oauth2 and node-oauth the kit uses (`docs/architecture.md`, The boundary). */
export const PRIVATE_MEMBERS = {
  /** passport-oauth2's `OAuth2Strategy`: `_oauth2` set to the kit's adapter, `_stateStore` verified on `?error=`. */
  strategy: { _oauth2: 'field', _stateStore: 'field', _createOAuthError: 'method', _loadUserProfile: 'method' },
  /** node-oauth's `OAuth2`: `_request` overridden, the rest read by the adapter. */
  client: {
    _request: 'method',
    _getAccessTokenUrl: 'method',
    _customHeaders: 'field',
    _clientId: 'field',
    _clientSecret: 'field',
  },
} as const;
