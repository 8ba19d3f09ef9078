import { InternalOAuthError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/**
 * A failed call to a provider's API (the user/profile endpoint, revocation), or a profile
 * that could not be built (an unusable JWT, a body without `id`).
 *
 * It is a passport-oauth2 `InternalOAuthError`, as Passport strategies conventionally
 * report profile failures, with the provider's status, a stable `reason` and the
 * provider's own text as message. `oauthError` holds only secret-free details.
 *
 * @typeParam R - its reasons: the kit's, or a provider package's own as well.
 */
export class ProviderApiError<R extends string = FailureReason> extends InternalOAuthError {
  /** Human name of the provider, e.g. `Petje.af`. */
  readonly provider: string;
  /** Stable reason code, see {@link FailureReason}. */
  readonly reason: R;
  /** HTTP status the provider answered with, when it answered at all. */
  readonly providerStatus?: number;
  /** Seconds to wait before retrying, from a `retry-after` header. */
  readonly retryAfter?: number;
  /** The provider's own error code, when it sent one. */
  readonly providerCode?: string;
  /** The HTTP status an app should answer with (the provider's 4xx, else 502/504); see {@link statusForFailure}. */
  readonly status: number;
  /** The provider's error code when it sent one, otherwise `reason`. */
  readonly code: string;

  /** @param message - final, secret-free message. */
  constructor(message: string, details: FailureDetails<R>) {
    super(message, { reason: details.reason, statusCode: details.providerStatus });
    this.name = 'ProviderApiError';
    this.provider = details.provider;
    this.reason = details.reason;
    this.providerStatus = details.providerStatus;
    this.retryAfter = details.retryAfter;
    this.providerCode = details.providerCode;
    this.status = statusForFailure(details);
    this.code = details.providerCode ?? details.reason;
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
