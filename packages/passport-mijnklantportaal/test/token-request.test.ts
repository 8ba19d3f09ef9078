import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { TOKEN_URL } from 'passport-mijnklantportaal';
import { makeStrategy, MANAGE_HOST, options, tokenAnswer } from './support';

useNock();

describe('token request (docs: /oauth/endpoints/generate-tokens): a JSON body, not a form', () => {
  it('POSTs to https://manage.mijnklantportaal.nl/oauth/tokens', async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(captureReply(seen, 200, tokenAnswer));
    const outcome = await completeLogin(createLoginApp(makeStrategy()), 'code-1');
    expect(TOKEN_URL).toBe('https://manage.mijnklantportaal.nl/oauth/tokens');
    expect(outcome.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].path).toBe('/oauth/tokens');
  });

  it('sends Content-Type: application/json and a body that parses as JSON with the five documented fields', async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(captureReply(seen, 200, tokenAnswer));
    await completeLogin(createLoginApp(makeStrategy()), 'code-1');
    const [sent] = seen;
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: options.clientID,
      client_secret: options.clientSecret,
      redirect_uri: options.callbackURL,
      code: 'code-1',
    });
  });

  it('does not form-encode the body', async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(captureReply(seen, 200, tokenAnswer));
    await completeLogin(createLoginApp(makeStrategy()), 'code-1');
    const [sent] = seen;
    expect(sent.headers['content-type']).not.toMatch(/x-www-form-urlencoded/);
    expect(sent.body.trim().startsWith('{')).toBe(true);
    expect(sent.body).not.toMatch(/(^|&)grant_type=/);
  });

  it('keeps the credentials in the body: no Authorization header, nothing in the query string', async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(captureReply(seen, 200, tokenAnswer));
    await completeLogin(createLoginApp(makeStrategy()), 'code-1');
    const [sent] = seen;
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.path).not.toContain('?');
  });

  it('honours a tokenURL override', async () => {
    const seen: CapturedRequest[] = [];
    nock('https://sandbox.example')
      .post('/token')
      .reply(captureReply(seen, 200, tokenAnswer));
    const outcome = await completeLogin(createLoginApp(makeStrategy({ tokenURL: 'https://sandbox.example/token' })));
    expect(outcome.status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});
