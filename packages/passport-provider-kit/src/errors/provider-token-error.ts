import { TokenError } from 'passport-oauth2';
import { statusForFailure, type FailureDetails, type FailureReason } from './failure-reason';

/** A failed token request: a passport-oauth2 `TokenError` with the {@link FailureDetails}. */
export class ProviderTokenError extends TokenError implements FailureDetails {
  declare readonly provider: string;
  declare readonly reason: FailureReason;
  declare readonly providerStatus?: number;
  declare readonly retryAfter?: number;
  declare readonly providerCode?: string;

  constructor(message: string, details: FailureDetails) {
    super(message, details.providerCode ?? details.reason, undefined, statusForFailure(details));
    this.name = 'ProviderTokenError';
    Object.assign(this, details);
  }
}
