import type { DemoUser } from './providers';

/**
 * Bounds on what the demo keeps in a session for a logged-in user. The session is serialized
 * (JSON) on every answer and kept in memory or Redis, and most of it comes from the provider:
 * without bounds, a profile of 1 MiB (or one nested 5,000 levels deep, which `JSON.stringify`
 * cannot write at all) breaks every page of that user, or the login itself.
 */
export const SESSION_BOUNDS = {
  /** Longest name or username kept (longer ones are shortened, with an ellipsis). */
  maxNameChars: 200,
  /** Longest `id` accepted: an id cannot be shortened, so a longer one fails the login. */
  maxIdChars: 256,
  /** E-mail addresses kept, and the longest kept (RFC 5321 allows 254 characters). */
  maxEmails: 10,
  maxEmailChars: 254,
  /** Scopes kept, and the longest kept. */
  maxScopes: 50,
  maxScopeChars: 100,
  /** Largest raw profile (`_json`) kept, in UTF-8 bytes of its JSON; a larger one is replaced by a note. */
  maxJsonBytes: 16 * 1024,
  /** Largest access or refresh token accepted, in bytes (servers refuse larger headers anyway). */
  maxTokenBytes: 8 * 1024,
} as const;

/** A login whose user cannot be kept in a session: a 502 page, as any bad provider answer. */
export class UnstorableUserError extends Error {
  /** The status the demo answers with. */
  readonly status = 502;

  constructor(message: string) {
    super(message);
    this.name = 'UnstorableUserError';
  }
}

/**
 * The user as the session keeps it: names shortened, lists capped, an oversized or
 * unserializable raw profile replaced by a note saying so.
 *
 * @param label - the provider's human name, for messages.
 * @throws UnstorableUserError for an `id` or a token that cannot be kept (too long).
 */
export function boundedDemoUser(user: DemoUser, label: string): DemoUser {
  if (user.id.length > SESSION_BOUNDS.maxIdChars) {
    throw new UnstorableUserError(
      `${label} gave a user id of ${user.id.length} characters; the demo keeps ids of at most ${SESSION_BOUNDS.maxIdChars}.`,
    );
  }
  assertStorableTokens(user, label);
  return {
    ...user,
    displayName: shortened(user.displayName, SESSION_BOUNDS.maxNameChars),
    username: user.username === undefined ? undefined : shortened(user.username, SESSION_BOUNDS.maxNameChars),
    emails: user.emails
      .filter((email) => email.length <= SESSION_BOUNDS.maxEmailChars)
      .slice(0, SESSION_BOUNDS.maxEmails),
    scopes: user.scopes
      .filter((scope) => scope.length <= SESSION_BOUNDS.maxScopeChars)
      .slice(0, SESSION_BOUNDS.maxScopes),
    json: boundedJson(user.json),
  };
}

/**
 * Refuses tokens too large to keep in a session (after a login or a refresh).
 * @throws UnstorableUserError naming the provider and the size, never the token.
 */
export function assertStorableTokens(tokens: Pick<DemoUser, 'accessToken' | 'refreshToken'>, label: string): void {
  for (const [what, token] of [
    ['access token', tokens.accessToken],
    ['refresh token', tokens.refreshToken],
  ] as const) {
    const bytes = token === undefined ? 0 : Buffer.byteLength(token, 'utf8');
    if (bytes > SESSION_BOUNDS.maxTokenBytes) {
      throw new UnstorableUserError(
        `${label} gave an ${what} of ${bytes} bytes; the demo keeps tokens of at most ${SESSION_BOUNDS.maxTokenBytes} bytes.`,
      );
    }
  }
}

/** The raw profile if its JSON fits {@link SESSION_BOUNDS.maxJsonBytes}, otherwise a note of why it is not kept. */
function boundedJson(json: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(json);
  } catch {
    return { note: 'The raw profile could not be written as JSON, so the demo did not keep it.' };
  }
  const bytes = text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
  if (bytes <= SESSION_BOUNDS.maxJsonBytes) return json;
  return {
    note: `The raw profile (${bytes} bytes) is larger than the ${SESSION_BOUNDS.maxJsonBytes} bytes the demo keeps.`,
  };
}

function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
