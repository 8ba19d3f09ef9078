import { Strategy as AltDentifierStrategy, USER_PROFILE_URL as ALTDENTIFIER_USER_URL } from 'passport-altdentifier';
import { Strategy as GofundoStrategy, USER_PROFILE_URL as GOFUNDO_USER_URL } from 'passport-gofundo';
import { Strategy as MijnKlantportaalStrategy } from 'passport-mijnklantportaal';
import { Strategy as PetjeafStrategy } from 'passport-petjeaf';
import type { HttpResponse } from './http';
import { jsonField, providerWords } from './provider-text';
import type { DoctorSettings, ProviderName } from './types';
import type { AuthorizeVerdict, TokenVerdict } from './verdicts';

/** What a strategy's static `describe(options)` returns: its endpoints and how it calls them. */
export type StrategyDefinition = ReturnType<typeof GofundoStrategy.describe>;

/** The parts of a strategy the doctor uses: its public API only. */
export interface DoctorStrategy {
  authorizationParams(options: object): object;
  userProfile(accessToken: string, done: (error: unknown, profile?: unknown) => void): void;
  close(): void;
}

/** An endpoint the strategy will use, and how its package README marks it. */
export interface EndpointUse {
  kind: 'authorize' | 'token' | 'user' | 'revocation';
  url: string;
  /** `documented`, `assumed`, or `yours` when set by a variable or flag. */
  mark: 'documented' | 'assumed' | 'yours';
  /** Where the mark comes from, or which setting gave the URL. */
  note: string;
}

/** A strategy built with the doctor's settings. */
export interface BuiltStrategy {
  strategy: DoctorStrategy;
  definition: StrategyDefinition;
  endpoints: EndpointUse[];
}

/** The URL settings, as the demo names them (`<PREFIX>_AUTHORIZATION_URL`...). */
export type UrlSetting = 'authorizationURL' | 'tokenURL' | 'userProfileURL' | 'revocationURL';

/** What the doctor knows of one provider. */
export interface ProviderInfo {
  displayName: string;
  /** Environment variable prefix, as the demo reads them. */
  envPrefix: string;
  /** The URL settings the strategy takes (the demo refuses the others). */
  urlSettings: readonly UrlSetting[];
  /** Where the user finds the client id, the secret and the registered redirect URI. */
  console: string;
  /** The marks of the default endpoints, from the package README. */
  marks: Partial<Record<EndpointUse['kind'], { mark: 'documented' | 'assumed'; note: string }>>;
  /** Builds the strategy with the settings; throws what the strategy throws. */
  build(settings: DoctorSettings, options: StrategyOptions): BuiltStrategy;
  /** Reads an authorize error answer the provider's way; undefined leaves it to the common rules. */
  authorizeRefusal?(res: HttpResponse): AuthorizeVerdict | undefined;
  /** Reads the answer to a deliberately invalid code. */
  tokenVerdict(res: HttpResponse): TokenVerdict;
}

/** The options every strategy is built with. */
export interface StrategyOptions {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  authorizationURL?: string;
  tokenURL?: string;
  timeout: number;
}

/** A verify function that is never called: the doctor logs nobody in. */
const NO_LOGIN = (_accessToken: string, _refreshToken: string | undefined, _profile: unknown, done: VerifyDone) =>
  done(null, false);
type VerifyDone = (error: unknown, user?: false) => void;

const README = (name: string) => `passport-${name} README, "What ... documents, and what this package assumes"`;

/** RFC 6749 answers read the usual way: `invalid_client` refused; another 400 error code accepted. */
function oauthTokenVerdict(res: HttpResponse): TokenVerdict {
  const said = providerWords(res);
  const error = jsonField(res, 'error');
  if (error === 'invalid_client' || res.status === 401) return { kind: 'refused', said };
  if (res.status === 400 && (error === 'invalid_grant' || error === 'invalid_request'))
    return { kind: 'accepted', said };
  return { kind: 'unclear', said };
}

/** The endpoints of a strategy that takes `userProfileURL`, from its definition and settings. */
function endpointsOf(
  info: Pick<ProviderInfo, 'envPrefix' | 'marks'>,
  settings: DoctorSettings,
  definition: StrategyDefinition,
  user?: string,
  revocation?: string,
): EndpointUse[] {
  const entry = (kind: EndpointUse['kind'], url: string, setting: DoctorSettings['tokenURL']): EndpointUse => {
    const mark = info.marks[kind] ?? { mark: 'assumed' as const, note: 'not documented' };
    if (setting) return { kind, url, mark: 'yours', note: `set by ${setting.source}; the default is ${mark.mark}` };
    return { kind, url, ...mark };
  };
  const endpoints = [
    entry('authorize', definition.authorizationURL, settings.authorizationURL),
    entry('token', definition.token.url, settings.tokenURL),
  ];
  if (user) endpoints.push(entry('user', user, settings.userProfileURL));
  if (revocation) endpoints.push(entry('revocation', revocation, settings.revocationURL));
  return endpoints;
}

/** The doctor's knowledge of each provider. */
export const PROVIDERS: Readonly<Record<ProviderName, ProviderInfo>> = {
  petjeaf: {
    displayName: 'Petje.af',
    envPrefix: 'PETJEAF',
    urlSettings: ['authorizationURL', 'tokenURL', 'revocationURL'],
    console: 'the Petje.af dashboard, Koppelingen > Apps',
    marks: {
      authorize: {
        mark: 'assumed',
        note: `our copy of the docs links the authorize page without its URL (${README('petjeaf')})`,
      },
      token: { mark: 'documented', note: 'https://docs.petje.af/petje.af-api/authentication/tokens' },
      revocation: { mark: 'assumed', note: "from Petje.af's WordPress plugin; the doctor sends it nothing" },
    },
    build(settings, options) {
      const all = { ...options, revocationURL: settings.revocationURL?.value };
      const strategy = new PetjeafStrategy(all, NO_LOGIN);
      const definition = PetjeafStrategy.describe(all);
      const revocation = settings.revocationURL?.value ?? definition.token.url;
      return { strategy, definition, endpoints: endpointsOf(this, settings, definition, undefined, revocation) };
    },
    tokenVerdict(res) {
      const said = providerWords(res);
      const detail = jsonField(res, 'detail') ?? '';
      if (res.status === 401 || /invalid client|client authentication/i.test(detail)) return { kind: 'refused', said };
      if (res.status === 400 && /invalid grant|authorization code/i.test(detail)) return { kind: 'accepted', said };
      return oauthTokenVerdict(res);
    },
  },
  gofundo: {
    displayName: 'Gofundo',
    envPrefix: 'GOFUNDO',
    urlSettings: ['authorizationURL', 'tokenURL', 'userProfileURL'],
    console: "your Gofundo instance's Instellingen > API-koppeling",
    marks: {
      authorize: { mark: 'documented', note: 'https://developer.gofundo.nl/gofundo' },
      token: { mark: 'documented', note: 'https://developer.gofundo.nl/gofundo' },
      user: { mark: 'assumed', note: "Gofundo documents no user endpoint; this is Laravel Passport's /api/user" },
    },
    build(settings, options) {
      const all = { ...options, userProfileURL: settings.userProfileURL?.value };
      const strategy = new GofundoStrategy(all, NO_LOGIN);
      const definition = GofundoStrategy.describe(all);
      const user = settings.userProfileURL?.value ?? GOFUNDO_USER_URL;
      return { strategy, definition, endpoints: endpointsOf(this, settings, definition, user) };
    },
    // Documented: "302 Callback URL is incorrect" with {"error":"invalid_client",...}; an unknown client answers the same.
    authorizeRefusal(res) {
      if (jsonField(res, 'error') === 'invalid_client') return { kind: 'client-or-redirect', said: providerWords(res) };
      return undefined;
    },
    // Laravel Passport checks the client first, then the code (invalid_grant, or invalid_request "Cannot decrypt").
    tokenVerdict: oauthTokenVerdict,
  },
  mijnklantportaal: {
    displayName: 'MijnKlantportaal',
    envPrefix: 'MIJNKLANTPORTAAL',
    urlSettings: ['authorizationURL', 'tokenURL', 'userProfileURL'],
    console: 'the MijnKlantportaal Developer portal',
    marks: {
      authorize: { mark: 'documented', note: 'https://docs.developers.mijnklantportaal.nl/oauth/endpoints/authorize' },
      token: {
        mark: 'documented',
        note: 'https://docs.developers.mijnklantportaal.nl/oauth/endpoints/generate-tokens',
      },
    },
    build(settings, options) {
      const all = { ...options, userProfileURL: settings.userProfileURL?.value };
      const strategy = new MijnKlantportaalStrategy(all, NO_LOGIN);
      const definition = MijnKlantportaalStrategy.describe(all);
      return {
        strategy,
        definition,
        endpoints: endpointsOf(this, settings, definition, settings.userProfileURL?.value),
      };
    },
    // Token errors are not documented: a 401 is read as the client refused, a 400 about the code as accepted.
    tokenVerdict(res) {
      const said = providerWords(res);
      if (res.status === 401 || jsonField(res, 'error') === 'invalid_client') return { kind: 'refused', said };
      if (res.status === 400 && /code|grant/i.test(said)) return { kind: 'accepted', said };
      return oauthTokenVerdict(res);
    },
  },
  altdentifier: {
    displayName: 'AltDentifier',
    envPrefix: 'ALTDENTIFIER',
    urlSettings: ['authorizationURL', 'tokenURL', 'userProfileURL'],
    console: 'https://altdentifier.dev/applications',
    marks: {
      authorize: { mark: 'documented', note: 'https://docs.altdentifier.dev/api/oauth2-api' },
      token: { mark: 'documented', note: 'https://docs.altdentifier.dev/api/oauth2-api' },
      user: {
        mark: 'assumed',
        note: 'the HTTP API page is not public; /api/v2/user/@me follows its naming and Discord',
      },
    },
    build(settings, options) {
      const all = {
        ...options,
        userProfileURL: settings.userProfileURL?.value,
        clientAuth: settings.clientAuth?.value,
      };
      const strategy = new AltDentifierStrategy(all, NO_LOGIN);
      const definition = AltDentifierStrategy.describe(all);
      const user = settings.userProfileURL?.value ?? ALTDENTIFIER_USER_URL;
      return { strategy, definition, endpoints: endpointsOf(this, settings, definition, user) };
    },
    // Documented: "404 Returned when the client id does not exist".
    authorizeRefusal(res) {
      if (res.status === 404) return { kind: 'unknown-client', said: providerWords(res) || 'Not Found' };
      return undefined;
    },
    // Documented: 400 {"error": "Cannot grant token"}, 401 {"error": "Provided client credentials are incorrect"}.
    tokenVerdict(res) {
      const said = providerWords(res);
      if (res.status === 401) return { kind: 'refused', said };
      if (res.status === 400 && /cannot grant token/i.test(said)) return { kind: 'accepted', said };
      return { kind: 'unclear', said };
    },
  },
};
