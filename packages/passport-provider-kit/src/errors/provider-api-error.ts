import { InternalOAuthError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/**
 * A failed call to a provider's API (the user/profile endpoint, revocation), or a profile
 * that could not be built (an unusable JWT, a body without `id`).
 *
 * It is a passport-oauth2 `InternalOAuthError`, as Passport strategies conventionally
 * report profile failures, with the provider's status, a stable `reason` and the
 * provider's own text as message. `oauthError` holds only secret-free details.
 */
export class ProviderApiError extends InternalOAuthError implements FailureDetails {
  /** Human name of the provider. */
  readonly provider: string;
  /** Stable reason code. */
  readonly reason: FailureReason;
  /** HTTP status the provider answered with, if any. */
  readonly providerStatus?: number;
  /** Seconds to wait before retrying (429). */
  readonly retryAfter?: number;
  /** The provider's own error code, if any. */
  readonly providerCode?: string;
  /** HTTP status for the app's error handler (the provider's 4xx, else 502/504). */
  readonly status: number;
  /** Stable code, same as `reason`, for parity with `ProviderTokenError`. */
  readonly code: string;
  /** The underlying error. */
  override readonly cause?: unknown;

  /** @param message - final, secret-free message. */
  constructor(message: string, details: FailureDetails) {
    super(message, { reason: details.reason, statusCode: details.providerStatus });
    this.name = 'ProviderApiError';
    this.provider = details.provider;
    this.reason = details.reason;
    this.code = details.providerCode ?? details.reason;
    this.providerStatus = details.providerStatus;
    this.retryAfter = details.retryAfter;
    this.providerCode = details.providerCode;
    this.status = statusForFailure(details);
    this.cause = details.cause;
  }

  /**
   * InternalOAuthError's own toString() appends `oauthError` as JSON; keep it to the message
   * so logs show exactly what the message says.
   */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}
