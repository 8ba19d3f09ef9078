import request from 'supertest';
import { SANDBOX_APP_NAME, submitDecision } from 'passport-nl-sandbox';
import { authorizeURL, REDIRECT_URI, useSandbox } from './support';

const { sandbox } = useSandbox();
const get = (url: URL) => request(url.origin).get(url.pathname + url.search);

describe('the authorize page', () => {
  it('shows the app name, the requested scopes and the seeded users with non-ASCII names', async () => {
    const petjeaf = sandbox().providers.petjeaf;
    const res = await get(authorizeURL(petjeaf, { scope: 'profile.read memberships.read' }));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain(SANDBOX_APP_NAME);
    expect(res.text).toContain('<code>profile.read</code>');
    expect(res.text).toContain('<code>memberships.read</code>');
    expect(res.text).toContain('Zoë Ångström');
    expect(res.text).toContain('name="user_id" value="8jFy8VbRPTfkM1658U2IrwvIV7R2"');
    expect(res.text).toMatch(/name="decision" value="approve">Approve/);
    expect(res.text).toMatch(/name="decision" value="deny">Deny/);
  });

  it('echoes the authorize parameters as escaped hidden fields', async () => {
    const res = await get(authorizeURL(sandbox().providers.gofundo, { state: '"><script>x</script>' }));
    expect(res.text).toContain('name="state" value="&#34;&#62;&#60;script&#62;x&#60;/script&#62;"');
    expect(res.text).not.toContain('<script>x');
  });
});

describe('the decision form', () => {
  it('Approve redirects back with a code and the state', async () => {
    const provider = sandbox().providers.altdentifier;
    const back = await submitDecision(authorizeURL(provider, { scope: 'read:user' }), { userId: provider.users[1].id });
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(back.searchParams.get('state')).toBe('state-123');
  });

  it('Deny redirects back with error=access_denied and the state', async () => {
    const back = await submitDecision(authorizeURL(sandbox().providers.petjeaf), { decision: 'deny' });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBe('The user denied the request');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses a user who is not seeded', async () => {
    const url = authorizeURL(sandbox().providers.petjeaf);
    const res = await request(url.origin)
      .post(url.pathname)
      .type('form')
      .send({ ...Object.fromEntries(url.searchParams), decision: 'approve', user_id: 'someone-else' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Invalid decision');
  });
});

describe('redirect URIs: any http(s) localhost or 127.0.0.1 URL, nothing else', () => {
  it.each(['http://127.0.0.1:8080/auth/cb', 'https://localhost/x?y=1'])('accepts %s', async (uri) => {
    const res = await get(authorizeURL(sandbox().providers.petjeaf, { redirect_uri: uri }));
    expect(res.status).toBe(200);
  });

  it.each([
    'https://evil.example/cb',
    'http://localhost.evil.example/cb',
    'javascript:alert(1)',
    'http://localhost/cb#frag',
  ])('answers %s on the page without redirecting', async (uri) => {
    const res = await get(
      authorizeURL(sandbox().providers.mijnklantportaal, { redirect_uri: uri, scope: 'customers.read' }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('Invalid redirect URI');
  });

  it('Gofundo answers a refused redirect URI with its documented invalid_client body', async () => {
    const res = await get(authorizeURL(sandbox().providers.gofundo, { redirect_uri: 'https://evil.example/cb' }));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
      message: 'Client authentication failed',
    });
  });
});

describe('unknown clients', () => {
  it('AltDentifier answers 404 as documented', async () => {
    const res = await get(authorizeURL(sandbox().providers.altdentifier, { client_id: 'nobody' }));
    expect(res.status).toBe(404);
    expect(res.text).toContain('The client id does not exist.');
  });

  it('Petje.af shows an error page without redirecting', async () => {
    const res = await get(authorizeURL(sandbox().providers.petjeaf, { client_id: 'nobody' }));
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('Unknown application');
  });
});

describe('authorize parameters refused with a redirect (RFC 6749 §4.1.2.1)', () => {
  const errorOf = async (url: URL) => {
    const res = await get(url);
    expect(res.status).toBe(302);
    return new URL(res.headers.location as string).searchParams;
  };

  it('MijnKlantportaal requires state', async () => {
    const params = await errorOf(
      authorizeURL(sandbox().providers.mijnklantportaal, { state: undefined, scope: 'customers.read' }),
    );
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('error_description')).toBe('state is required');
  });

  it('MijnKlantportaal requires a scope', async () => {
    const params = await errorOf(authorizeURL(sandbox().providers.mijnklantportaal, { scope: '' }));
    expect(params.get('error_description')).toBe('scope is required');
  });

  it('an unknown scope is invalid_scope', async () => {
    const params = await errorOf(authorizeURL(sandbox().providers.altdentifier, { scope: 'read:user admin' }));
    expect(params.get('error')).toBe('invalid_scope');
    expect(params.get('error_description')).toBe('unknown scope: admin');
  });

  it('Gofundo accepts only the empty scope', async () => {
    const params = await errorOf(authorizeURL(sandbox().providers.gofundo, { scope: 'user' }));
    expect(params.get('error')).toBe('invalid_scope');
  });

  it('response_type other than code is unsupported_response_type', async () => {
    const params = await errorOf(authorizeURL(sandbox().providers.petjeaf, { response_type: 'token' }));
    expect(params.get('error')).toBe('unsupported_response_type');
    expect(params.get('state')).toBe('state-123');
  });
});
