import { InternalOAuthError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/** A failed API call or an unusable profile: an `InternalOAuthError` with the {@link FailureDetails} of reasons `R`. */
export class ProviderApiError<R extends string = FailureReason> extends InternalOAuthError {
  declare readonly provider: string;
  declare readonly reason: R;
  declare readonly providerStatus?: number;
  declare readonly retryAfter?: number;
  declare readonly providerCode?: string;
  /** The HTTP status an app should answer with: the provider's 4xx, 504 for a timeout, otherwise 502. */
  readonly status: number;
  /** The provider's error code when it sent one, otherwise `reason`. */
  readonly code: string;

  constructor(message: string, details: FailureDetails<R>) {
    super(message, { reason: details.reason, statusCode: details.providerStatus });
    this.name = 'ProviderApiError';
    Object.assign(this, details);
    this.status = statusForFailure(details);
    this.code = details.providerCode ?? details.reason;
  }

  /** The message alone: InternalOAuthError's own toString() appends `oauthError` as JSON. */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}
