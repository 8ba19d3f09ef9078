import type { Request } from 'express';
import OAuth2Strategy, { AuthorizationError, InternalOAuthError } from 'passport-oauth2';
import { cleanText } from '../errors/error-body';
import type { FailureDetails } from '../errors/failure-reason';
import { ProviderApiError } from '../errors/provider-api-error';
import { redactSecrets } from '../errors/redact';
import { ProviderHttpClient, type JsonAnswer } from '../http/provider-http-client';
import { getFromApi, type ApiGetOptions } from './api-call';
import { requestToken } from '../oauth/token-request';
import type { TokenParams, TokenSet } from '../oauth/token-set';
import type { ProviderProfile } from '../profile/provider-profile';
import { defaultStateStore } from '../state/default-store';
import type { ProviderStrategyOptions, WithRequest, WithoutRequest } from './options';
import type { ProviderDefinition } from './provider-definition';
import { settle } from './settle';
import type {
  AnyVerifyFunction,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Longest authorization code accepted from a callback; real codes are far shorter. */
const MAX_CODE_LENGTH = 4096;

/** A strategy class as {@link ProviderStrategy} expects it: with a static `describe`. */
interface DescribedStrategyClass {
  describe(options: ProviderStrategyOptions): ProviderDefinition;
}

/**
 * The base of the four strategies: a passport-oauth2 `OAuth2Strategy` with what
 * passport-oauth2 leaves to each strategy author done once, safely:
 *
 * - the token request through {@link ProviderHttpClient}: deadline, keep-alive connection
 *   reuse, form or JSON body, credentials in the body or as Basic, typed errors that keep
 *   the provider's status and text (passport-oauth2 has no timeout, always answers 500 and
 *   throws on an HTML body);
 * - `state` on by default, with a store that allows several logins in progress per session;
 * - `error` callbacks answered with the provider's description, codes checked;
 * - promise token helpers (`refresh`) and an authenticated JSON GET for profiles that sends
 *   the token in a header, never in the URL.
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
  /** HTTP to the provider: deadlines, keep-alive, typed errors. */
  protected readonly http: ProviderHttpClient;
  private readonly clientSecret: string;
  private readonly clientId: string;
  /**
   * The token answer being handed to passport-oauth2, set only for the synchronous duration
   * of that call: passport-oauth2 calls `userProfile(accessToken)` from inside it and passes
   * no params, and `loadProfile` wants them (granted scopes). A plain field rather than
   * AsyncLocalStorage, which on Node 20 would switch on promise hooks and slow every promise
   * of the host app.
   */
  private handingOver: TokenParams | undefined;

  constructor(options: WithoutRequest<TOptions>, verify: VerifyFunction<TProfile>);
  constructor(options: WithoutRequest<TOptions>, verify: VerifyFunctionWithParams<TProfile>);
  constructor(options: WithRequest<TOptions>, verify: VerifyFunctionWithRequest<TProfile>);
  constructor(options: WithRequest<TOptions>, verify: VerifyFunctionWithRequestAndParams<TProfile>);
  constructor(options: TOptions & { passReqToCallback?: boolean }, verify: AnyVerifyFunction<TProfile>) {
    const describe = (new.target as unknown as Partial<DescribedStrategyClass>).describe;
    if (typeof describe !== 'function')
      throw new TypeError(`${new.target.name} must define a static describe(options)`);
    const base = describe.call(new.target, requireOptions(options, new.target.name));
    const provider = resolveDefinition(base, options);
    assertOptions(options, provider);

    const state = options.state ?? true;
    const key = options.sessionKey ?? `oauth2:${new URL(provider.authorizationURL).hostname}`;
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
        state,
        store: state ? defaultStateStore(provider.name, key, options) : undefined,
        pkce: options.pkce ?? false,
        skipUserProfile: options.skipUserProfile,
        proxy: options.proxy,
        passReqToCallback: options.passReqToCallback as false | undefined,
      },
      verify as OAuth2Strategy.VerifyFunction,
    );
    this.name = provider.name;
    this.provider = provider;
    this.options = options;
    this.clientId = options.clientID;
    this.clientSecret = options.clientSecret;
    this.http = new ProviderHttpClient({
      provider: provider.displayName,
      errorFields: provider.errorFields,
      timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      agent: options.agent,
      secrets: [options.clientSecret],
    });
    // passport-oauth2 exchanges the code through node-oauth; route it through our client.
    const exchange = (code: unknown, params: Record<string, string>, callback: TokenCallback): void =>
      this.exchangeCode(code, params, callback);
    this._oauth2.getOAuthAccessToken = exchange as typeof this._oauth2.getOAuthAccessToken;
  }

  /**
   * Handles the callback's `error` parameter before passport-oauth2 does, so that the
   * failure carries the provider's own description: `access_denied` is a normal failed
   * login, any other error an `AuthorizationError`. Everything else is passport-oauth2's.
   */
  override authenticate(req: Request, options?: object): void {
    // Express 5 parses the query string at every read of req.query: skip the read when the
    // URL cannot carry an `error` parameter (no "error" and nothing percent-encoded in it).
    const url = (req as { url?: unknown }).url;
    if (typeof url === 'string' && !url.includes('error') && !url.includes('%')) {
      return super.authenticate(req, options);
    }
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (query.error !== undefined) {
      const code = firstString(query.error) ?? 'invalid_request';
      const description = firstString(query.error_description);
      const text = cleanText(redactSecrets(description ?? code, [this.clientSecret]));
      if (code === 'access_denied') {
        return this.fail({
          message: `${this.provider.displayName}: access was denied${description ? ` (${text})` : ''}`,
        });
      }
      return this.error(
        new AuthorizationError(
          `${this.provider.displayName} refused the authorization: ${text}`,
          cleanText(redactSecrets(code, [this.clientSecret])),
          undefined,
          403,
        ),
      );
    }
    super.authenticate(req, options);
  }

  /**
   * Builds the profile from the access token; called by passport-oauth2 after the token
   * exchange. Subclasses implement {@link ProviderStrategy.loadProfile} instead.
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: TProfile) => void): void {
    const params = this.handingOver;
    const ofThisToken = params?.access_token === accessToken ? params : undefined;
    let loaded: TProfile | Promise<TProfile>;
    try {
      loaded = this.loadProfile(accessToken, ofThisToken);
    } catch (err) {
      return done(err);
    }
    // A profile built without I/O (from the token) goes on at once, as passport-oauth2's own
    // strategies do, instead of through promise turns.
    if (isThenable(loaded)) settle(Promise.resolve(loaded), done);
    else done(null, loaded);
  }

  /**
   * Trades a refresh token for a new access token.
   *
   * @returns the new token set; `refreshToken` is the provider's new one when it rotates
   * refresh tokens, or the one you passed when it keeps it.
   * @throws ProviderTokenError when the provider refuses (with its own message).
   */
  async refresh(refreshToken: string): Promise<TokenSet> {
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new TypeError(`${this.provider.displayName} refresh() requires a refresh token`);
    }
    const params = await this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
    return toTokenSet(params, refreshToken);
  }

  /**
   * GETs a path of the provider's API (under `apiBaseURL`) with the token in the provider's
   * header(s), its headers, the deadline and size cap; see {@link getFromApi}.
   * @throws ProviderApiError with the provider's text and status (`retryAfter` on a 429).
   */
  apiGet(accessToken: string, pathOrURL: string, options?: ApiGetOptions): Promise<JsonAnswer> {
    const send = (label: string, url: string, token: string) => this.callApi(label, 'GET', url, token);
    const target = { provider: this.provider.displayName, apiBaseURL: this.provider.apiBaseURL, send };
    return getFromApi(target, accessToken, pathOrURL, options);
  }

  /** Closes the strategy's idle keep-alive connections (graceful shutdown, tests). */
  close(): void {
    this.http.destroy();
  }

  /**
   * Builds this provider's profile; `params` is the token answer of the login when known.
   * Return the profile itself when it needs no I/O (e.g. it is read from the token), a promise
   * otherwise; throw or reject with a typed error when it cannot be built.
   */
  protected abstract loadProfile(accessToken: string, params: TokenParams | undefined): TProfile | Promise<TProfile>;

  /** Posts any grant to the token endpoint with this client's credentials. */
  protected grant(fields: Record<string, string | undefined>): Promise<TokenParams> {
    return requestToken(
      this.http,
      this.provider.token,
      { clientID: this.clientId, clientSecret: this.clientSecret },
      fields,
    );
  }

  /** Turns a token answer into the promise helpers' {@link TokenSet}. */
  protected tokenSet(params: TokenParams, previousRefreshToken?: string): TokenSet {
    return toTokenSet(params, previousRefreshToken);
  }

  /**
   * Headers that carry the access token on an API call. Default: `Authorization: Bearer`.
   * The token goes in a header, never in the query string.
   */
  protected bearerHeaders(accessToken: string): Record<string, string> {
    return { Authorization: `Bearer ${accessToken}` };
  }

  /** Calls an API endpoint of the provider with the access token and returns its JSON object. */
  protected callApi(
    label: string,
    method: 'GET' | 'DELETE',
    url: string,
    accessToken: string,
    options: { allowEmpty?: boolean } = {},
  ): Promise<JsonAnswer> {
    return this.http.requestJson({
      label,
      method,
      url,
      headers: { Accept: 'application/json', ...this.provider.apiHeaders, ...this.bearerHeaders(accessToken) },
      error: apiError,
      secrets: [accessToken],
      allowEmpty: options.allowEmpty,
    });
  }

  /** `GET`s the provider's user endpoint with the access token, for `loadProfile`; failures name it "user endpoint". */
  protected readUserEndpoint(accessToken: string, url: string): Promise<JsonAnswer> {
    return this.callApi('user endpoint', 'GET', url, accessToken);
  }

  /** passport-oauth2 wraps token failures with this; ours are already typed, keep them. */
  protected _createOAuthError(message: string, err: unknown): Error {
    return err instanceof Error ? err : new InternalOAuthError(message, err);
  }

  private exchangeCode(code: unknown, params: Record<string, string>, callback: TokenCallback): void {
    if (typeof code !== 'string' || code.length > MAX_CODE_LENGTH) {
      const error = new AuthorizationError(
        `${this.provider.displayName} callback carried an authorization code that is not a single string of at most ${MAX_CODE_LENGTH} characters`,
        'invalid_request',
        undefined,
        400,
      );
      return process.nextTick(callback, error);
    }
    settle(this.grant({ ...params, code }), (err, tokenParams) => {
      if (err || !tokenParams) return callback(err);
      this.handingOver = tokenParams;
      try {
        callback(null, tokenParams.access_token, tokenParams.refresh_token, tokenParams);
      } finally {
        this.handingOver = undefined;
      }
    });
  }
}

/** The error of every failed API call. */
function apiError(message: string, details: FailureDetails): ProviderApiError {
  return new ProviderApiError(message, details);
}

type TokenCallback = (err: unknown, accessToken?: string, refreshToken?: string, params?: TokenParams) => void;

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
  if (options.pkce && options.state === false)
    throw new TypeError(`${who}: pkce needs state (do not set state: false)`);
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function firstString(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
