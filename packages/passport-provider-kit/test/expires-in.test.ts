import { MAX_EXPIRES_IN_SECONDS } from 'passport-provider-kit';
import { expiresInSeconds } from '../src/oauth/token-request';

/** A token answer's expires_in, as the token request leaves it for the app (issue 13, item 2); the suites check it end to end. */

const TEN_YEARS_IN_SECONDS = 315_360_000;

const expiresIn = expiresInSeconds;

describe('clamps an expires_in too large for a date to 10 years', () => {
  it('documents the maximum as 10 years in seconds', () => {
    expect(MAX_EXPIRES_IN_SECONDS).toBe(TEN_YEARS_IN_SECONDS);
  });

  it.each([
    ['1e20', 1e20],
    ['"99999999999999999999"', '99999999999999999999'],
    ['Number.MAX_VALUE', Number.MAX_VALUE],
    ['Infinity (a JSON 1e400)', JSON.parse('1e400') as number],
    ['one second over the maximum', TEN_YEARS_IN_SECONDS + 1],
  ])('%s becomes MAX_EXPIRES_IN_SECONDS, a valid date from now', (_what, value) => {
    const seconds = expiresIn(value) as number;
    expect(seconds).toBe(MAX_EXPIRES_IN_SECONDS);
    expect(() => new Date(Date.now() + seconds * 1000).toISOString()).not.toThrow();
  });
});

describe('keeps an expires_in within range as the provider sent it', () => {
  it.each([
    [3600, 3600],
    ['3600', 3600],
    [0, 0],
    [3599.5, 3599.5],
    ['3599.5', 3599.5],
    [TEN_YEARS_IN_SECONDS, TEN_YEARS_IN_SECONDS],
  ])('%p is %p seconds', (value, seconds) => {
    expect(expiresIn(value)).toBe(seconds);
  });
});

describe('refuses an expires_in that is not a number of seconds (the token request then fails as unexpected_shape)', () => {
  it.each([
    ['a negative number', -5],
    ['a negative huge number', -1e20],
    ['a negative numeric string', '-3600'],
    ['"NaN"', 'NaN'],
    ['"Infinity"', 'Infinity'],
    ['an exponent string', '1e20'],
    ['a word', 'soon'],
    ['an empty string', ''],
    ['a boolean', true],
    ['an object', { s: 1 }],
  ])('%s', (_what, value) => {
    expect(expiresIn(value)).toBeUndefined();
  });
});
