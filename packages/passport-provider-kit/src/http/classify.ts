import { cleanText, errorCodeFromBody, errorTextFromBody, isRecord, textOfErrorPage } from '../errors/error-body';
import type { FailureDetails, FailureReason } from '../errors/failure-reason';
import { ProviderApiError } from '../errors/provider-api-error';
import { ProviderTokenError } from '../errors/provider-token-error';
import { redactSecrets } from '../errors/redact';
import { parseBoundedJson } from '../json/parse-bounded-json';
import { send, TransportFailure, type HttpRequest, type HttpResponse, type SendSettings } from './send';

/** The JSON a request accepts: an object (the default), an array, or any JSON value; another is `unexpected_shape`. */
export type JsonShape = 'object' | 'array' | 'any';

/** The type of the parsed body for a {@link JsonShape}. */
export type JsonOf<S extends JsonShape> = S extends 'array'
  ? unknown[]
  : S extends 'any'
    ? unknown
    : Record<string, unknown>;

/**
 * A successful JSON response.
 *
 * @typeParam T - the parsed body: an object unless the call asked for an array or any JSON value.
 */
export interface JsonResponse<T = Record<string, unknown>> {
  /** The parsed body (`{}`, `[]` or `null` when an empty body was allowed). */
  json: T;
  /** The body as received. */
  raw: string;
  /** The HTTP status. */
  status: number;
}

/** One request to a provider endpoint, built to be sent and its answer classified. */
export interface EndpointRequest extends HttpRequest {
  /** How the endpoint is named in messages: `token endpoint`, `user endpoint`... */
  label: string;
  /** The token endpoint's failures are `ProviderTokenError`s, every other endpoint's `ProviderApiError`s. */
  endpoint: 'token' | 'api';
  /** Tokens or credentials in this request, kept out of any message. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Accept a 2xx with an empty body (a 204 from a revocation). */
  allowEmpty?: boolean;
  /** The JSON accepted (default `object`), or `text`: any 2xx but HTML, unparsed (node-oauth's callers). */
  json?: JsonShape | 'text';
}

/** What the classify step knows of a provider. */
export interface ClassifySettings {
  /** Human name of the provider, in every message. */
  provider: string;
  /** Where its error bodies put their text, in order of preference; `error.message` names a nested field. */
  errorFields: readonly string[];
  /** The option(s) that set each endpoint's URL, by label, named when it redirects. */
  urlOptions?: Readonly<Record<string, string>>;
  /** Values that must never appear in a message (the client secret). */
  secrets: ReadonlyArray<string | undefined>;
  /** Read the provider's text from a plain-text or HTML error body too. */
  textErrorBodies?: boolean;
}

/** Why a 2xx response cannot be used (see {@link refuse}). */
export interface ResponseRefusal {
  /** What is wrong, worded to follow "answered 200", e.g. `without an access_token`. */
  what: string;
  /** The parsed response, when its error fields may say why. */
  body?: unknown;
  /** Default `unexpected_shape`. */
  reason?: FailureReason;
  /** The provider's own error code, when the response carries one. */
  providerCode?: string;
  /** The provider's own text, when it is not in the body's error fields. */
  text?: string;
}

/** What a response body turned out to be; `problem` says how JSON broke the bounds (`nested deeper than 64 levels`). */
export type BodyKind =
  | { kind: 'json'; value: unknown }
  | { kind: 'html' | 'empty' | 'invalid_json' }
  | { kind: 'out_of_bounds'; problem: string };

/** Sends `request` (see {@link send}); a transport failure becomes the endpoint's typed error. */
export async function exchange(
  request: EndpointRequest,
  settings: ClassifySettings & SendSettings,
): Promise<HttpResponse> {
  try {
    return await send(request, settings);
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    throw failure(request, error.message, { reason: error.kind, providerStatus: error.status, cause: error }, settings);
  }
}

/**
 * The classify step: the checked JSON of a 2xx (or its text, for `json: 'text'`), or a typed
 * error naming the provider, the endpoint and the status, with the provider's text, secrets
 * redacted. A redirect, an error status, an HTML page, an empty body (unless allowed), JSON
 * beyond the bounds or of another shape are all refused.
 */
export function classify(
  request: EndpointRequest,
  response: HttpResponse,
  settings: ClassifySettings,
): JsonResponse<unknown> {
  const { status, body: raw } = response;
  if (status >= 300 && status < 400) {
    const where = describeRedirect(response.headers.location, request.url, settings.urlOptions?.[request.label]);
    throw failure(
      request,
      `answered ${status} (a redirect) instead of JSON${where}`,
      { reason: 'redirect', providerStatus: status },
      settings,
    );
  }
  const shape = request.json ?? 'object';
  const body = shape === 'text' && status < 400 ? textKind(response) : readJsonBody(response);
  if (status >= 400 || status < 200) throw errorAnswer(request, response, body, settings);
  const refused = (what: string, reason: FailureReason) =>
    failure(request, `answered ${status} ${what}`, { reason, providerStatus: status }, settings);
  switch (body.kind) {
    case 'json':
      if (
        shape === 'text' ||
        shape === 'any' ||
        (shape === 'array' ? Array.isArray(body.value) : isRecord(body.value))
      ) {
        return { json: body.value, raw, status };
      }
      throw refused(`with JSON that is not an ${shape}`, 'unexpected_shape');
    case 'empty':
      if (request.allowEmpty) return { json: shape === 'object' ? {} : shape === 'array' ? [] : null, raw, status };
      throw refused('with an empty body', 'empty_body');
    case 'html':
      throw refused('with an HTML page instead of JSON', 'html_body');
    case 'out_of_bounds':
      throw refused(`with JSON ${body.problem}`, 'unexpected_shape');
    case 'invalid_json':
      throw refused('with a body that is not valid JSON', 'invalid_json');
  }
}

/** A 2xx for `json: 'text'`: only an HTML page (and an empty body) is told apart, nothing is parsed. */
function textKind(response: HttpResponse): BodyKind {
  const text = response.body.trimStart();
  if (!text) return { kind: 'empty' };
  const html = text.startsWith('<') || String(response.headers['content-type']).toLowerCase().includes('html');
  return html ? { kind: 'html' } : { kind: 'json', value: undefined };
}

/**
 * Classifies a body without throwing: JSON within the default depth and width bounds, an HTML
 * page (a framework's error page, a login wall), empty, not JSON, or JSON beyond the bounds.
 */
export function readJsonBody(response: Pick<HttpResponse, 'body' | 'headers'>): BodyKind {
  const text = response.body.trim();
  if (!text) return { kind: 'empty' };
  if (
    text.startsWith('<') ||
    String(response.headers['content-type'] ?? '')
      .toLowerCase()
      .includes('html')
  )
    return { kind: 'html' };
  const parsed = parseBoundedJson(text, { maxBytes: Infinity });
  if (parsed.ok) return { kind: 'json', value: parsed.value };
  return parsed.refusal === 'invalid_json'
    ? { kind: 'invalid_json' }
    : { kind: 'out_of_bounds', problem: parsed.problem };
}

/** The error of a 4xx/5xx (or 1xx): the provider's text and code, `rate_limited` with `retryAfter` for a 429. */
function errorAnswer(
  request: EndpointRequest,
  response: HttpResponse,
  body: BodyKind,
  settings: ClassifySettings,
): Error {
  const { status } = response;
  const value = body.kind === 'json' ? body.value : undefined;
  const secrets = secretsOf(request, settings);
  const text =
    errorTextFromBody(withNestedFields(value, settings.errorFields), settings.errorFields, secrets) ??
    (settings.textErrorBodies && (body.kind === 'html' || body.kind === 'invalid_json')
      ? textOfErrorPage(response.body, secrets)
      : undefined);
  const retryAfter = status === 429 ? retryAfterSeconds(response) : undefined;
  const detail =
    text !== undefined
      ? `: ${text}`
      : body.kind === 'html'
        ? ' with an HTML page instead of a JSON error'
        : body.kind === 'empty'
          ? ' with an empty body'
          : '';
  const wait = retryAfter !== undefined ? ` (retry after ${retryAfter} s)` : '';
  return failure(
    request,
    `answered ${status}${detail}${wait}`,
    {
      reason: status === 429 ? 'rate_limited' : 'provider_error',
      providerStatus: status,
      retryAfter,
      providerCode: errorCodeFromBody(value),
    },
    settings,
  );
}

/**
 * The error of a 2xx that arrived whole but cannot be used (a token response without
 * `access_token`, a page without its list): `<Provider> <label> answered <status> <what>`,
 * then the provider's text (`refusal.text`, else from `refusal.body`'s error fields).
 */
export function refuse(
  request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
  status: number,
  { what, body, reason = 'unexpected_shape', providerCode, text }: ResponseRefusal,
  settings: ClassifySettings,
): ProviderTokenError | ProviderApiError {
  const secrets = secretsOf(request, settings);
  const found =
    (text === undefined ? undefined : cleanText(text, secrets) || undefined) ??
    (body === undefined
      ? undefined
      : errorTextFromBody(withNestedFields(body, settings.errorFields), settings.errorFields, secrets));
  const detail = found !== undefined ? `: ${found}` : '';
  return failure(
    request,
    `answered ${status} ${what}${detail}`,
    { reason, providerStatus: status, providerCode },
    settings,
  );
}

/**
 * The one place where the request path's errors are made: the message names the provider and
 * the endpoint, every secret redacted; the class follows the endpoint (token or API).
 */
export function failure(
  request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
  what: string,
  details: Omit<FailureDetails, 'provider'>,
  settings: ClassifySettings,
): ProviderTokenError | ProviderApiError {
  const secrets = secretsOf(request, settings);
  const message = redactSecrets(`${settings.provider} ${request.label} ${what}`, secrets);
  // A provider that echoes a secret as its error code must not put it in `code`/`providerCode`.
  const { providerCode } = details;
  const safeCode =
    providerCode !== undefined && redactSecrets(providerCode, secrets) === providerCode ? providerCode : undefined;
  const full: FailureDetails = { ...details, providerCode: safeCode, provider: settings.provider };
  return request.endpoint === 'token' ? new ProviderTokenError(message, full) : new ProviderApiError(message, full);
}

function secretsOf(request: Pick<EndpointRequest, 'secrets'>, settings: ClassifySettings): Array<string | undefined> {
  return request.secrets ? [...settings.secrets, ...request.secrets] : [...settings.secrets];
}

/** The body with each dotted error field (`error.message`) read out to a key of its own, as errorTextFromBody reads fields. */
function withNestedFields(body: unknown, fields: readonly string[]): unknown {
  if (!isRecord(body) || !fields.some((field) => field.includes('.'))) return body;
  const view: Record<string, unknown> = { ...body };
  for (const field of fields.filter((name) => name.includes('.'))) {
    view[field] = field.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), body);
  }
  return view;
}

/** Seconds from a `retry-after` header (delta-seconds or HTTP date), if it parses. */
export function retryAfterSeconds(response: Pick<HttpResponse, 'headers'>): number | undefined {
  const header = response.headers['retry-after'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Only an HTTP date (it begins with the day's name, RFC 9110 §5.6.7): Date.parse reads `-5` or `1.5` as years.
  if (!/^[A-Za-z]{3,9},? /.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * What a redirect's error adds (empty without a usable `Location`): where it points (origin and
 * path only: a query may carry secrets) and the option to set. Redirects are never followed: a
 * token or secret must not follow a `Location` to a host the app did not name.
 */
export function describeRedirect(
  location: string | string[] | undefined,
  requestURL: string | URL,
  option?: string,
): string {
  const value = Array.isArray(location) ? location[0] : location;
  if (typeof value !== 'string' || value === '' || !URL.canParse(value, String(requestURL))) return '';
  const target = new URL(value, requestURL);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return '';
  const set = option ? `set ${option} to it` : 'point this endpoint at it';
  return `: it points to ${target.origin}${target.pathname}; redirects are not followed, so if the provider has moved, ${set}`;
}
