import {
  normalizeProfile,
  ProviderStrategy,
  type ProviderDefinition,
  type ProviderProfile,
  type ProviderStrategyOptions,
  type TokenParams,
} from 'passport-provider-kit';

/** The made-up provider of the ProviderStrategy tests. */
export const ORIGIN = 'https://provider.test';
export const AUTHORIZE_PATH = '/oauth/authorize';
export const TOKEN_PATH = '/oauth/token';
export const USER_PATH = '/api/me';

/** The profile of the test provider. */
export type TestProfile = ProviderProfile<'testprov'>;

/** What loadProfile was called with. */
export interface ProfileCall {
  accessToken: string;
  params: TokenParams | undefined;
}

/**
 * The smallest provider: a `describe` and a `loadProfile` that reads a user endpoint, which
 * records what it was called with.
 */
export class TestStrategy extends ProviderStrategy<TestProfile> {
  /** Every call of loadProfile, in order. */
  readonly profileCalls: ProfileCall[] = [];

  static describe(options: ProviderStrategyOptions = OPTIONS): ProviderDefinition {
    const given = options as unknown as Record<string, unknown>;
    const own = (name: string) => (typeof given[name] === 'string' ? (given[name] as string) : undefined);
    return {
      name: 'testprov',
      displayName: 'TestProv',
      authorizationURL: `${ORIGIN}${AUTHORIZE_PATH}`,
      token: { url: `${ORIGIN}${TOKEN_PATH}`, bodyEncoding: 'form', clientAuth: 'body' },
      scopeSeparator: ',',
      defaultScope: ['user.read', 'email'],
      apiHeaders: { 'X-Api-Version': '3' },
      errorFields: ['error_description', 'error'],
      // The made-up provider's own URL options, as a provider package declares them.
      optionURLs: {
        baseURL: own('baseURL'),
        userProfileURL: own('userProfileURL'),
        revocationURL: own('revocationURL'),
      },
    };
  }

  protected override async loadProfile(accessToken: string, params: TokenParams | undefined): Promise<TestProfile> {
    this.profileCalls.push({ accessToken, params });
    const { json, raw } = await this.callApi('user endpoint', 'GET', `${ORIGIN}${USER_PATH}`, accessToken);
    return normalizeProfile(
      'testprov',
      'TestProv',
      'user endpoint',
      { id: json.id, displayName: json.name },
      raw,
      json,
    );
  }
}

/** Options of a strategy under test. */
export const CLIENT_SECRET = 'testprov-client-secret-61c0';
export const OPTIONS: ProviderStrategyOptions = {
  clientID: 'testprov-client',
  clientSecret: CLIENT_SECRET,
  callbackURL: 'http://localhost/callback',
};
