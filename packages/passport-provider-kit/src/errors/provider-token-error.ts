import { TokenError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/**
 * A failed request to a provider's token endpoint: a passport-oauth2 `TokenError` (`code` is the
 * provider's error code, else the reason; `status` the HTTP status to answer with) that adds the
 * {@link FailureDetails}. Its message is the provider's own text, secrets redacted.
 */
export class ProviderTokenError extends TokenError implements FailureDetails {
  readonly provider: string;
  readonly reason: FailureReason;
  readonly providerStatus?: number;
  readonly retryAfter?: number;
  readonly providerCode?: string;

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
