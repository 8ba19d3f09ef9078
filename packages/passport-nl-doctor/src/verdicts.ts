/** What a provider's answer at the authorize endpoint means. */
export type AuthorizeVerdict =
  /** Its login or consent page: the client id and the callback were accepted (as far as it shows). */
  | { kind: 'shown' }
  /** Straight back to the callback with a `code` (a user already signed in who approved before). */
  | { kind: 'approved' }
  /** Back to the callback with `error`: client and callback accepted, something else refused. */
  | { kind: 'error-redirect'; error: string; said: string }
  | { kind: 'unknown-client'; said: string }
  | { kind: 'bad-redirect'; said: string }
  /** The provider answers an unknown client and an unregistered callback alike (Gofundo). */
  | { kind: 'client-or-redirect'; said: string }
  /** To a login page on the same host first: the client is checked only after a login. */
  | { kind: 'login-first'; location: string }
  | { kind: 'other-host'; location: string }
  | { kind: 'unclear'; status: number; said: string };

/** What a provider's answer to a deliberately invalid code (or a `client_credentials` grant) means. */
export type TokenVerdict =
  /** The client's credentials were accepted (the code, as meant, was not). */
  | { kind: 'accepted'; said: string }
  /** The client's credentials were refused (`invalid_client` or its equivalent). */
  | { kind: 'refused'; said: string }
  | { kind: 'unclear'; said: string };
