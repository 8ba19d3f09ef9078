import { TokenError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/**
 * A failed request to a provider's token endpoint (code exchange, refresh or any other grant).
 *
 * It is a passport-oauth2 `TokenError` (whose `code` is the provider's error code, else the
 * reason, and `status` the HTTP status to answer with), so existing error handlers keep
 * working, and it adds what passport-oauth2 loses: the provider's HTTP status, a stable
 * `reason`, and `retryAfter` for 429 responses. Its message is the provider's own text.
 */
export class ProviderTokenError extends TokenError {
  /** Human name of the provider, e.g. `Petje.af`. */
  readonly provider: string;
  /** Stable reason code, see {@link FailureReason}. */
  readonly reason: FailureReason;
  /** HTTP status the provider answered with, when it answered at all. */
  readonly providerStatus?: number;
  /** Seconds to wait before retrying, from a `retry-after` header. */
  readonly retryAfter?: number;
  /** The provider's own error code (e.g. OAuth's `invalid_grant`), when it sent one. */
  readonly providerCode?: string;

  /** @param message - final, secret-free message. */
  constructor(message: string, details: FailureDetails) {
    super(message, details.providerCode ?? details.reason, undefined, statusForFailure(details));
    this.name = 'ProviderTokenError';
    this.provider = details.provider;
    this.reason = details.reason;
    this.providerStatus = details.providerStatus;
    this.retryAfter = details.retryAfter;
    this.providerCode = details.providerCode;
    this.cause = details.cause;
  }
}
