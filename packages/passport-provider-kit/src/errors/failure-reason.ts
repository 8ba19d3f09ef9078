/** Why a call to a provider failed, a stable string to switch on (the kit README's error table says when each occurs). */
export type FailureReason =
  | 'provider_error'
  | 'html_body'
  | 'empty_body'
  | 'invalid_json'
  | 'unexpected_shape'
  | 'redirect'
  | 'rate_limited'
  | 'timeout'
  | 'network'
  | 'body_too_large'
  | 'invalid_profile';

/** What every error of this package tells beyond its message; `R` is its reasons. */
export interface FailureDetails<R extends string = FailureReason> {
  /** Human name of the provider, e.g. `Petje.af`. */
  provider: string;
  /** Stable reason code, see {@link FailureReason}. */
  reason: R;
  /** HTTP status the provider answered with, when it answered at all. */
  providerStatus?: number;
  /** Seconds to wait before retrying, from a `retry-after` header. */
  retryAfter?: number;
  /** The provider's own error code (e.g. OAuth's `invalid_grant`), when it sent one. */
  providerCode?: string;
  /** The underlying error, kept for debugging; never holds secrets. */
  cause?: unknown;
}

/** The HTTP status an app should answer with: the provider's own 4xx, 504 for a timeout, otherwise 502. */
export function statusForFailure({ reason, providerStatus = 0 }: FailureDetails<string>): number {
  if (reason === 'timeout') return 504;
  return providerStatus >= 400 && providerStatus < 500 ? providerStatus : 502;
}
