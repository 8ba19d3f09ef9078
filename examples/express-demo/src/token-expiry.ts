/**
 * The access token's expiry as the demo stores (epoch ms) and shows it. The kit already clamps
 * a huge `expires_in` to 10 years; these checks keep any page from failing on an expiry `Date`
 * cannot hold anyway (a session stored earlier, another strategy, a hand-made session).
 */

/** The largest time `Date` can hold, in ms either side of 1970 (ECMAScript §21.4.1.22). */
const MAX_DATE_MS = 8.64e15;

/** A stored expiry as a `Date`, or `undefined` when it is not a time `Date` can hold. */
export function expiryDate(expiresAt: unknown): Date | undefined {
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || Math.abs(expiresAt) > MAX_DATE_MS) {
    return undefined;
  }
  return new Date(expiresAt);
}

/**
 * When a token that lives `seconds` (a token answer's `expires_in`) expires, in epoch ms; `undefined`
 * when the provider gave no lifetime, or one that is not a non-negative number giving a valid date.
 */
export function expiresAtFrom(seconds: unknown, now = Date.now()): number | undefined {
  if (typeof seconds !== 'number' || !(seconds >= 0)) return undefined;
  const expiresAt = now + seconds * 1000;
  return expiryDate(expiresAt) ? expiresAt : undefined;
}
