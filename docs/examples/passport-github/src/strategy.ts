import {
  isRecord,
  nonEmptyString,
  normalizeProfile,
  ProviderStrategy,
  type ProviderDefinition,
  type ProviderProfile,
  type ProviderStrategyOptions,
  type TokenParams,
} from 'passport-provider-kit';

/**
 * A GitHub OAuth app strategy, written on the kit as a worked example (not published): a
 * `describe` and a `loadProfile`, with GitHub's three quirks each taken by a kit hook.
 *
 * - The token endpoint answers 200 with `{error, error_description}` for a bad code: the kit's
 *   default `errorInResponse` makes that a `ProviderTokenError` with GitHub's code.
 * - `/user/emails` answers a JSON array: `apiGet(..., { json: 'array' })`.
 * - A request without `User-Agent` gets a plain-text 403: `textErrorBodies` keeps its text.
 *
 * @see https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 */

export const AUTHORIZATION_URL = 'https://github.com/login/oauth/authorize';
export const TOKEN_URL = 'https://github.com/login/oauth/access_token';
export const API_BASE_URL = 'https://api.github.com';
/** GitHub refuses API requests without a User-Agent. */
export const USER_AGENT = 'passport-github-example';

/** What `GET /user` answers (the fields the profile uses; a type alias: `_json` must be a record). */
export type GitHubUser = { id: number; login: string; name?: string | null; email?: string | null };

/** A Passport profile built from GitHub's user. */
export type GitHubProfile = ProviderProfile<'github', GitHubUser>;

/** The options: the kit's, with `scope` defaulting to `read:user user:email`. */
export type GitHubStrategyOptions = ProviderStrategyOptions;

/** Passport strategy for GitHub: `passport.use(new Strategy({ clientID, clientSecret, callbackURL }, verify))`. */
export class Strategy extends ProviderStrategy<GitHubProfile, GitHubStrategyOptions> {
  /** GitHub as data. */
  static describe(): ProviderDefinition {
    return {
      name: 'github',
      displayName: 'GitHub',
      authorizationURL: AUTHORIZATION_URL,
      // Without Accept: application/json, GitHub answers the token request form-encoded.
      token: { url: TOKEN_URL, bodyEncoding: 'form', clientAuth: 'body', headers: { 'User-Agent': USER_AGENT } },
      scopeSeparator: ' ',
      defaultScope: ['read:user', 'user:email'],
      apiBaseURL: API_BASE_URL,
      apiHeaders: { Accept: 'application/vnd.github+json', 'User-Agent': USER_AGENT },
      errorFields: ['message', 'error_description', 'error'],
      textErrorBodies: true,
    };
  }

  /** `GET /user`; when the user keeps their address private, the primary verified one from `/user/emails`. */
  protected override async loadProfile(accessToken: string, params: TokenParams | undefined): Promise<GitHubProfile> {
    const { json, raw, status } = await this.apiGet(accessToken, '/user', { label: 'user endpoint' });
    const user = json as GitHubUser;
    const email = nonEmptyString(json.email) ?? (await this.primaryEmail(accessToken, params));
    const fields = { id: json.id, displayName: json.name, username: json.login, email };
    return normalizeProfile('github', 'GitHub', 'user endpoint', fields, raw, user, status);
  }

  /**
   * The primary verified address, read when the login granted `user:email` (or `user`), or
   * outside a login (no `params`); `undefined` when GitHub lists none.
   */
  private async primaryEmail(accessToken: string, params: TokenParams | undefined): Promise<string | undefined> {
    const granted = typeof params?.scope === 'string' ? params.scope.split(/[\s,]+/) : undefined;
    if (granted && !granted.includes('user:email') && !granted.includes('user')) return undefined;
    const { json } = await this.apiGet(accessToken, '/user/emails', { json: 'array', label: 'emails endpoint' });
    const primary = json.find((entry) => isRecord(entry) && entry.primary === true && entry.verified === true);
    return isRecord(primary) ? nonEmptyString(primary.email) : undefined;
  }
}
