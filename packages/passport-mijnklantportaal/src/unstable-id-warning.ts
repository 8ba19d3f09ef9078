/** The warning's code, for `process.on('warning')` filters. */
export const UNSTABLE_ID_WARNING_CODE = 'MIJNKLANTPORTAAL_UNSTABLE_ID';

/** What the warning says: why `profile.id` is not an account id, and what to key users on instead. */
export const UNSTABLE_ID_WARNING =
  'MijnKlantportaal strategy without userProfileURL: profile.id is derived from the access token and changes at every login ' +
  '(MijnKlantportaal documents no identity endpoint), so an app that keys users on it creates a new account each time. ' +
  'Link the connection to your own signed-in user instead (passReqToCallback: true, then key on req.user) and keep the refresh token with it, ' +
  'or set userProfileURL to an endpoint that identifies the account.';

let warned = false;

/**
 * Warns once per process, and only when `NODE_ENV` is `development`, that the default profile
 * id is not stable (see {@link UNSTABLE_ID_WARNING}). Through `process.emitWarning`, so it
 * reaches stderr and `process.on('warning')` without any logger.
 */
export function warnUnstableIdOnce(nodeEnv: string | undefined = process.env.NODE_ENV): void {
  if (warned || nodeEnv !== 'development') return;
  warned = true;
  process.emitWarning(UNSTABLE_ID_WARNING, { code: UNSTABLE_ID_WARNING_CODE });
}

/** Lets the next strategy warn again (tests only; not exported from the package). */
export function resetUnstableIdWarning(): void {
  warned = false;
}
