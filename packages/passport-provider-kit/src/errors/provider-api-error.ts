import { InternalOAuthError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/**
 * A failed call to a provider's API, or a profile that could not be built: a passport-oauth2
 * `InternalOAuthError`, as strategies report profile failures, that adds the
 * {@link FailureDetails}; `oauthError` holds only `reason` and `statusCode`. `R` is its reasons.
 */
export class ProviderApiError<R extends string = FailureReason>
  extends InternalOAuthError
  implements FailureDetails<R>
{
  readonly provider: string;
  readonly reason: R;
  readonly providerStatus?: number;
  readonly retryAfter?: number;
  readonly providerCode?: string;
  /** The HTTP status an app should answer with: the provider's 4xx, 504 for a timeout, otherwise 502. */
  readonly status: number;
  /** The provider's error code when it sent one, otherwise `reason`. */
  readonly code: string;

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

  /** The message alone: InternalOAuthError's own toString() appends `oauthError` as JSON. */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}
