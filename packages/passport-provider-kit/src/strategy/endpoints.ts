/** One endpoint to resolve: the option that sets it, the URL the app gave there (it wins), the derived one. */
export type EndpointChoice = { option: string; explicit?: string; derived: string };
/** One resolved endpoint: its URL, whether the app named it in its own option, and that option. */
export type ResolvedEndpoint = { url: string; explicit: boolean; option: string };
type URLOption = 'baseURL' | 'authorizationURL' | 'tokenURL' | 'userProfileURL';

/** Checks a base URL option: absolute `http(s):`, no query, fragment or credentials; a TypeError names the option. */
export function parseBaseURL(who: string, option: string, value: unknown): URL {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  const wrong = !url
    ? 'must be an absolute URL such as https://example.com'
    : url.protocol !== 'https:' && url.protocol !== 'http:'
      ? 'must be an http: or https: URL'
      : url.search || url.hash || url.username || url.password
        ? 'must have no query, fragment or credentials'
        : undefined;
  if (wrong) throw new TypeError(`${who}: ${option} ${wrong}`);
  return url as URL;
}

/** `path` under `base`, keeping the base's path as a prefix (`https://example.org/gofundo` + `/oauth/token`). */
export function endpointUnder(base: URL, path: string): string {
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Picks each endpoint's URL, the explicit option's else the derived one; a TypeError names a non-URL option. */
export function resolveEndpoints<Name extends string>(
  who: string,
  choices: Record<Name, EndpointChoice>,
): Record<Name, ResolvedEndpoint> {
  const entries = Object.entries<EndpointChoice>(choices).map(([name, { option, explicit, derived }]) => {
    if (explicit !== undefined && (typeof explicit !== 'string' || !URL.canParse(explicit)))
      throw new TypeError(`${who}: ${option} ${String(explicit)} is not an absolute URL`);
    return [name, { url: explicit ?? derived, explicit: explicit !== undefined, option }];
  });
  return Object.fromEntries(entries) as Record<Name, ResolvedEndpoint>;
}

/** The authorize, token and user endpoints at `paths` under `baseURL` (or `defaultBaseURL`), each option overriding one; the user endpoint stays on the token endpoint's origin ({@link assertTokenStaysOnIssuer}). */
export function singleHostEndpoints(
  who: string,
  options: Partial<Record<URLOption, string>>,
  defaultBaseURL: string,
  paths: { authorize: string; token: string; user: string },
): Record<'authorize' | 'token' | 'user', ResolvedEndpoint> {
  const base = parseBaseURL(who, 'baseURL', options.baseURL ?? defaultBaseURL);
  const under = (path: string) => endpointUnder(base, path);
  const endpoints = resolveEndpoints(who, {
    authorize: { option: 'authorizationURL', explicit: options.authorizationURL, derived: under(paths.authorize) },
    token: { option: 'tokenURL', explicit: options.tokenURL, derived: under(paths.token) },
    user: { option: 'userProfileURL', explicit: options.userProfileURL, derived: under(paths.user) },
  });
  assertTokenStaysOnIssuer(who, 'baseURL', endpoints.token, endpoints.user);
  return endpoints;
}

/** A TypeError when `bearer`, an endpoint the access token goes to, is off the token endpoint's origin, unless the app named both (`base`: the option that moves both). */
export function assertTokenStaysOnIssuer(who: string, base: string, token: ResolvedEndpoint, bearer: ResolvedEndpoint) {
  const at = (e: ResolvedEndpoint) => `${e.option} ${e.explicit ? '' : '(default) '}is on ${new URL(e.url).origin}`;
  if (new URL(bearer.url).origin === new URL(token.url).origin || (token.explicit && bearer.explicit)) return;
  throw new TypeError(
    `${who}: ${at(token)} but ${at(bearer)}, so the access token would go to another host. ` +
      `Set ${base} to move every endpoint together, or name ${token.option} and ${bearer.option} both if the mix is intended.`,
  );
}

/** True for a loopback host: `localhost` and its subdomains (RFC 6761 §6.3), 127.0.0.0/8 and `[::1]` (as URL parses them). */
const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/** A TypeError for the first `[option, url]` that is `http:` off loopback, unless `allowInsecureHTTP` (non-URLs are ignored). */
export function assertHttpsEndpoints(
  who: string,
  allowInsecureHTTP: unknown,
  urls: ReadonlyArray<readonly [option: string, url: unknown]>,
): void {
  if (allowInsecureHTTP !== undefined && typeof allowInsecureHTTP !== 'boolean')
    throw new TypeError(`${who}: allowInsecureHTTP must be true or false`);
  for (const [option, value] of allowInsecureHTTP ? [] : urls) {
    const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
    if (url?.protocol !== 'http:' || isLoopbackHost(url.hostname)) continue;
    throw new TypeError(
      `${who}: ${option} ${url.origin}${url.pathname} is not https, so the client secret and tokens would travel in clear. ` +
        'Use an https URL, or set allowInsecureHTTP: true if the provider is on a network you trust ' +
        '(loopback hosts, localhost, 127.0.0.0/8 and ::1, are always allowed).',
    );
  }
}
