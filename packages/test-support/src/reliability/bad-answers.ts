import type nock from 'nock';

/** Bytes over the strategies' default `maxResponseBytes` (1 MiB). */
export const OVERSIZED_BYTES = 1024 * 1024 + 1;

/** A provider error text that every provider's error fields pick up. */
const ERROR_TEXT = 'Upstream is down';
/** An error body with the text in every field the four providers read. */
export const PROVIDER_ERROR_BODY = {
  error: ERROR_TEXT,
  error_description: ERROR_TEXT,
  message: ERROR_TEXT,
  detail: ERROR_TEXT,
};

/** One kind of bad answer and how the strategy must report it. */
export interface BadAnswer {
  /** Completes "when the endpoint answers …". */
  title: string;
  /** Which endpoints it applies to. */
  endpoints: ReadonlyArray<'token' | 'profile'>;
  /** Makes the mocked endpoint answer this way. */
  reply(interceptor: nock.Interceptor): nock.Scope;
  /** The error's `reason`. */
  reason: string;
  /** The HTTP status the provider answered with (named in the message). */
  providerStatus: number;
  /** The status the app answers with. */
  status: number;
  /** Texts the message must contain. */
  mentions?: readonly string[];
  /** The `retryAfter` the error must carry. */
  retryAfter?: number;
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Server Error</title></head><body><h1>Whoops, looks like something went wrong.</h1></body></html>';
const both = ['token', 'profile'] as const;

/** The bad answers of issue 4, each checked on the token and the profile endpoint. */
export const BAD_ANSWERS: readonly BadAnswer[] = [
  {
    title: 'a 200 with an HTML page',
    endpoints: both,
    reply: (i) => i.reply(200, HTML_PAGE, { 'content-type': 'text/html; charset=utf-8' }),
    reason: 'html_body',
    providerStatus: 200,
    status: 502,
    mentions: ['HTML'],
  },
  {
    title: 'a 500 with an HTML error page',
    endpoints: both,
    reply: (i) => i.reply(500, HTML_PAGE, { 'content-type': 'text/html' }),
    reason: 'provider_error',
    providerStatus: 500,
    status: 502,
    mentions: ['HTML'],
  },
  {
    title: 'a 200 with an empty body',
    endpoints: both,
    reply: (i) => i.reply(200, ''),
    reason: 'empty_body',
    providerStatus: 200,
    status: 502,
  },
  {
    title: 'a 200 with invalid JSON',
    endpoints: both,
    reply: (i) => i.reply(200, '{"access_token": "abc", "id": ', { 'content-type': 'application/json' }),
    reason: 'invalid_json',
    providerStatus: 200,
    status: 502,
  },
  {
    title: 'a 200 with a JSON array',
    endpoints: both,
    reply: (i) => i.reply(200, '[{"access_token": "abc", "id": 1}]', { 'content-type': 'application/json' }),
    reason: 'unexpected_shape',
    providerStatus: 200,
    status: 502,
  },
  {
    title: 'a 200 with a JSON string',
    endpoints: both,
    reply: (i) => i.reply(200, '"access_token"', { 'content-type': 'application/json' }),
    reason: 'unexpected_shape',
    providerStatus: 200,
    status: 502,
  },
  {
    title: 'a 200 with an object without access_token',
    endpoints: ['token'],
    reply: (i) => i.reply(200, { token_type: 'Bearer', expires_in: 3600 }),
    reason: 'unexpected_shape',
    providerStatus: 200,
    status: 502,
    mentions: ['without an access_token'],
  },
  {
    title: 'a 200 carrying an error instead of an access_token',
    endpoints: ['token'],
    reply: (i) => i.reply(200, { error: 'invalid_grant', error_description: 'The code has expired' }),
    // The provider's error code makes it the provider's error (reason provider_error, providerCode kept).
    reason: 'provider_error',
    providerStatus: 200,
    status: 502,
    mentions: ['without an access_token'],
  },
  {
    title: "a 200 carrying an error body instead of an access_token (the provider's text is kept)",
    endpoints: ['token'],
    reply: (i) => i.reply(200, PROVIDER_ERROR_BODY),
    reason: 'unexpected_shape',
    providerStatus: 200,
    status: 502,
    mentions: ['without an access_token', ERROR_TEXT],
  },
  ...(
    [
      ['a negative expires_in', -3600],
      ['a negative numeric string expires_in', '-3600'],
      ['a "NaN" expires_in', 'NaN'],
      ['an "Infinity" expires_in', 'Infinity'],
      ['an exponent string expires_in', '1e20'],
    ] as const
  ).map(([what, expiresIn]): BadAnswer => ({
    title: `a 200 with ${what}`,
    endpoints: ['token'],
    reply: (i) => i.reply(200, { access_token: 'at-bad-expiry', token_type: 'Bearer', expires_in: expiresIn }),
    reason: 'unexpected_shape',
    providerStatus: 200,
    status: 502,
    mentions: ['with an expires_in that is not a number of seconds'],
  })),
  {
    title: 'a 200 with an object without id',
    endpoints: ['profile'],
    reply: (i) => i.reply(200, { name: 'No Id', email: 'no-id@example.com' }),
    reason: 'invalid_profile',
    providerStatus: 200,
    status: 502,
    mentions: ['without an id'],
  },
  {
    title: 'a 302 redirect',
    endpoints: both,
    reply: (i) => i.reply(302, '', { location: 'https://login.example.com/' }),
    reason: 'redirect',
    providerStatus: 302,
    status: 502,
    mentions: ['redirect'],
  },
  {
    title: 'a 503 with an error body',
    endpoints: both,
    reply: (i) => i.reply(503, PROVIDER_ERROR_BODY),
    reason: 'provider_error',
    providerStatus: 503,
    status: 502,
    mentions: [ERROR_TEXT],
  },
  {
    title: 'a 429 with retry-after',
    endpoints: both,
    reply: (i) =>
      i.reply(
        429,
        {
          ...PROVIDER_ERROR_BODY,
          message: 'Too many requests',
          error: 'Too many requests',
          error_description: 'Too many requests',
          detail: 'Too many requests',
        },
        { 'retry-after': '30' },
      ),
    reason: 'rate_limited',
    providerStatus: 429,
    status: 429,
    retryAfter: 30,
    mentions: ['Too many requests', 'retry after 30 s'],
  },
  {
    title: 'a 200 with a body over 1 MiB',
    endpoints: both,
    reply: (i) => i.reply(200, `{"padding": "${'a'.repeat(OVERSIZED_BYTES)}"}`, { 'content-type': 'application/json' }),
    reason: 'body_too_large',
    providerStatus: 200,
    status: 502,
    mentions: [String(1024 * 1024)],
  },
];

/**
 * `expires_in` values too large for a date (`Date.now() + expires_in * 1000` out of `Date`'s
 * range), as JSON text: the kit clamps each to `MAX_EXPIRES_IN_SECONDS` (10 years).
 */
export const HUGE_EXPIRES_IN: ReadonlyArray<{ title: string; json: string }> = [
  { title: '1e20', json: '1e20' },
  { title: 'the string "99999999999999999999"', json: '"99999999999999999999"' },
  { title: '1e400 (Infinity once parsed)', json: '1e400' },
  { title: '1.7976931348623157e308', json: '1.7976931348623157e308' },
];
