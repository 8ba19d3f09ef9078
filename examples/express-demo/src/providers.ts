import https from 'node:https';
import type { Strategy as PassportStrategy } from 'passport';
import { Strategy as AltDentifierStrategy } from 'passport-altdentifier';
import { Strategy as GofundoStrategy } from 'passport-gofundo';
import { Strategy as MijnKlantportaalStrategy } from 'passport-mijnklantportaal';
import { Strategy as PetjeafStrategy, type TokenParams, type TokenSet } from 'passport-petjeaf';
import type { ProviderName, SandboxEndpoints } from 'passport-nl-sandbox';
import { logLogins } from './login-log';
import { boundedDemoUser } from './session-bounds';
import { expiresAtFrom } from './token-expiry';

/** Human names of the providers. */
export const PROVIDER_LABELS: Readonly<Record<ProviderName, string>> = {
  petjeaf: 'Petje.af',
  gofundo: 'Gofundo',
  mijnklantportaal: 'MijnKlantportaal',
  altdentifier: 'AltDentifier',
};

/** How the demo talks to one provider: its credentials and, for the sandbox, its URLs. */
export interface ProviderSettings {
  clientID: string;
  clientSecret: string;
  /** True when this is the local sandbox (shown on the pages). */
  sandbox: boolean;
  authorizationURL?: string;
  tokenURL?: string;
  userProfileURL?: string;
  /** The provider's API base (the sandbox's), for `apiBaseURL`. */
  apiBaseURL?: string;
  /** Petje.af: where `revoke()` sends its `DELETE`. */
  revocationURL?: string;
  /** Log in without the profile step (`<PROVIDER>_SKIP_USER_PROFILE=1`): the user is then known by provider only. */
  skipUserProfile?: boolean;
  /** PEM to trust (a sandbox served over HTTPS). */
  ca?: string;
}

/** The settings that point a provider at a sandbox stand-in (`ca`: its certificate when served over HTTPS). */
export function sandboxSettings(provider: SandboxEndpoints, ca?: string): ProviderSettings {
  const { name } = provider;
  return {
    clientID: provider.client.clientID,
    clientSecret: provider.client.clientSecret,
    sandbox: true,
    authorizationURL: provider.authorizationURL,
    tokenURL: provider.tokenURL,
    // Petje.af's profile comes from its JWT; MijnKlantportaal's from the sandbox-only endpoint.
    userProfileURL: name === 'petjeaf' ? undefined : provider.userProfileURL,
    apiBaseURL: provider.apiBaseURL,
    ca,
  };
}

/** What the demo stores in the session for a logged-in user (server-side only), bounded by `SESSION_BOUNDS`. */
export interface DemoUser {
  provider: ProviderName;
  id: string;
  displayName: string;
  username?: string;
  emails: string[];
  /** The provider's raw profile answer (`_json`). */
  json: unknown;
  /** Granted scopes. */
  scopes: string[];
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires, epoch ms. */
  expiresAt?: number;
}

/** The strategies' shared shape, as the demo uses them. */
export type DemoStrategy = PassportStrategy & { refresh(refreshToken: string): Promise<TokenSet>; close(): void };

interface ProfileLike {
  id: string;
  displayName: string;
  username?: string;
  emails?: Array<{ value: string }>;
  _json: unknown;
  scopes?: string[];
}

/**
 * Creates the strategy for `name`, with `callbackURL`, storing a {@link DemoUser} on success;
 * with `logLine`, one line per login started, succeeded, denied or failed (see {@link logLogins}).
 */
export function createStrategy(
  name: ProviderName,
  settings: ProviderSettings,
  callbackURL: string,
  logLine?: (line: string) => void,
): DemoStrategy {
  const verify: DemoVerify = (accessToken, refreshToken, params, profile, done) => {
    let user: DemoUser;
    try {
      // Bounded here, before passport writes it to the session (see SESSION_BOUNDS).
      user = boundedDemoUser(toDemoUser(name, accessToken, refreshToken, params, profile), PROVIDER_LABELS[name]);
    } catch (error) {
      return done(error);
    }
    done(null, user);
  };
  // The sandbox over HTTPS has a self-signed CA: our own agent trusts it, so closing the demo must close it too.
  const agent = settings.ca ? new https.Agent({ ca: settings.ca, keepAlive: true }) : undefined;
  const options = {
    clientID: settings.clientID,
    clientSecret: settings.clientSecret,
    callbackURL,
    authorizationURL: settings.authorizationURL,
    tokenURL: settings.tokenURL,
    skipUserProfile: settings.skipUserProfile,
    agent,
  };
  const strategy = construct(name, options, settings, verify);
  if (logLine) logLogins(strategy, name, logLine);
  if (agent) closeAgentWith(strategy, agent);
  return strategy;
}

/**
 * Makes `strategy.close()` also destroy `agent`: a strategy's close() only destroys the agents
 * it made itself, not one it was given (the demo gives one to trust the sandbox's certificate).
 */
export function closeAgentWith(strategy: { close(): void }, agent: https.Agent): void {
  const closeStrategy = strategy.close.bind(strategy);
  strategy.close = () => {
    closeStrategy();
    agent.destroy();
  };
}

type DemoVerify = (
  accessToken: string,
  refreshToken: string | undefined,
  params: TokenParams,
  profile: ProfileLike | undefined,
  done: (err: unknown, user?: DemoUser) => void,
) => void;

/** The options every strategy takes alike. */
interface CommonOptions {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  authorizationURL?: string;
  tokenURL?: string;
  skipUserProfile?: boolean;
  agent?: https.Agent;
}

function construct(
  name: ProviderName,
  options: CommonOptions,
  { userProfileURL, revocationURL }: ProviderSettings,
  verify: DemoVerify,
): DemoStrategy {
  switch (name) {
    case 'petjeaf':
      return new PetjeafStrategy({ ...options, revocationURL }, verify);
    case 'gofundo':
      return new GofundoStrategy({ ...options, userProfileURL }, verify);
    case 'mijnklantportaal':
      return new MijnKlantportaalStrategy({ ...options, userProfileURL }, verify);
    case 'altdentifier':
      return new AltDentifierStrategy({ ...options, userProfileURL }, verify);
  }
}

function toDemoUser(
  name: ProviderName,
  accessToken: string,
  refreshToken: string | undefined,
  params: TokenParams,
  profile: ProfileLike | undefined,
): DemoUser {
  const scopes = profile?.scopes ?? (typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : []);
  return {
    provider: name,
    // With skipUserProfile there is no profile: the login proves a token, not who it belongs to.
    id: profile?.id ?? '(profile skipped)',
    displayName: profile?.displayName ?? `${PROVIDER_LABELS[name]} user`,
    username: profile?.username,
    emails: (profile?.emails ?? []).map((email) => email.value),
    json: profile?._json ?? null,
    scopes,
    accessToken,
    refreshToken,
    expiresAt: expiresAtFrom(params.expires_in),
  };
}
