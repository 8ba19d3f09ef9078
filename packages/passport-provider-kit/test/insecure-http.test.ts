import type { ProviderStrategyOptions } from 'passport-provider-kit';
import { OPTIONS, TestStrategy, type TestProfile } from './support/test-strategy';

/** Non-https provider URLs are refused at construction unless loopback or allowInsecureHTTP (issue 13, item 7). */

type Options = ProviderStrategyOptions & Record<string, unknown>;

function make(options: Partial<Options>): TestStrategy {
  const verify = (_at: string, _rt: string | undefined, profile: TestProfile, done: (e: null, u: object) => void) =>
    done(null, profile);
  return new TestStrategy({ ...OPTIONS, ...options } as ProviderStrategyOptions, verify);
}

function construct(options: Partial<Options>): void {
  make(options).close();
}

const URL_OPTIONS = ['authorizationURL', 'tokenURL', 'apiBaseURL', 'userProfileURL', 'revocationURL', 'baseURL'];

describe('refuses a plain http provider URL on a host other than loopback', () => {
  it.each(URL_OPTIONS)('%s: a TypeError naming the option and allowInsecureHTTP', (option) => {
    expect(() => construct({ [option]: 'http://provider.example/oauth' })).toThrow(TypeError);
    expect(() => construct({ [option]: 'http://provider.example/oauth' })).toThrow(
      new RegExp(`^TestProv strategy: ${option} http://provider\\.example/oauth is not https.*allowInsecureHTTP: true`),
    );
  });

  it('names the origin and path only, never credentials or a query in the URL', () => {
    let message = '';
    try {
      construct({ tokenURL: 'http://user:pa55word@provider.example/token?key=s3cret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('tokenURL http://provider.example/token is not https');
    expect(message).not.toMatch(/pa55word|s3cret/);
  });

  it.each([
    'http://10.0.0.5/token',
    'http://localhost.evil.example/token',
    'http://128.0.0.1/token',
    'http://[::2]/token',
  ])('%s is not loopback', (url) => {
    expect(() => construct({ tokenURL: url })).toThrow(/tokenURL .* is not https/);
  });
});

describe('accepts http on loopback hosts (a local sandbox, tests)', () => {
  it.each([
    'http://localhost:4001/token',
    'http://127.0.0.1:4001/token',
    'http://127.255.0.9/token',
    'http://127.1/token',
    'http://[::1]:4001/token',
    'http://LOCALHOST/token',
  ])('%s', (url) => {
    expect(() => construct({ tokenURL: url, authorizationURL: url, apiBaseURL: url })).not.toThrow();
  });
});

describe('accepts any http URL with allowInsecureHTTP: true', () => {
  it.each(URL_OPTIONS)('%s', (option) => {
    expect(() => construct({ [option]: 'http://provider.example/oauth', allowInsecureHTTP: true })).not.toThrow();
  });

  it('refuses an allowInsecureHTTP that is not a boolean', () => {
    expect(() => construct({ allowInsecureHTTP: 'yes' as unknown as boolean })).toThrow(
      'TestProv strategy: allowInsecureHTTP must be true or false',
    );
  });
});

describe('accepts https everywhere', () => {
  it('builds a strategy with https URLs and no allowInsecureHTTP', () => {
    expect(() =>
      construct({ tokenURL: 'https://provider.example/token', authorizationURL: 'https://provider.example/authorize' }),
    ).not.toThrow();
  });
});
