/** Why a call to a provider failed, a stable string to switch on (the kit README's error table says when each occurs). */
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

/** What every error here tells beyond its message, `R` its reasons (the kit README's error section has each field); `cause` holds no secret. */
export interface FailureDetails<R extends string = FailureReason> {
  provider: string;
  reason: R;
  providerStatus?: number;
  retryAfter?: number;
  providerCode?: string;
  cause?: unknown;
}

/** The HTTP status an app should answer with: the provider's own 4xx, 504 for a timeout, otherwise 502. */
export function statusForFailure({ reason, providerStatus = 0 }: FailureDetails<string>): number {
  if (reason === 'timeout') return 504;
  return providerStatus >= 400 && providerStatus < 500 ? providerStatus : 502;
}
