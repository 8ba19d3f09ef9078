import { PROVIDERS, type BuiltStrategy } from '../providers';
import type { CheckResult, DoctorSettings } from '../types';

/** The options check, and the strategy when it builds. */
export interface OptionsOutcome {
  result: CheckResult;
  built?: BuiltStrategy;
}

/**
 * Builds the provider's strategy with the settings, as the app would (its public constructor
 * and `describe`), and lists each endpoint it will use, marked documented, assumed or yours.
 */
export function optionsCheck(settings: DoctorSettings): OptionsOutcome {
  const info = PROVIDERS[settings.provider];
  const name = 'options';
  let built: BuiltStrategy;
  try {
    built = info.build(settings, {
      clientID: settings.clientID?.value ?? '',
      clientSecret: settings.clientSecret?.value ?? '',
      callbackURL: settings.callbackURL.value,
      authorizationURL: settings.authorizationURL?.value,
      tokenURL: settings.tokenURL?.value,
      timeout: settings.timeoutMs,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      result: {
        name,
        ok: false,
        detail: `the ${info.displayName} strategy refuses them: ${message}`,
        fix: fixFor(message, settings),
      },
    };
  }
  const lines = built.endpoints.map(
    (endpoint) => `${endpoint.kind} ${endpoint.url} (${endpoint.mark}: ${endpoint.note})`,
  );
  if (settings.provider === 'petjeaf') lines.push('profile: from the access token, a JWT (documented), no request');
  if (settings.provider === 'mijnklantportaal' && !settings.userProfileURL) {
    lines.push('profile: no user endpoint (MijnKlantportaal documents none), so the profile id changes at every login');
  }
  if (settings.provider === 'altdentifier') {
    const auth = built.definition.token.clientAuth;
    lines.push(`client credentials sent ${auth === 'basic' ? 'as HTTP Basic' : 'in the body'} (both documented)`);
  }
  const assumed = built.endpoints.filter((endpoint) => endpoint.mark === 'assumed').length;
  const detail = `the ${info.displayName} strategy builds with them${assumed ? `; ${assumed} endpoint(s) assumed, confirm them with ${info.displayName}` : ''}:\n${lines.join('\n')}`;
  return { result: { name, ok: true, detail, fix: null }, built };
}

function fixFor(message: string, settings: DoctorSettings): string {
  const { envPrefix, displayName } = PROVIDERS[settings.provider];
  if (/requires a clientID/.test(message)) return `Set ${envPrefix}_CLIENT_ID.`;
  if (/requires a clientSecret/.test(message)) return `Set ${envPrefix}_CLIENT_SECRET.`;
  const insecure = /(\w+) (https?:\/\/\S+) is not https/.exec(message);
  if (insecure)
    return `Use an https:// URL for ${variableFor(insecure[1], envPrefix)}: plain http is allowed only to localhost and 127.0.0.1.`;
  const otherHost = /(userProfileURL|revocationURL|tokenURL|authorizationURL)/.exec(message);
  if (otherHost)
    return `Set ${variableFor(otherHost[1], envPrefix)} (and the token URL) to the same ${displayName} host, or name both.`;
  return `Correct the setting the message names, as the passport-${settings.provider} README describes it.`;
}

function variableFor(option: string, prefix: string): string {
  const suffix: Record<string, string> = {
    authorizationURL: 'AUTHORIZATION_URL',
    tokenURL: 'TOKEN_URL',
    userProfileURL: 'USER_PROFILE_URL',
    revocationURL: 'REVOCATION_URL',
  };
  return suffix[option] ? `${prefix}_${suffix[option]}` : option;
}
