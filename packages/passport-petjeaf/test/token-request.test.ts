import { completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { Strategy } from 'passport-petjeaf';
import { CLIENT_SECRET, formFields, keepProfile, mockTokenEndpoint, options, tokenAnswer } from './support';

useNock();

describe('token request (docs: https://docs.petje.af/petje.af-api/authentication/tokens)', () => {
  async function exchange(): Promise<CapturedRequest> {
    const received: CapturedRequest[] = [];
    const scope = mockTokenEndpoint(200, tokenAnswer(), received);
    const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile)), 'code-from-petjeaf');
    expect(outcome.status).toBe(200);
    expect(scope.isDone()).toBe(true);
    expect(received).toHaveLength(1);
    return received[0];
  }

  it('POSTs to https://api.petje.af/v1/oauth2/tokens (the mock answers only a POST to that host and path)', async () => {
    const request = await exchange();
    expect(request.path).toBe('/v1/oauth2/tokens');
  });

  it('encodes the body as application/x-www-form-urlencoded', async () => {
    const request = await exchange();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(() => JSON.parse(request.body) as unknown).toThrow();
  });

  it('sends client_id and client_secret in the body, grant_type=authorization_code and the code', async () => {
    const { body } = await exchange();
    expect(formFields(body)).toEqual({
      client_id: 'petjeaf-client-1',
      client_secret: CLIENT_SECRET,
      grant_type: 'authorization_code',
      code: 'code-from-petjeaf',
      // passport-oauth2 adds the callback URL; the docs do not list it and it does no harm.
      redirect_uri: 'http://localhost/callback',
    });
  });

  it('does not send the credentials as HTTP Basic as well', async () => {
    const request = await exchange();
    expect(request.headers.authorization).toBeUndefined();
  });
});
