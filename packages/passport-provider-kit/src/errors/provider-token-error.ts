import { TokenError } from 'passport-oauth2';
import { failureFields, statusForFailure, type FailureDetails, type ProviderFailureFields } from './failure-reason';

// The fields (provider, reason, providerStatus, retryAfter, providerCode, cause) are declared once,
// in ProviderFailureFields, and merged into the class here; `code` and `status` are TokenError's own.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- assigned in the constructor
export interface ProviderTokenError extends Omit<ProviderFailureFields, 'code' | 'status'> {}

/**
 * A failed request to a provider's token endpoint (code exchange, refresh or any other grant).
 *
 * It is a passport-oauth2 `TokenError`, so existing error handlers keep working, and it
 * adds what passport-oauth2 loses: the provider's HTTP status, a stable `reason`, and
 * `retryAfter` for 429 responses. Its message is the provider's own text.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class ProviderTokenError extends TokenError {
  /** @param message - final, secret-free message. */
  constructor(message: string, details: FailureDetails) {
    super(message, details.providerCode ?? details.reason, undefined, statusForFailure(details));
    this.name = 'ProviderTokenError';
    Object.assign(this, failureFields(details));
  }
}
