/**
 * Why a call to a provider failed, as a stable string that code can switch on.
 *
 * - `provider_error`: the provider answered 4xx/5xx with an error body it meant to send.
 * - `html_body`: the provider answered with an HTML page where JSON was expected.
 * - `empty_body`, `invalid_json`, `unexpected_shape`: the body was not the JSON object expected.
 * - `redirect`: the provider answered 3xx; redirects are never followed for API calls.
 * - `rate_limited`: the provider answered 429; see `retryAfter`.
 * - `timeout`, `network`, `body_too_large`: the exchange itself failed.
 * - `invalid_profile`: the profile response lacks what a Passport profile needs (an `id`).
 *
 * A provider package may add reasons of its own (passport-petjeaf's JWT reasons), through the
 * error classes' type parameter.
 */
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

/**
 * What every error of this package tells beyond its message.
 *
 * @typeParam R - the reasons: the kit's {@link FailureReason}s, or a provider's own as well.
 */
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

/**
 * The HTTP status an app should answer with when this failure reaches its error handler:
 * the provider's own 4xx, otherwise 502 (bad gateway) or 504 (gateway timeout).
 */
export function statusForFailure(details: FailureDetails<string>): number {
  if (details.reason === 'timeout') return 504;
  if (details.providerStatus && details.providerStatus >= 400 && details.providerStatus < 500) {
    return details.providerStatus;
  }
  return 502;
}
