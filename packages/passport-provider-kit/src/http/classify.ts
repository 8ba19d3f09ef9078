import { cleanText, errorCodeFromBody, errorTextFromBody, isRecord, textOfErrorPage } from '../errors/error-body';
import type { FailureDetails } from '../errors/failure-reason';
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

/** A successful JSON response: `json` the parsed body (`{}`, `[]` or `null` for an allowed empty one), `raw` as received. */
export interface JsonResponse<T = Record<string, unknown>> {
  json: T;
  raw: string;
  status: number;
}

/** One request to a provider endpoint: `endpoint` picks the error class, `secrets` are kept out of every message. */
export interface EndpointRequest extends HttpRequest {
  /** Names the endpoint in messages (`token endpoint`). */
  label: string;
  endpoint: 'token' | 'api';
  secrets?: ReadonlyArray<string | undefined>;
  /** Accepts an empty 2xx (a 204). */
  allowEmpty?: boolean;
  /** The JSON accepted (default `object`), or `text`: any 2xx but HTML, unparsed (node-oauth's callers). */
  json?: JsonShape | 'text';
}

/** What the classify step knows of a provider (see `ProviderDefinition`); `secrets` are never shown. */
export interface ClassifySettings {
  provider: string;
  errorFields: readonly string[];
  urlOptions?: Readonly<Record<string, string>>;
  secrets: ReadonlyArray<string | undefined>;
  textErrorBodies?: boolean;
}

/** Why a 2xx cannot be used: `what` follows "answered 200"; the provider's text is `text`, else in `body`'s error fields. */
export type Refusal = Partial<Pick<FailureDetails, 'reason' | 'providerCode'>> & {
  what: string;
  body?: unknown;
  text?: string;
};

/** What a response body turned out to be; `problem` says how JSON broke the bounds (`nested deeper than 64 levels`). */
export type BodyKind =
  | { kind: 'json'; value: unknown }
  | { kind: 'html' | 'empty' | 'invalid_json' }
  | { kind: 'out_of_bounds'; problem: string };

/** Sends `request` ({@link send}); a transport failure becomes the endpoint's typed error. */
export async function exchange(request: EndpointRequest, settings: ClassifySettings & SendSettings) {
  try {
    return await send(request, settings);
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    throw failure(request, error.message, { reason: error.kind, providerStatus: error.status, cause: error }, settings);
  }
}

/** The classify step: the checked JSON of a 2xx, or a typed error with the provider's status and text. */
export function classify(request: EndpointRequest, response: HttpResponse, settings: ClassifySettings) {
  const { status, body: raw, headers } = response;
  const fail = (what: string, details: Omit<FailureDetails, 'provider'>) =>
    failure(request, `answered ${status}${what}`, { providerStatus: status, ...details }, settings);
  if (status >= 300 && status < 400) {
    const where = describeRedirect(headers.location, request.url, settings.urlOptions?.[request.label]);
    throw fail(` (a redirect) instead of JSON${where}`, { reason: 'redirect' });
  }
  const body = readJsonBody(response);
  const { kind } = body;
  const value = body.kind === 'json' ? body.value : undefined;
  if (status >= 400 || status < 200) {
    const page = settings.textErrorBodies && (kind === 'html' || kind === 'invalid_json');
    const text =
      errorTextFromBody(value, settings.errorFields, secretsOf(request, settings)) ??
      (page ? textOfErrorPage(raw, secretsOf(request, settings)) : undefined);
    const retryAfter = status === 429 ? retryAfterSeconds(response) : undefined;
    const bare =
      kind === 'html' ? ' with an HTML page instead of a JSON error' : kind === 'empty' ? ' with an empty body' : '';
    const wait = retryAfter === undefined ? '' : ` (retry after ${retryAfter} s)`;
    const reason = status === 429 ? 'rate_limited' : 'provider_error';
    throw fail(`${text === undefined ? bare : `: ${text}`}${wait}`, {
      reason,
      retryAfter,
      providerCode: errorCodeFromBody(value),
    });
  }
  const shape = request.json ?? 'object';
  const json: unknown = kind === 'empty' ? (shape === 'object' ? {} : shape === 'array' ? [] : null) : value;
  if (
    kind === 'empty' ? request.allowEmpty : shape === 'text' ? kind !== 'html' : kind === 'json' && fits(shape, value)
  ) {
    return { json, raw, status } as JsonResponse<unknown>;
  }
  const refused = {
    json: [` with JSON that is not an ${shape}`, 'unexpected_shape'],
    empty: [' with an empty body', 'empty_body'],
    html: [' with an HTML page instead of JSON', 'html_body'],
    out_of_bounds: [` with JSON ${body.kind === 'out_of_bounds' && body.problem}`, 'unexpected_shape'],
    invalid_json: [' with a body that is not valid JSON', 'invalid_json'],
  } as const;
  throw fail(refused[kind][0], { reason: refused[kind][1] });
}

function fits(shape: JsonShape | 'text', value: unknown): boolean {
  return shape === 'any' || (shape === 'array' ? Array.isArray(value) : isRecord(value));
}

/** Classifies a body without throwing: JSON within the default bounds, an HTML page, empty, not JSON, or JSON beyond the bounds. */
export function readJsonBody({ body, headers }: Pick<HttpResponse, 'body' | 'headers'>): BodyKind {
  const text = body.trim();
  if (!text) return { kind: 'empty' };
  if (text.startsWith('<') || String(headers['content-type']).toLowerCase().includes('html')) return { kind: 'html' };
  const parsed = parseBoundedJson(text, { maxBytes: Infinity });
  if (parsed.ok) return { kind: 'json', value: parsed.value };
  const { refusal, problem } = parsed;
  return refusal === 'invalid_json' ? { kind: 'invalid_json' } : { kind: 'out_of_bounds', problem };
}

/** The error of a 2xx that arrived whole but cannot be used (a token response without `access_token`), worded like the others. */
export function refuse(
  request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
  status: number,
  { what, body, text, reason = 'unexpected_shape', providerCode }: Refusal,
  settings: ClassifySettings,
): ProviderTokenError | ProviderApiError {
  const given = text === undefined ? undefined : cleanText(text, secretsOf(request, settings)) || undefined;
  const found = given ?? errorTextFromBody(body, settings.errorFields, secretsOf(request, settings));
  const message = `answered ${status} ${what}${found === undefined ? '' : `: ${found}`}`;
  return failure(request, message, { reason, providerStatus: status, providerCode }, settings);
}

/** Makes every error of the request path: provider and endpoint named, secrets redacted, the class by endpoint. */
export function failure(
  request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
  what: string,
  details: Omit<FailureDetails, 'provider'>,
  settings: ClassifySettings,
): ProviderTokenError | ProviderApiError {
  const secrets = secretsOf(request, settings);
  const message = redactSecrets(`${settings.provider} ${request.label} ${what}`, secrets);
  // A provider that echoes a secret as its error code must not put it in `code`/`providerCode`.
  const { providerCode: code } = details;
  const providerCode = code !== undefined && redactSecrets(code, secrets) === code ? code : undefined;
  const full: FailureDetails = { ...details, providerCode, provider: settings.provider };
  return request.endpoint === 'token' ? new ProviderTokenError(message, full) : new ProviderApiError(message, full);
}

function secretsOf(request: Pick<EndpointRequest, 'secrets'>, settings: ClassifySettings) {
  return request.secrets ? [...settings.secrets, ...request.secrets] : settings.secrets;
}

/** Seconds from a `retry-after` header (delta-seconds or HTTP date), if it parses. */
export function retryAfterSeconds({ headers }: Pick<HttpResponse, 'headers'>): number | undefined {
  const header = headers['retry-after'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Only an HTTP date (it begins with the day's name, RFC 9110 §5.6.7): Date.parse reads `-5` or `1.5` as years.
  const date = /^[A-Za-z]{3,9},? /.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Where a redirect points (origin and path: a query may carry secrets) and the option to set; never followed. */
export function describeRedirect(location: string | string[] | undefined, from: string | URL, option?: string) {
  const value = Array.isArray(location) ? location[0] : location;
  const target = value && URL.canParse(value, String(from)) ? new URL(value, from) : undefined;
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) return '';
  const set = option ? `set ${option} to it` : 'point this endpoint at it';
  return `: it points to ${target.origin}${target.pathname}; redirects are not followed, so if the provider has moved, ${set}`;
}
