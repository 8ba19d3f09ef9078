/**
 * Endpoint URLs derived from a base URL, and the check that keeps an access token on the
 * host that issued it. A provider whose service runs on more than one host (a Gofundo
 * instance, Petje.af's `petje.af` and `petjeaf.com`) takes one `baseURL` option that moves
 * every endpoint together; an explicit URL option still wins over the derived one.
 */

/** One endpoint of a provider as its options resolve it. */
export interface EndpointChoice {
  /** The option that sets this URL, named in messages (e.g. `tokenURL`). */
  option: string;
  /** The URL the user gave in that option, if any: it wins. */
  explicit?: string;
  /** The URL derived from the base URL (or the provider's default). */
  derived: string;
}

/** What {@link resolveEndpoints} returns for one endpoint. */
export interface ResolvedEndpoint {
  url: string;
  /** True when the user named this URL in its own option. */
  explicit: boolean;
  option: string;
}

/**
 * Checks a base URL option: absolute `http:` or `https:`, with no query, fragment or
 * credentials (they would leak into every endpoint).
 *
 * @param who - the strategy, for the message (`Gofundo strategy`).
 * @param option - the option's name (`baseURL`).
 * @throws TypeError naming the option and what is wrong.
 */
export function parseBaseURL(who: string, option: string, value: unknown): URL {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new TypeError(`${who}: ${option} must be an absolute URL such as https://example.com`);
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${who}: ${option} must be an http: or https: URL`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError(`${who}: ${option} must have no query, fragment or credentials`);
  }
  return url;
}

/**
 * `path` under `base`: the base's own path is kept as a prefix, so an instance served under
 * `https://example.org/gofundo` gets `https://example.org/gofundo/oauth/token`.
 */
export function endpointUnder(base: URL, path: string): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * Picks each endpoint's URL (the explicit option, else the derived one) and checks that
 * every explicit one is an absolute URL.
 *
 * @throws TypeError naming the option whose value is not an absolute URL.
 */
export function resolveEndpoints<Name extends string>(
  who: string,
  choices: Record<Name, EndpointChoice>,
): Record<Name, ResolvedEndpoint> {
  const resolved = {} as Record<Name, ResolvedEndpoint>;
  for (const name of Object.keys(choices) as Name[]) {
    const { option, explicit, derived } = choices[name];
    if (explicit !== undefined && (typeof explicit !== 'string' || !URL.canParse(explicit))) {
      throw new TypeError(`${who}: ${option} ${String(explicit)} is not an absolute URL`);
    }
    resolved[name] = { url: explicit ?? derived, explicit: explicit !== undefined, option };
  }
  return resolved;
}

/**
 * Refuses a mix of hosts that would send an access token to a host other than the one that
 * issued it: every endpoint in `bearers` (those that receive the token: user, revocation,
 * API) must be on the token endpoint's origin, unless the user named both URLs of the mix
 * in their own options (then the mix is deliberate). This catches, e.g., `tokenURL` pointed
 * at another Gofundo instance while the user endpoint stays the default `gofundo.nl`.
 *
 * @param baseOption - the option that moves every endpoint together, suggested in the message.
 * @throws TypeError naming both options, both origins, and what to set.
 */
export function assertTokenStaysOnIssuer(
  who: string,
  baseOption: string,
  token: ResolvedEndpoint,
  bearers: ReadonlyArray<ResolvedEndpoint | undefined>,
): void {
  const issuer = new URL(token.url).origin;
  for (const endpoint of bearers) {
    if (!endpoint) continue;
    const origin = new URL(endpoint.url).origin;
    if (origin === issuer || (token.explicit && endpoint.explicit)) continue;
    const describe = (e: ResolvedEndpoint, at: string) => `${e.option} ${e.explicit ? '' : '(default) '}is on ${at}`;
    throw new TypeError(
      `${who}: ${describe(token, issuer)} but ${describe(endpoint, origin)}, so the access token would go to another host. ` +
        `Set ${baseOption} to move every endpoint together, or name ${token.option} and ${endpoint.option} both if the mix is intended.`,
    );
  }
}

/**
 * True for a host that never leaves the machine: `localhost` and its subdomains (RFC 6761
 * §6.3, e.g. Petje.af's derived `api.localhost`), 127.0.0.0/8 and `::1` (a URL parser has
 * already normalized `127.1` to `127.0.0.1` and `[0:0::1]` to `[::1]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * Refuses a provider URL that would send the client secret, a code or a token in clear: each
 * `[option, url]` of `urls` (the options the app set, then the URLs the strategy resolved) must
 * be `https:`, unless its host is loopback (a local sandbox, tests) or `allowInsecureHTTP` is
 * true. Values that are not absolute URLs are left to the checks that name them.
 *
 * @throws TypeError naming the option, its origin, and `allowInsecureHTTP`.
 */
export function assertHttpsEndpoints(
  who: string,
  allowInsecureHTTP: unknown,
  urls: ReadonlyArray<readonly [option: string, url: unknown]>,
): void {
  if (allowInsecureHTTP !== undefined && typeof allowInsecureHTTP !== 'boolean') {
    throw new TypeError(`${who}: allowInsecureHTTP must be true or false`);
  }
  if (allowInsecureHTTP === true) return;
  for (const [option, value] of urls) {
    if (typeof value !== 'string' || !URL.canParse(value)) continue;
    const url = new URL(value);
    if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) continue;
    throw new TypeError(
      `${who}: ${option} ${url.origin}${url.pathname} is not https, so the client secret and tokens would travel in clear. ` +
        'Use an https URL, or set allowInsecureHTTP: true if the provider is on a network you trust ' +
        '(loopback hosts, localhost, 127.0.0.0/8 and ::1, are always allowed).',
    );
  }
}

/** The URL options of a provider whose authorize, token and user endpoints share one base URL. */
export interface SingleHostURLOptions {
  baseURL?: string;
  authorizationURL?: string;
  tokenURL?: string;
  userProfileURL?: string;
}

/**
 * The common case of the helpers above: the authorize, token and user endpoints at `paths`
 * under `baseURL` (default `defaultBaseURL`), each overridden by its own URL option, with the
 * user endpoint (it receives the access token) kept on the token endpoint's host unless both
 * URLs are named.
 *
 * @throws TypeError naming the option that is wrong.
 */
export function singleHostEndpoints(
  who: string,
  options: SingleHostURLOptions,
  defaultBaseURL: string,
  paths: { authorize: string; token: string; user: string },
): Record<'authorize' | 'token' | 'user', ResolvedEndpoint> {
  const base = parseBaseURL(who, 'baseURL', options.baseURL ?? defaultBaseURL);
  const endpoints = resolveEndpoints(who, {
    authorize: {
      option: 'authorizationURL',
      explicit: options.authorizationURL,
      derived: endpointUnder(base, paths.authorize),
    },
    token: { option: 'tokenURL', explicit: options.tokenURL, derived: endpointUnder(base, paths.token) },
    user: { option: 'userProfileURL', explicit: options.userProfileURL, derived: endpointUnder(base, paths.user) },
  });
  assertTokenStaysOnIssuer(who, 'baseURL', endpoints.token, [endpoints.user]);
  return endpoints;
}
