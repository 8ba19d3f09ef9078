/**
 * The longest access token lifetime the kit passes on: 10 years, in seconds. A token answer's
 * `expires_in` above it (`1e20`, `"99999999999999999999"`, a JSON `1e400` that parses as
 * `Infinity`) is clamped to it, so that `Date.now() + expires_in * 1000` is always a date
 * `Date` can hold (its range ends about 275 000 years from 1970; `1e20` seconds is far past it).
 */
export const MAX_EXPIRES_IN_SECONDS = 10 * 365 * 24 * 60 * 60;

/** A number of seconds written as digits, with an optional fraction (`"3600"`, `"3599.5"`). */
const SECONDS_TEXT = /^\d+(\.\d+)?$/;

/**
 * A token answer's `expires_in` as a number of seconds the app can turn into a date: a
 * non-negative number or numeric string, clamped to {@link MAX_EXPIRES_IN_SECONDS}.
 *
 * @returns the seconds, or `undefined` when the value is not a non-negative number of seconds
 *   (a negative number, `"soon"`, `"NaN"`, `"-5"`, `"1e3"`, an object): the caller refuses those.
 */
export function expiresInSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && SECONDS_TEXT.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, MAX_EXPIRES_IN_SECONDS);
}
