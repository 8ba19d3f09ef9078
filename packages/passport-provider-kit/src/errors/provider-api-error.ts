import { InternalOAuthError } from 'passport-oauth2';
import { failureFields, type FailureDetails, type ProviderFailureFields } from './failure-reason';

// The fields (provider, reason, providerStatus, retryAfter, providerCode, status, code, cause) are
// declared once, in ProviderFailureFields, and merged into the class here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- assigned in the constructor
export interface ProviderApiError extends ProviderFailureFields {}

/**
 * A failed call to a provider's API (the user/profile endpoint, revocation), or a profile
 * that could not be built (an unusable JWT, a body without `id`).
 *
 * It is a passport-oauth2 `InternalOAuthError`, as Passport strategies conventionally
 * report profile failures, with the provider's status, a stable `reason` and the
 * provider's own text as message. `oauthError` holds only secret-free details.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class ProviderApiError extends InternalOAuthError {
  /** @param message - final, secret-free message. */
  constructor(message: string, details: FailureDetails) {
    super(message, { reason: details.reason, statusCode: details.providerStatus });
    this.name = 'ProviderApiError';
    Object.assign(this, failureFields(details));
  }

  /**
   * InternalOAuthError's own toString() appends `oauthError` as JSON; keep it to the message
   * so logs show exactly what the message says.
   */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}
