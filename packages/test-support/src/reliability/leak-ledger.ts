import type nock from 'nock';
import { findSecretForm } from './secret-forms';

/** A place where a value was found that must not be there. */
export interface Leak {
  secret: string;
  where: string;
}

/**
 * Everything a reliability suite produced that must be free of secrets: every error (from
 * the app's error handler and from the promise helpers) and every URL a provider saw, and
 * the secrets (client secrets, access and refresh tokens) that were in play.
 */
export class LeakLedger {
  /** Every error produced, in order. */
  readonly errors: unknown[] = [];
  /** Every request URL (path and query) a mocked or local provider received. */
  readonly urls: string[] = [];
  /** Every access token handed out, which must appear in no URL. */
  readonly accessTokens = new Set<string>();
  /** Every value that must appear in no error. */
  readonly secrets = new Set<string>();

  /** Registers a secret (client secret, refresh token). Returns it, for inline use. */
  secret(value: string): string {
    this.secrets.add(value);
    return value;
  }

  /** Registers an access token: a secret that also must never be in a URL. Returns it. */
  accessToken(value: string): string {
    this.accessTokens.add(value);
    this.secrets.add(value);
    return value;
  }

  /** Records the URL of every request a nock scope intercepts. Returns the scope. */
  watch(scope: nock.Scope): nock.Scope {
    scope.on('request', (req: { path?: string }) => this.urls.push(String(req.path)));
    return scope;
  }

  /** Awaits a promise that must reject, records its error and returns it. */
  async rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      this.errors.push(error);
      return error;
    }
    throw new Error('expected the promise to reject');
  }

  /**
   * Every place where a secret appears in an error's message, `String()`, JSON or stack: raw,
   * percent-encoded, JSON-escaped, in base64, or its start left where the text was cut.
   */
  errorLeaks(): Leak[] {
    return this.errors.flatMap((error, index) => this.leaksIn(error, `error #${index} `));
  }

  /** Every secret in play found in one error, in any form (see {@link LeakLedger.errorLeaks}). */
  leaksIn(error: unknown, label = ''): Leak[] {
    const leaks: Leak[] = [];
    const views = errorViews(error);
    for (const secret of this.secrets) {
      for (const [view, text] of Object.entries(views)) {
        const form = findSecretForm(text, secret) ?? findSecretStart(text, secret);
        if (form) leaks.push({ secret, where: `${label}${view} (${form})` });
      }
    }
    return leaks;
  }

  /** Every URL that carries an access token. */
  urlLeaks(): Leak[] {
    return this.urls.flatMap((url) =>
      [...this.accessTokens]
        .filter((token) => url.includes(token) || url.includes(encodeURIComponent(token)))
        .map((secret) => ({ secret, where: url })),
    );
  }
}

/**
 * The start of a secret left where a text was cut: a message shortened (`…`) before it was
 * redacted keeps the secret's first characters just before the ellipsis.
 */
function findSecretStart(text: string, secret: string): string | undefined {
  for (let at = text.indexOf('…'); at !== -1; at = text.indexOf('…', at + 1)) {
    for (let length = 6; length < secret.length; length++) {
      if (text.slice(at - length, at) === secret.slice(0, length)) return 'start left at a cut';
    }
  }
  return undefined;
}

function errorViews(error: unknown): Record<string, string> {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; stack?: unknown };
  let json: string;
  try {
    json =
      JSON.stringify(error, (_key, value: unknown) =>
        value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
      ) ?? '';
  } catch {
    json = '';
  }
  return {
    message: String(record.message ?? ''),
    'String()': String(error),
    'JSON.stringify()': json,
    stack: String(record.stack ?? ''),
  };
}
