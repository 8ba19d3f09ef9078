import OAuth2Strategy, { AuthorizationError, InternalOAuthError } from 'passport-oauth2';
import { cleanText } from '../errors/error-body';
import { ProviderApiError } from '../errors/provider-api-error';
import { redactSecrets } from '../errors/redact';
import { classify, exchange, refuse, type EndpointRequest, type JsonOf, type JsonResponse } from '../http/classify';
import type { JsonShape } from '../http/classify';
import { MAX_RATE_LIMIT_WAIT_SECONDS, resolveApiURL, type ApiGetOptions } from './api-call';
import { apiHeaders, requestToken, type ProviderClient } from '../oauth/provider-client';
import { MAX_GRANT_VALUE_LENGTH, providerOAuth2Class, type ProviderOAuth2 } from '../oauth/provider-oauth2';
import type { TokenParams, TokenSet } from '../oauth/token-set';
import type { ProviderProfile } from '../profile/provider-profile';
import type { ProviderStrategyOptions, StateStoreMeta, StateVerifyCallback, StrategyRequest } from './options';
import type { WithRequest, WithoutRequest } from './options';
import type { ProviderDefinition } from './provider-definition';
import { definitionFor, stateStoreFor } from './resolve-options';
import { settle } from '../oauth/settle';
import type { AnyVerifyFunction, VerifyFunction, VerifyFunctionWithParams } from './verify';
import type { VerifyFunctionWithRequest, VerifyFunctionWithRequestAndParams } from './verify';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** An OAuth error code as RFC 6749 §4.1.2.1 allows it (no quotes, no backslash), kept short. */
const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;
/** passport-oauth2's statuses for the error codes it maps; the kit answers 502 for the others (see docs/architecture.md). */
const ERROR_CALLBACK_STATUS: Readonly<Record<string, number>> = { server_error: 502, temporarily_unavailable: 503 };
type Done<T> = (err?: unknown, value?: T) => void;

/**
 * The base of the strategies: passport-oauth2's `OAuth2Strategy` with a provider-aware `_oauth2`, state on by
 * default, `?error=` callbacks checked against the state, and token helpers (see docs/architecture.md). A provider
 * subclasses it with a static `describe(options)` returning its {@link ProviderDefinition} and a `loadProfile`.
 */
export abstract class ProviderStrategy<
  TProfile extends ProviderProfile,
  TOptions extends ProviderStrategyOptions = ProviderStrategyOptions,
> extends OAuth2Strategy {
  /** The provider this strategy talks to, resolved from its definition and the options. */
  protected readonly provider: ProviderDefinition;
  /** The options the strategy was made with. */
  protected readonly options: Readonly<TOptions>;
  /** The one request path (build, send with undici, classify): token grants, API calls, and `this._oauth2`'s calls. */
  protected readonly client: ProviderClient;
  /** False when state is off: a callback's `error_description` is then never trusted. */
  private readonly checksState: boolean;

  constructor(options: WithoutRequest<TOptions>, verify: VerifyFunction<TProfile>);
  constructor(options: WithoutRequest<TOptions>, verify: VerifyFunctionWithParams<TProfile>);
  constructor(options: WithRequest<TOptions>, verify: VerifyFunctionWithRequest<TProfile>);
  constructor(options: WithRequest<TOptions>, verify: VerifyFunctionWithRequestAndParams<TProfile>);
  // A verify typed for @types/passport-oauth2 (its refreshToken is a string).
  constructor(options: WithoutRequest<TOptions>, verify: OAuth2Strategy.VerifyFunction<TProfile, TokenParams>);
  constructor(options: WithRequest<TOptions>, verify: OAuth2Strategy.VerifyFunctionWithRequest<TProfile, TokenParams>);
  constructor(
    options: TOptions & { passReqToCallback?: boolean },
    verify: AnyVerifyFunction<TProfile> | OAuth2Strategy.VerifyFunction | OAuth2Strategy.VerifyFunctionWithRequest,
  ) {
    const described = new.target as unknown as {
      describe?(options: ProviderStrategyOptions): ProviderDefinition;
      checkOptions?(options: ProviderStrategyOptions): void;
    };
    const className = new.target.name;
    if (typeof described.describe !== 'function')
      throw new TypeError(`${className} must define a static describe(options)`);
    if (typeof options !== 'object' || options === null) throw new TypeError(`${className} requires an options object`);
    described.checkOptions?.(options);
    const provider = definitionFor(described.describe(options), options);
    const key = options.sessionKey ?? `oauth2:${new URL(provider.authorizationURL).hostname}`;
    const store = stateStoreFor(options, provider.name, key);
    super(
      {
        ...options,
        authorizationURL: provider.authorizationURL,
        tokenURL: provider.token.url,
        scope: (options.scope ?? provider.defaultScope) as string | string[] | undefined,
        scopeSeparator: provider.scopeSeparator,
        sessionKey: key,
        state: store !== undefined,
        // passport-oauth2's types know only two of the store forms it calls, and only a boolean pkce.
        store: store as OAuth2Strategy.StateStore | undefined,
        pkce: (options.pkce ?? false) as boolean,
        passReqToCallback: options.passReqToCallback as false | undefined,
      },
      verify as OAuth2Strategy.VerifyFunction,
    );
    this.name = provider.name;
    this.provider = provider;
    this.options = options;
    this.checksState = store !== undefined;
    const { timeout, maxResponseBytes, clientID, clientSecret, dispatcher, agent, customHeaders } = options;
    this.client = {
      ...provider,
      dispatcher,
      agent,
      customHeaders,
      provider: provider.displayName,
      secrets: [clientSecret],
      timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      // The token in a header, never in the URL.
      bearerHeaders: provider.bearerHeaders ?? ((token) => ({ Authorization: `Bearer ${token}` })),
      credentials: { clientID, clientSecret },
    };
    const Client = providerOAuth2Class(this.client);
    this._oauth2 = new Client(clientID, clientSecret, '', provider.authorizationURL, provider.token.url, customHeaders);
  }

  /** passport-oauth2's `authenticate`, but a callback with `error` is answered once its state is checked. */
  override authenticate(req: StrategyRequest, options?: object): void {
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (query.error) return this.reportErrorCallback(req, query, options);
    super.authenticate(req, options);
  }

  /** passport-oauth2's profile step, handing `loadProfile` this login's token response (see docs/architecture.md). */
  protected _loadUserProfile(accessToken: string, done: Done<TProfile>): void {
    const params = (this._oauth2 as Partial<ProviderOAuth2>).tokenResponseFor?.(accessToken);
    const load = (err: unknown, skip?: unknown): void =>
      err ? done(err) : skip ? done() : this.userProfile(accessToken, done, params);
    const skip = this.options.skipUserProfile;
    if (typeof skip !== 'function') return load(null, skip);
    if (skip.length > 1) return (skip as AsyncSkip)(accessToken, load);
    let skipped: boolean;
    try {
      // passport-oauth2 would call a function of one parameter with none; the kit gives it the token.
      skipped = skip.length === 1 ? (skip as (token: string) => boolean)(accessToken) : (skip as () => boolean)();
    } catch (err) {
      return done(err);
    }
    load(null, skipped);
  }

  /** Builds the profile with {@link ProviderStrategy.loadProfile} (`params` is given within a login). */
  override userProfile(accessToken: string, done: Done<TProfile>, params?: TokenParams): void {
    // Through a promise, so that a loadProfile that throws instead of rejecting fails the login too.
    const profile = Promise.resolve().then(() => this.loadProfile(accessToken, params));
    settle(profile, done);
  }

  /** Trades a refresh token for a {@link TokenSet} (`refreshToken` the rotated one or this one); else a `ProviderTokenError`. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    if (typeof refreshToken !== 'string' || refreshToken === '' || refreshToken.length > MAX_GRANT_VALUE_LENGTH) {
      throw new TypeError(`${this.provider.displayName} refresh() requires a refresh token`);
    }
    return this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** GETs a path under `apiBaseURL`, the token in the provider's header(s) ({@link ApiGetOptions}); else a `ProviderApiError`. */
  async apiGet<S extends JsonShape = 'object'>(
    accessToken: string,
    pathOrURL: string,
    { json, query, retryRateLimitedWithin: within, label }: ApiGetOptions<S> = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    const { displayName: provider, apiBaseURL } = this.provider;
    if (typeof accessToken !== 'string' || accessToken === '')
      throw new TypeError(`${provider} API call requires an access token`);
    const url = resolveApiURL({ provider, apiBaseURL }, pathOrURL, query);
    if (within !== undefined && !(within >= 0 && within <= MAX_RATE_LIMIT_WAIT_SECONDS))
      throw new TypeError(`${provider} API call: retryRateLimitedWithin must be a number of seconds from 0 to 60`);
    const send = () => this.callApi(label ?? `API GET ${url.pathname}`, 'GET', url.href, accessToken, { json });
    try {
      return await send();
    } catch (error) {
      // The opt-in single retry after a short 429.
      const wait = error instanceof ProviderApiError && error.reason === 'rate_limited' ? error.retryAfter : undefined;
      if (within === undefined || wait === undefined || wait > within) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      return send();
    }
  }

  /** Closes the pool this strategy made from an `agent` option (a global or app's own dispatcher is the app's). */
  close(): void {
    void this.client.made?.close();
  }

  /** Builds this provider's profile; `params` is the login's token response when known. Rejects with a typed error. */
  protected abstract loadProfile(accessToken: string, params: TokenParams | undefined): Promise<TProfile>;

  /** Posts any grant (`grant_type` and its fields) to the token endpoint; `refreshToken` defaults to the grant's. */
  protected async grant(fields: Record<string, string | undefined>): Promise<TokenSet> {
    const params = await requestToken(this.client, fields);
    const { access_token: accessToken, expires_in: expiresIn } = params;
    return { accessToken, refreshToken: params.refresh_token ?? fields.refresh_token, expiresIn, params };
  }

  /** Calls an API endpoint with the access token; its JSON object, or array or any value with `json`. */
  protected async callApi<S extends JsonShape = 'object'>(
    label: string,
    method: 'GET' | 'DELETE',
    url: string,
    accessToken: string,
    options: { allowEmpty?: boolean; json?: S } = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    const headers = apiHeaders(this.client, accessToken, { accept: 'application/json' });
    const secrets = [accessToken];
    const request: EndpointRequest = { label, method, url, headers, endpoint: 'api', secrets, ...options };
    return classify(request, await exchange(request, this.client), this.client) as JsonResponse<JsonOf<S>>;
  }

  /** A `ProviderApiError` (`unexpected_shape`) for an unusable answer; `what` follows "answered 200" (`without a data list`). */
  protected unusableApiResponse(label: string, accessToken: string, status: number, what: string): ProviderApiError {
    const request = { label, endpoint: 'api', secrets: [accessToken] } as const;
    return refuse(request, status, { what }, this.client) as ProviderApiError;
  }

  /** Keeps the kit's typed token errors; wraps a node-oauth error object (a replaced `_oauth2`'s) as passport-oauth2 does. */
  protected _createOAuthError(message: string, err: unknown): Error {
    if (err instanceof Error) return err;
    const base = OAuth2Strategy.prototype as unknown as { _createOAuthError(m: string, e: unknown): Error };
    return base._createOAuthError.call(this, message, err ?? new InternalOAuthError(message, err));
  }

  /** A callback with `error`: checks (and uses up) the state, then reports as passport-oauth2 does. */
  private reportErrorCallback(req: StrategyRequest, query: Record<string, unknown>, options: object | undefined): void {
    const code = firstString(query.error);
    const [description, secret] = [firstString(query.error_description), this.options.clientSecret];
    const errorCode =
      code && ERROR_CODE.test(code) && redactSecrets(code, [secret]) === code ? code : 'invalid_request';
    const report = (trusted: boolean): void => {
      const shown = description && cleanText(description, [secret]);
      const message = trusted ? shown : `${this.provider.displayName} did not complete the login.`;
      if (errorCode === 'access_denied') return this.fail({ message });
      const uri = trusted ? safeUri(firstString(query.error_uri)) : undefined;
      const status = trusted ? (ERROR_CALLBACK_STATUS[errorCode] ?? 502) : 403;
      this.error(new AuthorizationError(message as string, errorCode, uri as string, status));
    };
    if (!this.checksState) return report(false);
    const store = (this as unknown as { _stateStore: { verify(...args: unknown[]): void } })._stateStore;
    const verified: StateVerifyCallback = (err, ok) => (err ? this.error(err) : report(Boolean(ok)));
    const meta = store.verify.length === 4 ? [this.stateMeta(req, options)] : [];
    try {
      store.verify(req, firstString(query.state), ...meta, verified);
    } catch (err) {
      this.error(err as Error);
    }
  }

  /** passport-oauth2's `meta` argument of a state store, a relative `callbackURL` made absolute. */
  private stateMeta(req: StrategyRequest, options: object | undefined): StateStoreMeta {
    const url = (options as { callbackURL?: string } | undefined)?.callbackURL ?? this.options.callbackURL;
    const origin = `${req.protocol ?? 'http'}://${req.get?.('host') ?? 'localhost'}`;
    const callbackURL = url && !URL.canParse(url) ? new URL(url, origin).href : url;
    const { authorizationURL, token } = this.provider;
    return { authorizationURL, tokenURL: token.url, clientID: this.options.clientID, callbackURL };
  }
}

type AsyncSkip = (accessToken: string, done: (err: unknown, skip?: boolean) => void) => void;

/** An `error_uri` worth passing on: an absolute http(s) URL. */
function safeUri(value: string | undefined): string | undefined {
  return value && URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol) ? value : undefined;
}

function firstString(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
