import type { Request } from 'express';
import OAuth2Strategy, { AuthorizationError, InternalOAuthError } from 'passport-oauth2';
import { cleanText } from '../errors/error-body';
import type { ProviderApiError } from '../errors/provider-api-error';
import { redactSecrets } from '../errors/redact';
import { refuse, type JsonOf, type JsonResponse, type JsonShape } from '../http/classify';
import { closeDispatcher } from '../http/send';
import { getFromApi, type ApiGetOptions } from './api-call';
import { ProviderClient } from '../oauth/provider-client';
import { MAX_GRANT_VALUE_LENGTH, providerOAuth2Class, type ProviderOAuth2 } from '../oauth/provider-oauth2';
import type { TokenParams, TokenSet } from '../oauth/token-set';
import type { ProviderProfile } from '../profile/provider-profile';
import { defaultStateStore } from '../state/default-store';
import type {
  ProviderStrategyOptions,
  SkipUserProfile,
  StateStore,
  StateStoreMeta,
  StateVerifyCallback,
  WithRequest,
  WithoutRequest,
} from './options';
import type { ProviderDefinition } from './provider-definition';
import { assertHttpsEndpoints } from './endpoints';
import { settle } from '../oauth/settle';
import type {
  AnyVerifyFunction,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** An OAuth error code as RFC 6749 §4.1.2.1 allows it (no quotes, no backslash), kept short. */
const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/**
 * A strategy class as {@link ProviderStrategy} expects it: a static `describe` that turns the
 * options into the provider's definition, and optionally a static `checkOptions` that refuses
 * bad provider options (and warns), called first, so that `describe` only describes.
 */
interface DescribedStrategyClass {
  describe(options: ProviderStrategyOptions): ProviderDefinition;
  checkOptions?(options: ProviderStrategyOptions): void;
}

/**
 * The base of the four strategies: a passport-oauth2 `OAuth2Strategy` with what
 * passport-oauth2 leaves to each strategy author done once, safely:
 *
 * - `this._oauth2` is a provider-aware node-oauth client ({@link ProviderOAuth2}) through
 *   which every call goes (code exchange, `refresh()`, other grants, profile reads,
 *   `_oauth2.get`): deadline, keep-alive connection reuse, form or JSON body, credentials in
 *   the body or as Basic, the token in a header, typed errors that keep the provider's status
 *   and text (passport-oauth2 has no timeout, always answers 500 and throws on an HTML body);
 * - `state` on by default, with a store that allows several logins in progress per session
 *   (or the app's own `store`);
 * - `error` callbacks answered as passport-oauth2 does, but with the provider's description
 *   only when the callback's state checks out;
 * - promise token helpers (`refresh`).
 *
 * A provider package subclasses it with a static `describe(options)` returning its
 * {@link ProviderDefinition} and a `loadProfile` that builds its profile.
 *
 * @typeParam TProfile - the provider's normalized profile.
 * @typeParam TOptions - the provider's options.
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
  /** False when the app turned state off: a callback's `error_description` is then never trusted. */
  private readonly checksState: boolean;
  /** `skipUserProfile` as passport-oauth2 calls it. */
  private readonly skipProfile: SkipUserProfile | undefined;

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
    const described = new.target as unknown as Partial<DescribedStrategyClass>;
    if (typeof described.describe !== 'function')
      throw new TypeError(`${new.target.name} must define a static describe(options)`);
    described.checkOptions?.(requireOptions(options, new.target.name));
    const base = described.describe(requireOptions(options, new.target.name));
    const provider = resolveDefinition(base, options);
    assertOptions(options, provider);

    const key = options.sessionKey ?? `oauth2:${new URL(provider.authorizationURL).hostname}`;
    const store = stateStoreFor(options, provider.name, key);
    super(
      {
        authorizationURL: provider.authorizationURL,
        tokenURL: provider.token.url,
        clientID: options.clientID,
        clientSecret: options.clientSecret,
        callbackURL: options.callbackURL,
        scope: (options.scope ?? provider.defaultScope) as string | string[] | undefined,
        scopeSeparator: provider.scopeSeparator,
        sessionKey: key,
        state: store !== undefined,
        // passport-oauth2's types know only two of the store forms it calls; it picks the form by arity.
        store: store as OAuth2Strategy.StateStore | undefined,
        // passport-oauth2's types say boolean; it takes 'S256' and 'plain' too (lib/strategy.js).
        pkce: (options.pkce ?? false) as boolean,
        skipUserProfile: skipUserProfileFor(options.skipUserProfile) as boolean | undefined,
        proxy: options.proxy,
        customHeaders: options.customHeaders,
        passReqToCallback: options.passReqToCallback as false | undefined,
      },
      verify as OAuth2Strategy.VerifyFunction,
    );
    this.name = provider.name;
    this.provider = provider;
    this.options = options;
    this.checksState = store !== undefined;
    this.skipProfile = skipUserProfileFor(options.skipUserProfile);
    this.client = new ProviderClient({
      provider: provider.displayName,
      errorFields: provider.errorFields,
      urlOptions: provider.urlOptions,
      secrets: [options.clientSecret],
      textErrorBodies: provider.textErrorBodies,
      timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      dispatcher: options.dispatcher,
      agent: options.agent,
      token: provider.token,
      apiHeaders: provider.apiHeaders,
      bearerHeaders: provider.bearerHeaders ?? bearerHeader,
      credentials: { clientID: options.clientID, clientSecret: options.clientSecret },
      customHeaders: options.customHeaders,
    });
    const Client = providerOAuth2Class(this.client);
    this._oauth2 = new Client(
      options.clientID,
      options.clientSecret,
      '',
      provider.authorizationURL,
      provider.token.url,
      options.customHeaders,
    );
  }

  /**
   * passport-oauth2's `authenticate`, with two changes:
   * - a callback with `error` is answered as passport-oauth2 does (description as the message,
   *   `error_uri` as `uri`, its status mapping, `access_denied` a failed login), but only after
   *   the callback's `state` is checked (and used up): the provider's description is shown only
   *   when it checks out, a neutral message otherwise, since anyone can link to the callback;
   * - the profile step gets the login's token response (`loadProfile(accessToken, params)`),
   *   see {@link ProviderStrategy._loadUserProfile}.
   */
  override authenticate(req: Request, options?: object): void {
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (query.error) return this.reportErrorCallback(req, query, options);
    super.authenticate(req, options);
  }

  /**
   * passport-oauth2's profile step, called within its token callback: the kit's `_oauth2`
   * hands that login's token response over for exactly that call, so `loadProfile` gets it
   * (a `userProfile` of the app's or a subclass's own is called as passport-oauth2 calls it).
   */
  protected _loadUserProfile(accessToken: string, done: (err?: unknown, profile?: TProfile) => void): void {
    const params = (this._oauth2 as Partial<ProviderOAuth2>).tokenResponseFor?.(accessToken);
    const load = (): void =>
      this.userProfile === ProviderStrategy.prototype.userProfile
        ? this.profileOf(accessToken, params, done)
        : this.userProfile(accessToken, done);
    const skip = this.skipProfile;
    if (typeof skip === 'function' && skip.length > 1) {
      (skip as (token: string, cb: (err: unknown, skip?: boolean) => void) => void)(accessToken, (err, skipped) =>
        err ? done(err) : skipped ? done() : load(),
      );
    } else if (typeof skip === 'function' ? (skip as () => boolean)() : skip) {
      done();
    } else {
      load();
    }
  }

  /**
   * Builds the profile from the access token (no token response). passport-oauth2 calls it
   * after the token exchange; subclasses implement {@link ProviderStrategy.loadProfile} instead.
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: TProfile) => void): void {
    this.profileOf(accessToken, undefined, done);
  }

  /**
   * Trades a refresh token for a new access token, through `this._oauth2` exactly as
   * passport-oauth2-refresh does.
   *
   * @returns the new token set; `refreshToken` is the provider's new one when it rotates
   * refresh tokens, or the one you passed when it keeps it.
   * @throws ProviderTokenError when the provider refuses (with its own message).
   */
  async refresh(refreshToken: string): Promise<TokenSet> {
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new TypeError(`${this.provider.displayName} refresh() requires a refresh token`);
    }
    if (refreshToken.length > MAX_GRANT_VALUE_LENGTH) {
      throw new TypeError(`${this.provider.displayName} refresh requires a refresh token`);
    }
    const params = await this.client.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    return toTokenSet(params, refreshToken);
  }

  /**
   * GETs a path of the provider's API (under `apiBaseURL`) with the token in the provider's
   * header(s), its headers, the deadline and size cap, through this strategy's connection;
   * see {@link getFromApi}. `json: 'array'` or `json: 'any'` accepts a JSON array or any
   * JSON value instead of an object.
   * @throws ProviderApiError with the provider's text and status (`retryAfter` on a 429).
   */
  apiGet<S extends JsonShape = 'object'>(
    accessToken: string,
    pathOrURL: string,
    options?: ApiGetOptions<S>,
  ): Promise<JsonResponse<JsonOf<S>>> {
    const target = { provider: this.provider.displayName, apiBaseURL: this.provider.apiBaseURL, client: this.client };
    return getFromApi(target, accessToken, pathOrURL, options);
  }

  /**
   * Closes the connections of the dispatcher this strategy made from an `agent` option. The
   * global dispatcher and an app's own `dispatcher` are the app's to close.
   */
  close(): void {
    closeDispatcher(this.client.settings);
  }

  /**
   * Builds this provider's profile; `params` is the token response of the login when known.
   * Rejects with a typed error when it cannot be built.
   */
  protected abstract loadProfile(accessToken: string, params: TokenParams | undefined): Promise<TProfile>;

  /** Posts any grant (`grant_type` and its fields) to the token endpoint. */
  protected grant(fields: Record<string, string | undefined>): Promise<TokenParams> {
    return this.client.token(fields);
  }

  /** Turns a token response into the promise helpers' {@link TokenSet}. */
  protected tokenSet(params: TokenParams, previousRefreshToken?: string): TokenSet {
    return toTokenSet(params, previousRefreshToken);
  }

  /**
   * Calls an API endpoint of the provider with the access token and returns its JSON object,
   * or its array or any JSON value with `json: 'array' | 'any'`.
   */
  protected callApi<S extends JsonShape = 'object'>(
    label: string,
    method: 'GET' | 'DELETE',
    url: string,
    accessToken: string,
    options: { allowEmpty?: boolean; json?: S } = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    return this.client.api(label, method, url, accessToken, options);
  }

  /**
   * The error for an API response that arrived whole but cannot be used (a page without its
   * list, say): a `ProviderApiError` with reason `unexpected_shape`, worded like every other
   * failure (`<Provider> <label> answered <status> <what>`), the access token redacted.
   *
   * @param what - what is wrong, worded to follow "answered 200", e.g. `without a data list`.
   */
  protected unusableApiResponse(label: string, accessToken: string, status: number, what: string): ProviderApiError {
    const request = { label, endpoint: 'api', secrets: [accessToken] } as const;
    return refuse(request, status, { what }, this.client.settings) as ProviderApiError;
  }

  /** `GET`s the provider's user endpoint with the access token, for `loadProfile`; failures name it "user endpoint". */
  protected readUserEndpoint(accessToken: string, url: string): Promise<JsonResponse> {
    return this.callApi('user endpoint', 'GET', url, accessToken);
  }

  /**
   * passport-oauth2 wraps token failures with this; ours are already typed, keep them. A
   * node-oauth error object (from a replaced `_oauth2`) is wrapped as passport-oauth2 does.
   */
  protected _createOAuthError(message: string, err: unknown): Error {
    if (err instanceof Error) return err;
    const base = OAuth2Strategy.prototype as unknown as { _createOAuthError(m: string, e: unknown): Error };
    return base._createOAuthError.call(this, message, err ?? new InternalOAuthError(message, err));
  }

  private profileOf(
    accessToken: string,
    params: TokenParams | undefined,
    done: (err?: unknown, profile?: TProfile) => void,
  ): void {
    // Through a promise, so that a loadProfile that throws instead of rejecting fails the login too.
    settle(
      Promise.resolve().then(() => this.loadProfile(accessToken, params)),
      done,
    );
  }

  /** A callback with `error`: checks (and uses up) the state, then reports as passport-oauth2 does. */
  private reportErrorCallback(req: Request, query: Record<string, unknown>, options: object | undefined): void {
    const code = firstString(query.error);
    const secret = this.options.clientSecret;
    const usable = code !== undefined && ERROR_CODE.test(code) && redactSecrets(code, [secret]) === code;
    const errorCode = usable ? code : 'invalid_request';
    const report = (trusted: boolean): void => {
      const description = trusted ? this.providerText(firstString(query.error_description)) : undefined;
      const message = trusted ? description : `${this.provider.displayName} did not complete the login.`;
      if (errorCode === 'access_denied') return this.fail({ message });
      const uri = trusted ? safeUri(firstString(query.error_uri)) : undefined;
      this.error(
        new AuthorizationError(message as string, errorCode, uri as string, errorCallbackStatus(errorCode, trusted)),
      );
    };
    if (!this.checksState) return report(false);
    const state = firstString(query.state);
    const store = (this as unknown as { _stateStore: StateStore })._stateStore;
    const verified: StateVerifyCallback = (err, ok) => (err ? this.error(err) : report(Boolean(ok)));
    try {
      if (store.verify.length === 4) {
        (store.verify as (r: Request, s: string, m: StateStoreMeta, c: StateVerifyCallback) => void)(
          req,
          state as string,
          this.stateMeta(req, options),
          verified,
        );
      } else {
        (store.verify as (r: Request, s: string, c: StateVerifyCallback) => void).call(
          store,
          req,
          state as string,
          verified,
        );
      }
    } catch (err) {
      this.error(err as Error);
    }
  }

  /** passport-oauth2's `meta` argument of a state store. */
  private stateMeta(req: Request, options: object | undefined): StateStoreMeta {
    const callbackURL = (options as { callbackURL?: string } | undefined)?.callbackURL ?? this.options.callbackURL;
    const absolute =
      callbackURL && !URL.canParse(callbackURL)
        ? new URL(callbackURL, `${req.protocol ?? 'http'}://${req.get?.('host') ?? 'localhost'}`).href
        : callbackURL;
    return {
      authorizationURL: this.provider.authorizationURL,
      tokenURL: this.provider.token.url,
      clientID: this.options.clientID,
      callbackURL: absolute,
    };
  }

  /** Provider text for a message: control characters out, capped, the client secret redacted. */
  private providerText(text: string | undefined): string | undefined {
    return text === undefined ? undefined : cleanText(redactSecrets(text, [this.options.clientSecret]));
  }
}

/**
 * The state store passed to passport-oauth2, decided in one place: the app's own `store`, none
 * when state is off, the kit's session store otherwise.
 */
function stateStoreFor(options: ProviderStrategyOptions, provider: string, key: string): object | undefined {
  if (options.store && typeof options.store === 'object') return options.store;
  if (options.state === false && !options.store) return undefined;
  // `store: true` is passport-oauth2's "keep state in the session"; otherwise `stateStore` chooses.
  if (options.store === true) return defaultStateStore(provider, key, { ...options, stateStore: 'session' });
  return defaultStateStore(provider, key, options);
}

/**
 * `skipUserProfile` as passport-oauth2 calls it. passport-oauth2 calls a function of one
 * parameter with no argument at all; the kit hands it the access token, as its type says.
 */
function skipUserProfileFor(skip: SkipUserProfile | undefined): SkipUserProfile | undefined {
  if (typeof skip !== 'function' || skip.length !== 1) return skip;
  const decide = skip as (accessToken: string) => boolean;
  return (accessToken: string, done: (err: unknown, skip?: boolean) => void) => {
    let skipped: boolean;
    try {
      skipped = decide(accessToken);
    } catch (err) {
      return done(err);
    }
    done(null, skipped);
  };
}

/** passport-oauth2's statuses for the error codes it maps (it answers 500 for every other). */
const ERROR_CALLBACK_STATUS: Readonly<Record<string, number>> = { server_error: 502, temporarily_unavailable: 503 };

/**
 * The status of an error callback (other than `access_denied`): 403 when its state did not
 * check out, since anyone can send a browser there; otherwise passport-oauth2's, but 502
 * instead of its 500 for the codes it does not map: the provider refused, the app did not crash.
 */
function errorCallbackStatus(code: string, trusted: boolean): number {
  if (!trusted) return 403;
  return ERROR_CALLBACK_STATUS[code] ?? 502;
}

/** An `error_uri` worth passing on: an absolute http(s) URL. */
function safeUri(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}

/** The default `bearerHeaders` of a definition: the token in `Authorization: Bearer`, never in the URL. */
function bearerHeader(accessToken: string): Record<string, string> {
  return { Authorization: `Bearer ${accessToken}` };
}

function toTokenSet(params: TokenParams, previousRefreshToken?: string): TokenSet {
  return {
    accessToken: params.access_token,
    refreshToken: params.refresh_token ?? previousRefreshToken,
    expiresIn: params.expires_in,
    params,
  };
}

function requireOptions<T>(options: T, className: string): T {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${className} requires an options object`);
  return options;
}

function resolveDefinition(base: ProviderDefinition, options: ProviderStrategyOptions): ProviderDefinition {
  return {
    ...base,
    authorizationURL: options.authorizationURL ?? base.authorizationURL,
    token: { ...base.token, url: options.tokenURL ?? base.token.url },
    apiBaseURL: options.apiBaseURL ?? base.apiBaseURL,
  };
}

function assertOptions(options: ProviderStrategyOptions, provider: ProviderDefinition): void {
  const who = `${provider.displayName} strategy`;
  for (const name of ['clientID', 'clientSecret'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '') {
      throw new TypeError(`${who} requires a ${name} option`);
    }
  }
  for (const name of ['timeout', 'maxResponseBytes', 'maxPendingStates', 'stateTTL'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new TypeError(`${who}: ${name} must be a positive number`);
    }
  }
  const apiBase = provider.apiBaseURL === undefined ? [] : [provider.apiBaseURL];
  for (const url of [provider.authorizationURL, provider.token.url, ...apiBase]) {
    if (!URL.canParse(url)) throw new TypeError(`${who}: ${url} is not an absolute URL`);
  }
  const given = Object.entries(provider.optionURLs ?? {});
  const kitOptions = [options.authorizationURL, options.tokenURL, options.apiBaseURL];
  const resolved = [provider.authorizationURL, provider.token.url, provider.apiBaseURL];
  const names = ['authorizationURL', 'tokenURL', 'apiBaseURL'];
  assertHttpsEndpoints(who, options.allowInsecureHTTP, [
    ...given,
    ...names.map((name, i) => [name, kitOptions[i]] as const),
    ...names.map((name, i) => [name, resolved[i]] as const),
  ]);
  if (options.pkce && options.state === false && !options.store)
    throw new TypeError(`${who}: pkce needs state (do not set state: false)`);
  if (options.pkce !== undefined && ![true, false, 'S256', 'plain'].includes(options.pkce)) {
    throw new TypeError(`${who}: pkce must be true, false, 'S256' or 'plain'`);
  }
}

function firstString(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
