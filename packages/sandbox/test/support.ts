import request from 'supertest';
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxProvider } from 'passport-nl-sandbox';

/** The redirect URI the tests' client uses. */
export const REDIRECT_URI = 'http://localhost:3999/callback';

/** A sandbox started before the file's tests and closed after, with a clock tests can move. */
export function useSandbox(options: SandboxOptions = {}): {
  sandbox: () => Sandbox;
  advanceClock: (ms: number) => void;
} {
  let sandbox: Sandbox | undefined;
  let offset = 0;
  beforeAll(async () => {
    sandbox = await startSandbox({ clock: () => Date.now() + offset, ...options });
  });
  afterAll(async () => sandbox?.close());
  return {
    sandbox: () => {
      if (!sandbox) throw new Error('sandbox not started');
      return sandbox;
    },
    advanceClock: (ms) => {
      offset += ms;
    },
  };
}

/** The provider's authorize URL with the usual parameters, `overrides` replacing them (undefined removes one). */
export function authorizeURL(provider: SandboxProvider, overrides: Record<string, string | undefined> = {}): URL {
  const url = new URL(provider.authorizationURL);
  const params: Record<string, string | undefined> = {
    client_id: provider.client.clientID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: '',
    state: 'state-123',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** Approves an authorize request in-process and returns the code. */
export function approvedCode(
  provider: SandboxProvider,
  overrides: Record<string, string | undefined> = {},
  userId?: string,
): string {
  const back = new URL(provider.decide(authorizeURL(provider, overrides), { userId }));
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in ${back.toString()}`);
  return code;
}

/** The fields of a code exchange with the client's own credentials. */
export function codeGrant(
  provider: SandboxProvider,
  code: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: provider.client.clientID,
    client_secret: provider.client.clientSecret,
    ...extra,
  };
}

/** POSTs `fields` to the provider's token URL, form-urlencoded or JSON, with `Accept: application/json`. */
export function postToken(
  provider: SandboxProvider,
  fields: Record<string, string>,
  encoding: 'form' | 'json' = 'form',
) {
  const post = request(provider.origin).post(new URL(provider.tokenURL).pathname).set('Accept', 'application/json');
  return encoding === 'json' ? post.send(fields) : post.type('form').send(fields);
}

/** GETs the provider's profile endpoint with a bearer token (in `header`). */
export function getProfile(provider: SandboxProvider, accessToken: string, header = 'Authorization') {
  return request(provider.origin)
    .get(new URL(provider.userProfileURL as string).pathname)
    .set('Accept', 'application/json')
    .set(header, `Bearer ${accessToken}`);
}
