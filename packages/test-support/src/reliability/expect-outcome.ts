import type { CallbackOutcome } from '../login-app';
import type { Harness } from './harness';
import type { ProviderCase } from './provider-case';

/** An error class the suite expects (ProviderTokenError, ProviderApiError, AuthorizationError). */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** What a failed login must look like. */
export interface ExpectedFailure {
  /** The class of the error that reached the app. */
  type: ErrorClass;
  /** The HTTP status the app answered with. */
  status: number;
  /** The error's `reason`, when it is a provider error. */
  reason?: string;
  /** The provider's HTTP status, which the message must name and `providerStatus` hold. */
  providerStatus?: number;
  /** Texts the message must contain besides the provider's name. */
  mentions?: readonly string[];
}

/**
 * Checks that a login failed the way `expected` says, exactly once: one typed error whose
 * message names the provider (and the provider's status), the app's answer with its status,
 * no call of `verify`, and one response to the callback. Returns the error.
 */
export function expectTypedFailure(
  pc: ProviderCase,
  harness: Harness,
  outcome: CallbackOutcome,
  expected: ExpectedFailure,
): Error {
  expect(harness.errors).toHaveLength(1);
  const error = harness.errors[0] as Error & { reason?: string; providerStatus?: number };
  expect(error).toBeInstanceOf(expected.type);
  expect(outcome.status).toBe(expected.status);
  expect(outcome.body.error?.name).toBe(error.name);
  expect(error.message).toContain(pc.displayName);
  if (expected.reason !== undefined) expect(error.reason).toBe(expected.reason);
  if (expected.providerStatus !== undefined) {
    expect(error.providerStatus).toBe(expected.providerStatus);
    expect(error.message).toMatch(new RegExp(`\\b${expected.providerStatus}\\b`));
  }
  for (const text of expected.mentions ?? []) expect(error.message).toContain(text);
  expect(harness.verifyCalls).toHaveLength(0);
  expect(harness.callbackResponses()).toBe(1);
  return error;
}

/** Checks that a login succeeded exactly once, and returns the profile `verify` received. */
export function expectSingleSuccess(harness: Harness, outcome: CallbackOutcome): Harness['verifyCalls'][number] {
  expect(harness.errors).toEqual([]);
  expect(outcome.status).toBe(200);
  expect(harness.verifyCalls).toHaveLength(1);
  expect(harness.callbackResponses()).toBe(1);
  return harness.verifyCalls[0];
}
