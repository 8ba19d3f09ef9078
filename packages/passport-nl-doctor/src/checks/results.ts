import { PROVIDERS } from '../providers';
import type { CheckResult, DoctorSettings } from '../types';
import type { AuthorizeVerdict, TokenVerdict } from '../verdicts';
import { outerWhitespace } from './settings-checks';

/** What the doctor learned at the token endpoint, for the authorize check's reading. */
export type CredentialsFinding = 'accepted' | 'refused' | 'unknown';

/** Fix for a client id or secret that has spaces around it, if either has. */
function whitespaceFix(settings: DoctorSettings): string | undefined {
  for (const setting of [settings.clientID, settings.clientSecret]) {
    const space = setting && outerWhitespace(setting.value);
    if (setting && space) return `Remove ${space} from ${setting.source}.`;
  }
  return undefined;
}

/** The authorize check from the provider's verdict and what the token endpoint said of the credentials. */
export function authorizeResult(
  settings: DoctorSettings,
  verdict: AuthorizeVerdict,
  credentials: CredentialsFinding,
): CheckResult {
  const name = 'authorize endpoint: client id and callback';
  const { envPrefix, displayName, console } = PROVIDERS[settings.provider];
  const callback = settings.callbackURL.value;
  const idFix = whitespaceFix(settings) ?? `Set ${envPrefix}_CLIENT_ID to the client id shown in ${console}.`;
  const redirectFix = `Register exactly ${callback} as a redirect URI in ${console} (scheme, host, port and path must match), or set BASE_URL to the origin you registered.`;
  switch (verdict.kind) {
    case 'shown':
      return {
        name,
        ok: true,
        detail: `${displayName} shows its login or consent page: it accepted the client id and ${callback}`,
        fix: null,
      };
    case 'approved':
      return {
        name,
        ok: true,
        detail: `${displayName} sent the browser straight back to ${callback} with a code (not shown): client id and callback accepted`,
        fix: null,
      };
    case 'error-redirect':
      return {
        name,
        ok: false,
        detail: `client id and callback accepted, but ${displayName} sent back error=${verdict.error}: "${verdict.said}"`,
        fix: `Fix what ${displayName} names (${verdict.error}), e.g. ask only for the scopes it lists.`,
      };
    case 'unknown-client':
      return { name, ok: false, detail: `${displayName} does not know this client id: "${verdict.said}"`, fix: idFix };
    case 'bad-redirect':
      return {
        name,
        ok: false,
        detail: `${displayName} refuses the callback ${callback}: "${verdict.said}"`,
        fix: redirectFix,
      };
    case 'client-or-redirect':
      if (credentials === 'accepted') {
        return {
          name,
          ok: false,
          detail: `${displayName} answers "${verdict.said}"; the token endpoint accepts the client, so it is the callback ${callback} that is not registered`,
          fix: redirectFix,
        };
      }
      if (credentials === 'refused') {
        return {
          name,
          ok: false,
          detail: `${displayName} answers "${verdict.said}", and the token endpoint refuses the client too: the client id is wrong, or from another instance`,
          fix:
            whitespaceFix(settings) ??
            `Set ${envPrefix}_CLIENT_ID (and the URLs) to the client and instance shown in ${console}.`,
        };
      }
      return {
        name,
        ok: false,
        detail: `${displayName} answers "${verdict.said}", which it gives both for an unknown client id and for an unregistered callback`,
        fix: `Check both: ${envPrefix}_CLIENT_ID as shown in ${console}, and ${callback} registered there exactly.`,
      };
    case 'login-first':
      return {
        name,
        ok: null,
        detail: `${displayName} asks for a login first (redirect to ${verdict.location}) and checks the client and callback only after it, so the doctor can't tell`,
        fix: 'Open the login in a browser once: a consent page means both are right.',
      };
    case 'other-host':
      return {
        name,
        ok: null,
        detail: `${displayName} redirects to another host, ${verdict.location}: a login service, or a moved site`,
        fix: `If ${displayName} moved, set ${envPrefix}_AUTHORIZATION_URL to the new address.`,
      };
    case 'unclear':
      return {
        name,
        ok: null,
        detail: `${displayName} answered ${verdict.status}: "${verdict.said}"; the doctor can't tell what it means for the client and callback`,
        fix: null,
      };
  }
}

/** The token endpoint check from the verdict(s), the authorize verdict and the settings. */
export function tokenResult(
  settings: DoctorSettings,
  first: { verdict: TokenVerdict; clientAuth: 'body' | 'basic' },
  otherWay: { verdict: TokenVerdict; clientAuth: 'body' | 'basic' } | undefined,
  authorize: AuthorizeVerdict | undefined,
): CheckResult {
  const name = 'token endpoint: client credentials';
  const { envPrefix, displayName, console } = PROVIDERS[settings.provider];
  const how = (auth: 'body' | 'basic') => (auth === 'basic' ? 'as HTTP Basic' : 'in the body');
  const { verdict } = first;
  if (verdict.kind === 'accepted') {
    return {
      name,
      ok: true,
      detail: `${displayName} accepted the client id and secret (sent ${how(first.clientAuth)}) and refused only the made-up code, as meant: "${verdict.said}"`,
      fix: null,
    };
  }
  if (verdict.kind === 'unclear') {
    return {
      name,
      ok: null,
      detail: `${displayName} answered the made-up code with "${verdict.said}"; the doctor can't tell whether it accepted the client`,
      fix: null,
    };
  }
  const refused = `${displayName} refused the client credentials (sent ${how(first.clientAuth)}): "${verdict.said}"`;
  if (otherWay?.verdict.kind === 'accepted') {
    const flag = otherWay.clientAuth === 'basic' ? "clientAuth: 'basic'" : "clientAuth: 'body' (the default)";
    return {
      name,
      ok: false,
      detail: `${refused}; sent ${how(otherWay.clientAuth)} they are accepted`,
      fix: `Send the credentials ${how(otherWay.clientAuth)}: set ${flag} in the strategy options (--client-auth ${otherWay.clientAuth} here).`,
    };
  }
  const both = otherWay ? `; ${how(otherWay.clientAuth)} too` : '';
  const space = whitespaceFix(settings);
  if (space) return { name, ok: false, detail: `${refused}${both}`, fix: space };
  const idKnown = authorize && ['shown', 'approved', 'error-redirect', 'bad-redirect'].includes(authorize.kind);
  if (idKnown) {
    return {
      name,
      ok: false,
      detail: `${refused}${both}; the authorize endpoint knows the client id, so the secret is wrong`,
      fix: `Copy the client secret again from ${console} into ${envPrefix}_CLIENT_SECRET.`,
    };
  }
  if (authorize?.kind === 'unknown-client') {
    return {
      name,
      ok: false,
      detail: `${refused}${both}; the authorize endpoint does not know the client id either`,
      fix: `Set ${envPrefix}_CLIENT_ID to the client id shown in ${console}.`,
    };
  }
  return {
    name,
    ok: false,
    detail: `${refused}${both}: the id, the secret${settings.provider === 'altdentifier' ? '' : ' or the way they are sent'} is wrong`,
    fix: `Copy the client id and secret again from ${console} into ${envPrefix}_CLIENT_ID and ${envPrefix}_CLIENT_SECRET.`,
  };
}

/** Gofundo's client_credentials check. */
export function clientCredentialsResult(settings: DoctorSettings, verdict: TokenVerdict): CheckResult {
  const name = 'token endpoint: client_credentials grant';
  const { envPrefix, console } = PROVIDERS[settings.provider];
  if (verdict.kind === 'accepted')
    return { name, ok: true, detail: `Gofundo confirms the client id and secret directly: ${verdict.said}`, fix: null };
  if (verdict.kind === 'unclear') {
    return {
      name,
      ok: null,
      detail: `Gofundo answered "${verdict.said}": this client may not use the client_credentials grant, which says nothing of its secret`,
      fix: null,
    };
  }
  return {
    name,
    ok: false,
    detail: `Gofundo refused the client id and secret: "${verdict.said}"`,
    fix:
      whitespaceFix(settings) ??
      `Copy the client id and secret of this instance's client from ${console} into ${envPrefix}_CLIENT_ID and ${envPrefix}_CLIENT_SECRET.`,
  };
}

/** A check that was not made, and why (an earlier check failed). */
export function notChecked(name: string, why: string): CheckResult {
  return { name, ok: null, detail: `not checked: ${why}`, fix: null };
}
