import { randomBytes } from 'node:crypto';
import type { DoctorHttp, HttpFailure, HttpResponse } from '../http';
import { isHtml, providerWords } from '../provider-text';
import { PROVIDERS, type BuiltStrategy } from '../providers';
import type { DoctorSettings } from '../types';
import type { AuthorizeVerdict } from '../verdicts';

/** The authorize request's outcome: the provider's verdict, or why there is none. */
export type AuthorizeOutcome = { verdict: AuthorizeVerdict } | { failure: HttpFailure };

/**
 * The authorize URL as the strategy builds it (client id, callback, `response_type=code`, its
 * default scope, a fresh `state`, its own parameters), requested as a browser would, without
 * following a redirect.
 */
export function authorizeURL(settings: DoctorSettings, built: BuiltStrategy): string {
  const { definition, strategy } = built;
  const url = new URL(definition.authorizationURL);
  const scope = definition.defaultScope;
  const params: Record<string, string> = {
    response_type: 'code',
    redirect_uri: settings.callbackURL.value,
    ...(scope === undefined
      ? {}
      : { scope: typeof scope === 'string' ? scope : scope.join(definition.scopeSeparator) }),
    state: randomBytes(12).toString('base64url'),
    ...(strategy.authorizationParams({}) as Record<string, string>),
    client_id: settings.clientID?.value ?? '',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** Asks the authorize endpoint and reads its answer the provider's way. */
export async function askAuthorize(
  http: DoctorHttp,
  settings: DoctorSettings,
  built: BuiltStrategy,
): Promise<AuthorizeOutcome> {
  const url = authorizeURL(settings, built);
  const sent = await http.send({
    method: 'GET',
    url,
    headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
  });
  if ('failure' in sent) return sent;
  return { verdict: readAuthorize(settings, url, sent.response) };
}

function readAuthorize(settings: DoctorSettings, requestURL: string, res: HttpResponse): AuthorizeVerdict {
  if (res.status >= 300 && res.status < 400) {
    const own = PROVIDERS[settings.provider].authorizeRefusal?.(res);
    if (own) return own;
    return readRedirect(settings, requestURL, res.location);
  }
  if (res.status >= 200 && res.status < 300) {
    if (isHtml(res) && refusalInText(res) === undefined) return { kind: 'shown' };
    const refused = refusalInText(res);
    if (refused) return { kind: refused, said: providerWords(res) };
    return { kind: 'unclear', status: res.status, said: providerWords(res) };
  }
  const own = PROVIDERS[settings.provider].authorizeRefusal?.(res);
  if (own) return own;
  const said = providerWords(res);
  return { kind: refusalInText(res) ?? 'unclear', status: res.status, said } as AuthorizeVerdict;
}

function readRedirect(settings: DoctorSettings, requestURL: string, location: string | undefined): AuthorizeVerdict {
  if (!location || !URL.canParse(location, requestURL))
    return { kind: 'unclear', status: 302, said: 'a redirect without a Location' };
  const target = new URL(location, requestURL);
  const callback = URL.canParse(settings.callbackURL.value) ? new URL(settings.callbackURL.value) : undefined;
  if (callback && target.origin === callback.origin && target.pathname === callback.pathname) {
    const error = target.searchParams.get('error');
    if (error) return { kind: 'error-redirect', error, said: target.searchParams.get('error_description') ?? error };
    return { kind: 'approved' };
  }
  if (target.host !== new URL(requestURL).host)
    return { kind: 'other-host', location: `${target.origin}${target.pathname}` };
  return { kind: 'login-first', location: target.pathname };
}

/** An error page's words about the redirect URI or the client, in that order (a redirect error also names the application). */
function refusalInText(res: HttpResponse): 'bad-redirect' | 'unknown-client' | undefined {
  if (res.status < 400 && !/error|invalid|unknown|not registered|mismatch/i.test(providerWords(res))) return undefined;
  const words = providerWords(res);
  if (/redirect[_ ]?ur[il]|callback/i.test(words)) return 'bad-redirect';
  if (/client|application/i.test(words)) return 'unknown-client';
  return undefined;
}
