import request from 'supertest';
import { createLoginApp, startLogin, useNock } from '@internal/test-support';
import { AUTHORIZATION_URL, Strategy } from 'passport-mijnklantportaal';
import { options, makeStrategy, keepProfile } from './support';

useNock();

describe('authorize redirect (docs: /oauth/endpoints/authorize)', () => {
  it('goes to https://manage.mijnklantportaal.nl/oauth/authorize with client_id, redirect_uri and response_type=code', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy()));
    expect(AUTHORIZATION_URL).toBe('https://manage.mijnklantportaal.nl/oauth/authorize');
    expect(location.origin + location.pathname).toBe('https://manage.mijnklantportaal.nl/oauth/authorize');
    expect(location.searchParams.get('client_id')).toBe('mkp-app-id');
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost/callback');
    expect(location.searchParams.get('response_type')).toBe('code');
  });

  it('never puts the client secret in the URL', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy()));
    expect(location.href).not.toContain(options.clientSecret);
  });

  it('honours an authorizationURL override', async () => {
    const { location } = await startLogin(
      createLoginApp(makeStrategy({ authorizationURL: 'https://sandbox.example/authorize' })),
    );
    expect(location.origin + location.pathname).toBe('https://sandbox.example/authorize');
  });
});

describe('state is required by MijnKlantportaal', () => {
  it('always sends a fresh random state', async () => {
    const app = createLoginApp(makeStrategy());
    const first = await startLogin(app);
    const second = await startLogin(app);
    expect(first.state).toMatch(/^[\w-]{20,}$/);
    expect(second.state).toMatch(/^[\w-]{20,}$/);
    expect(second.state).not.toBe(first.state);
  });

  it('refuses state: false with a TypeError', () => {
    expect(() => new Strategy({ ...options, state: false }, keepProfile)).toThrow(TypeError);
    expect(() => new Strategy({ ...options, state: false }, keepProfile)).toThrow(/requires state/);
  });

  it('fails a callback that comes back without the state (403, no token request)', async () => {
    const { agent } = await startLogin(createLoginApp(makeStrategy()));
    const res = await agent.get('/callback').query({ code: 'some-code' });
    expect(res.status).toBe(403);
    expect(res.body.failure.message).toMatch(/state/i);
  });
});

describe('scope', () => {
  it('defaults to customers.read (MijnKlantportaal requires a scope and has no identity scope)', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy()));
    expect(location.searchParams.get('scope')).toBe('customers.read');
  });

  it('joins an array scope with spaces', async () => {
    const { location } = await startLogin(
      createLoginApp(makeStrategy({ scope: ['customers.read', 'invoices.read', 'tickets.write'] })),
    );
    expect(location.searchParams.get('scope')).toBe('customers.read invoices.read tickets.write');
  });

  it('sends a string scope as given', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy({ scope: 'files.read' })));
    expect(location.searchParams.get('scope')).toBe('files.read');
  });
});

describe('prompt from authenticate() options', () => {
  it.each(['consent', 'login'])('passes prompt=%s to the authorize URL', async (prompt) => {
    const { location } = await startLogin(createLoginApp(makeStrategy(), { loginOptions: { prompt } }));
    expect(location.searchParams.get('prompt')).toBe(prompt);
  });

  it('sends no prompt when none is given (the provider defaults to consent)', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy()));
    expect(location.searchParams.has('prompt')).toBe(false);
  });

  it('refuses any other prompt value with a TypeError', async () => {
    const res = await request(createLoginApp(makeStrategy(), { loginOptions: { prompt: 'none' } })).get('/login');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ name: 'TypeError', message: expect.stringMatching(/consent or login/) });
    expect(() => makeStrategy().authorizationParams({ prompt: 'select_account' as 'login' })).toThrow(TypeError);
  });
});
