import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { cleanText, errorCodeFromBody, errorTextFromBody, isRecord, textOfErrorPage } from '../errors/error-body';
import type { FailureDetails, FailureReason } from '../errors/failure-reason';
import { ProviderApiError } from '../errors/provider-api-error';
import { ProviderTokenError } from '../errors/provider-token-error';
import { redactSecrets } from '../errors/redact';
import { describeRedirect } from './describe-redirect';
import { readJsonBody, retryAfterSeconds, type BodyKind } from './read-json';
import { sendRequest, type HttpResponse, type TransportFailure } from './send-request';

/** Settings of one provider's HTTP client. */
export interface ProviderHttpClientSettings {
  /** Human name of the provider, used in every message. */
  provider: string;
  /** Where this provider puts its error text, in order of preference; a dotted path (`error.message`) names a nested field. */
  errorFields: readonly string[];
  /** Deadline of each exchange, in ms. */
  timeoutMs: number;
  /** Largest response accepted, in bytes. */
  maxBodyBytes: number;
  /** The undici dispatcher to send through (proxy, custom CA); undici's global one otherwise. */
  dispatcher?: Dispatcher | Promise<Dispatcher>;
  /** The option(s) that set each endpoint's URL, by label (`token endpoint`...), named when it redirects. */
  urlOptions?: Readonly<Record<string, string>>;
  /** Values that must never appear in a message (the client secret). */
  secrets: readonly string[];
  /** Read the provider's text from a plain-text or HTML error body too (see `ProviderDefinition.textErrorBodies`). */
  textErrorBodies?: boolean;
}

/**
 * The JSON a request accepts: an object (the default), an array, or any JSON value. A 2xx
 * with another JSON value is an `unexpected_shape` error.
 */
export type JsonShape = 'object' | 'array' | 'any';

/** The type of the parsed body for a {@link JsonShape}. */
export type JsonOf<S extends JsonShape> = S extends 'array'
  ? unknown[]
  : S extends 'any'
    ? unknown
    : Record<string, unknown>;

/** One request to a provider endpoint. */
export interface EndpointRequest {
  /** How the endpoint is named in messages: `token endpoint`, `user endpoint`... */
  label: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The token endpoint's failures are `ProviderTokenError`s, every other endpoint's `ProviderApiError`s. */
  endpoint: 'token' | 'api';
  /** Tokens or credentials in this request, kept out of any message. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Accept a 2xx with an empty body (e.g. a 204 from a revocation): `{}`, `[]` or `null` by `json`. */
  allowEmpty?: boolean;
  /** The JSON accepted; default `object`. */
  json?: JsonShape;
}

/**
 * A successful JSON response.
 *
 * @typeParam T - the parsed body: an object unless the call asked for an array or any JSON value.
 */
export interface JsonResponse<T = Record<string, unknown>> {
  /** The parsed body (an empty object when an empty body was allowed). */
  json: T;
  /** The body as received. */
  raw: string;
  /** The HTTP status. */
  status: number;
}

/** A successful response of any kind but HTML, for `_oauth2.get` (which hands the body over as text). */
export interface TextResponse {
  /** The body as received. */
  raw: string;
  /** The HTTP status. */
  status: number;
  /** The response's headers. */
  headers: IncomingHttpHeaders;
}

/** Why a 2xx response cannot be used (see {@link ProviderHttpClient.refuseResponse}). */
export interface ResponseRefusal {
  /** What is wrong, worded to follow "answered 200", e.g. `without an access_token`. */
  what: string;
  /** The parsed response, when its error text may say why (a 200 carrying `{"error": …}`). */
  body?: unknown;
  /** Default `unexpected_shape`. */
  reason?: FailureReason;
  /** The provider's own error code, when the response carries one. */
  providerCode?: string;
  /** The provider's own text, when it is not in the body's error fields (cleaned and redacted here). */
  text?: string;
}

/**
 * The one place where a strategy talks HTTP to its provider: deadlines, keep-alive
 * connection reuse, size caps, and every kind of bad response turned into a typed error whose
 * message names the provider, the endpoint and the status and carries the provider's own
 * text, with secrets redacted.
 */
export class ProviderHttpClient {
  constructor(private readonly settings: ProviderHttpClientSettings) {}

  /** Sends the request and resolves with its JSON object, or rejects with a typed error. */
  async requestJson<S extends JsonShape = 'object'>(
    request: EndpointRequest & { json?: S },
  ): Promise<JsonResponse<JsonOf<S>>> {
    // interpret() has checked the value against request.json.
    return this.interpret(request, await this.exchange(request)) as JsonResponse<JsonOf<S>>;
  }

  /**
   * Sends the request and resolves with its body as text when the response is a 2xx that is not
   * an HTML page; a redirect, an HTML page and any other status reject with a typed error.
   */
  async requestText(request: EndpointRequest): Promise<TextResponse> {
    const response = await this.exchange(request);
    const body = this.refuseUnusable(request, response);
    if (body.kind === 'empty' && !request.allowEmpty) {
      throw this.errorFor(request, `answered ${response.status} with an empty body`, {
        reason: 'empty_body',
        providerStatus: response.status,
      });
    }
    return { raw: response.body, status: response.status, headers: response.headers };
  }

  private async exchange(request: EndpointRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    let response: HttpResponse;
    try {
      response = await sendRequest({
        method: request.method,
        url,
        headers: request.headers,
        body: request.body,
        timeoutMs: this.settings.timeoutMs,
        maxBodyBytes: this.settings.maxBodyBytes,
        dispatcher: this.settings.dispatcher,
      });
    } catch (error) {
      const failure = error as TransportFailure;
      throw this.errorFor(request, failure.message, {
        reason: failure.kind,
        providerStatus: failure.status,
        cause: failure,
      });
    }
    return response;
  }

  /** Refuses a redirect, an error status and an HTML page; returns what the body is otherwise. */
  private refuseUnusable(request: EndpointRequest, response: HttpResponse): BodyKind {
    const { status } = response;
    if (status >= 300 && status < 400) {
      const where = describeRedirect(response.headers.location, request.url, this.settings.urlOptions?.[request.label]);
      throw this.errorFor(request, `answered ${status} (a redirect) instead of JSON${where}`, {
        reason: 'redirect',
        providerStatus: status,
      });
    }
    const body = readJsonBody(response);
    if (status >= 400 || status < 200) return this.rejectErrorResponse(request, response, body);
    if (body.kind === 'html') {
      throw this.errorFor(request, `answered ${status} with an HTML page instead of JSON`, {
        reason: 'html_body',
        providerStatus: status,
      });
    }
    return body;
  }

  private interpret(request: EndpointRequest, response: HttpResponse): JsonResponse<unknown> {
    const { status } = response;
    const body = this.refuseUnusable(request, response);
    const shape = request.json ?? 'object';
    switch (body.kind) {
      case 'json': {
        const { value } = body;
        const fits = shape === 'any' || (shape === 'array' ? Array.isArray(value) : isRecord(value));
        if (fits) return { json: value, raw: response.body, status };
        throw this.errorFor(request, `answered ${status} with JSON that is not an ${shape}`, {
          reason: 'unexpected_shape',
          providerStatus: status,
        });
      }
      case 'empty':
        if (request.allowEmpty) return { json: EMPTY_VALUE[shape](), raw: '', status };
        throw this.errorFor(request, `answered ${status} with an empty body`, {
          reason: 'empty_body',
          providerStatus: status,
        });
      case 'out_of_bounds':
        throw this.errorFor(request, `answered ${status} with JSON ${body.problem}`, {
          reason: 'unexpected_shape',
          providerStatus: status,
        });
      case 'html':
      case 'invalid_json':
        throw this.errorFor(request, `answered ${status} with a body that is not valid JSON`, {
          reason: 'invalid_json',
          providerStatus: status,
        });
    }
  }

  private rejectErrorResponse(request: EndpointRequest, response: HttpResponse, body: BodyKind): never {
    const { status } = response;
    const value = body.kind === 'json' ? body.value : undefined;
    const secrets = this.secretsOf(request);
    const text =
      errorTextFromBody(withNestedFields(value, this.settings.errorFields), this.settings.errorFields, secrets) ??
      (this.settings.textErrorBodies && (body.kind === 'html' || body.kind === 'invalid_json')
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
    throw this.errorFor(request, `answered ${status}${detail}${wait}`, {
      reason: status === 429 ? 'rate_limited' : 'provider_error',
      providerStatus: status,
      retryAfter,
      providerCode: errorCodeFromBody(value),
    });
  }

  /**
   * The error for a 2xx response that arrived whole but cannot be used (a token response without
   * `access_token`, a page without its list), worded like every other failure of this client:
   * `<Provider> <label> answered <status> <what>`, followed by the provider's own error text
   * when `refusal.body` has one in its error fields.
   */
  refuseResponse(
    request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
    status: number,
    refusal: ResponseRefusal,
  ): ProviderTokenError | ProviderApiError {
    const { what, body, reason = 'unexpected_shape', providerCode } = refusal;
    const secrets = this.secretsOf(request);
    const text =
      (refusal.text === undefined ? undefined : cleanText(refusal.text, secrets) || undefined) ??
      (body === undefined
        ? undefined
        : errorTextFromBody(withNestedFields(body, this.settings.errorFields), this.settings.errorFields, secrets));
    const detail = text !== undefined ? `: ${text}` : '';
    return this.errorFor(request, `answered ${status} ${what}${detail}`, {
      reason,
      providerStatus: status,
      providerCode,
    });
  }

  /**
   * Builds the error of one failed request: the one place where this client's errors are
   * made. The message names the provider and the endpoint and has every secret redacted; the
   * class follows the endpoint (token or API).
   */
  private errorFor(
    request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
    what: string,
    details: Omit<FailureDetails, 'provider'>,
  ): ProviderTokenError | ProviderApiError {
    const secrets = this.secretsOf(request);
    const message = redactSecrets(`${this.settings.provider} ${request.label} ${what}`, secrets);
    // A provider that echoes a secret as its error code must not put it in `code`/`providerCode`.
    const { providerCode } = details;
    const safeCode =
      providerCode !== undefined && redactSecrets(providerCode, secrets) === providerCode ? providerCode : undefined;
    const full: FailureDetails = { ...details, providerCode: safeCode, provider: this.settings.provider };
    return request.endpoint === 'token' ? new ProviderTokenError(message, full) : new ProviderApiError(message, full);
  }

  /** The client's and the request's secrets, redacted from the provider's text before it is cut. */
  private secretsOf(request: Pick<EndpointRequest, 'secrets'>): Array<string | undefined> {
    return [...this.settings.secrets, ...(request.secrets ?? [])];
  }
}

/** What an allowed empty body becomes, for each {@link JsonShape}. */
const EMPTY_VALUE: Record<JsonShape, () => unknown> = { object: () => ({}), array: () => [], any: () => null };

/** The body with each dotted error field (`error.message`) read out to a key of its own, as errorTextFromBody reads fields. */
function withNestedFields(body: unknown, fields: readonly string[]): unknown {
  if (!isRecord(body) || !fields.some((field) => field.includes('.'))) return body;
  const view: Record<string, unknown> = { ...body };
  for (const field of fields) {
    if (!field.includes('.')) continue;
    view[field] = field.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), body);
  }
  return view;
}
