import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { ProviderApiError, ProviderTokenError, type VerifyCallback } from 'passport-provider-kit';
import { Strategy, type GitHubProfile } from '../../../../docs/examples/passport-github/src/strategy';

/**
 * The worked example of the kit README (docs/examples/passport-github): a GitHub strategy whose
 * three quirks each take one kit hook. nock only; nothing reaches GitHub.
 */

const SOURCE_DIR = join(__dirname, '../../../../docs/examples/passport-github/src');
const SECRET = 'github-client-secret-5e1f';
const options = { clientID: 'Iv1.github-client', clientSecret: SECRET, callbackURL: 'http://localhost/callback' };
const keepProfile = (_at: string, _rt: string | undefined, profile: GitHubProfile, done: VerifyCallback) =>
  done(null, { id: profile.id, username: profile.username, emails: profile.emails });

useNock();

/** A login against nock's GitHub; resolves with what the app answered and the error it saw. */
async function login() {
  const errors: unknown[] = [];
  const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile), { errors }), 'gh-code');
  return { outcome, error: errors[0] as Error | undefined };
}

function tokenAnswers(status: number, body: nock.Body) {
  return nock('https://github.com')
    .post('/login/oauth/access_token', (body: Record<string, string>) => body.code === 'gh-code')
    .matchHeader('accept', 'application/json')
    .matchHeader('user-agent', 'passport-github-example')
    .reply(status, body);
}

function api() {
  return nock('https://api.github.com')
    .matchHeader('authorization', 'Bearer gho_token1')
    .matchHeader('accept', 'application/vnd.github+json')
    .matchHeader('user-agent', 'passport-github-example');
}

describe('the example is small: at most 120 lines of source', () => {
  it('counts the lines of every source file', () => {
    const files = readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.ts'));
    const lines = files.reduce(
      (sum, name) => sum + readFileSync(join(SOURCE_DIR, name), 'utf8').split('\n').length - 1,
      0,
    );
    console.log(`docs/examples/passport-github/src: ${lines} lines of source in ${files.length} file(s)`);
    expect(lines).toBeLessThanOrEqual(120);
  });
});

describe('a login reads /user, and the primary verified address from /user/emails (a JSON array)', () => {
  it('builds the profile with the address GitHub keeps private on /user', async () => {
    tokenAnswers(200, { access_token: 'gho_token1', token_type: 'bearer', scope: 'read:user,user:email' });
    api().get('/user').reply(200, { id: 583231, login: 'octocat', name: 'The Octocat', email: null });
    api()
      .get('/user/emails')
      .reply(200, [
        { email: 'old@example.com', primary: false, verified: true },
        { email: 'octocat@github.com', primary: true, verified: true },
      ]);
    const { outcome } = await login();
    expect(outcome.body.user).toEqual({
      id: '583231',
      username: 'octocat',
      emails: [{ value: 'octocat@github.com' }],
    });
  });

  it('does not read /user/emails when the login did not grant user:email', async () => {
    tokenAnswers(200, { access_token: 'gho_token1', token_type: 'bearer', scope: 'read:user' });
    api().get('/user').reply(200, { id: 1, login: 'octocat', email: null });
    const { outcome } = await login();
    expect(outcome.body.user).toEqual({ id: '1', username: 'octocat' });
  });

  it('fails the login with a ProviderApiError when /user/emails is not an array', async () => {
    tokenAnswers(200, { access_token: 'gho_token1', token_type: 'bearer', scope: 'user:email' });
    api().get('/user').reply(200, { id: 1, login: 'octocat', email: null });
    api().get('/user/emails').reply(200, { email: 'octocat@github.com' });
    const { error } = await login();
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({
      message: 'GitHub emails endpoint answered 200 with JSON that is not an array',
      reason: 'unexpected_shape',
    });
  });
});

describe("a token request answered 200 with {error, error_description} keeps GitHub's code and text", () => {
  it('is a ProviderTokenError with providerCode bad_verification_code', async () => {
    tokenAnswers(200, {
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
      error_uri:
        'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
    });
    const { error } = await login();
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toMatchObject({
      message: 'GitHub token endpoint answered 200 without an access_token: The code passed is incorrect or expired.',
      reason: 'provider_error',
      providerCode: 'bad_verification_code',
      code: 'bad_verification_code',
    });
  });
});

describe("a plain-text 403 (GitHub's answer to a request without User-Agent) keeps GitHub's text", () => {
  it('is a ProviderApiError with the text, flattened, and status 403', async () => {
    tokenAnswers(200, { access_token: 'gho_token1', token_type: 'bearer', scope: 'read:user' });
    api()
      .get('/user')
      .reply(
        403,
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n',
        { 'Content-Type': 'text/plain; charset=utf-8' },
      );
    const { outcome, error } = await login();
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error?.message).toMatch(
      /^GitHub user endpoint answered 403: Request forbidden by administrative rules\. Please make sure your request has a User-Agent header/,
    );
    expect(outcome.status).toBe(403);
  });
});
