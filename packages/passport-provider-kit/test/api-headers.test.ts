import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ProviderStrategy,
  type ProviderDefinition,
  type ProviderProfile,
  type ProviderStrategyOptions,
} from 'passport-provider-kit';

/**
 * The headers of an API call, as the kit's README documents them: `Accept: application/json` by
 * default, replaced (not doubled) by an `Accept` in `apiHeaders` whatever its spelling, other
 * `apiHeaders` added, and the bearer header last, which `apiHeaders` cannot override.
 */

/** The test provider's options: its `apiHeaders` come from the test. */
interface MediaTypeOptions extends ProviderStrategyOptions {
  apiHeaders?: Record<string, string>;
}

/** A provider whose API may want its own media type; `read` exposes the protected `callApi`. */
class MediaTypeStrategy extends ProviderStrategy<ProviderProfile<'mediatype'>, MediaTypeOptions> {
  static describe(options: MediaTypeOptions): ProviderDefinition {
    return {
      name: 'mediatype',
      displayName: 'MediaType',
      authorizationURL: 'https://mediatype.example/oauth/authorize',
      token: { url: 'https://mediatype.example/oauth/token', bodyEncoding: 'form', clientAuth: 'body' },
      scopeSeparator: ' ',
      apiHeaders: options.apiHeaders,
      errorFields: ['error'],
    };
  }

  read(url: string, accessToken: string) {
    return this.callApi('user endpoint', 'GET', url, accessToken);
  }

  protected override loadProfile(): never {
    throw new Error('not used');
  }
}

/** The raw header lines of one API call made with `apiHeaders`, as a server on 127.0.0.1 received them. */
async function rawHeadersOfCall(apiHeaders: Record<string, string> | undefined): Promise<string[][]> {
  let received: string[] = [];
  const server = http.createServer((req, res) => {
    received = req.rawHeaders;
    res.setHeader('Content-Type', 'application/json');
    res.end('{"id":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const strategy = new MediaTypeStrategy(
    { clientID: 'client', clientSecret: 'secret', apiHeaders },
    (_accessToken, _refreshToken, profile, done) => done(null, profile),
  );
  try {
    await strategy.read(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/user`, 'the-token');
  } finally {
    strategy.close();
    await new Promise((resolve) => server.close(resolve));
  }
  const pairs: string[][] = [];
  for (let i = 0; i < received.length; i += 2) pairs.push([received[i].toLowerCase(), received[i + 1]]);
  return pairs;
}

const valuesOf = (pairs: string[][], name: string) => pairs.filter(([key]) => key === name).map(([, value]) => value);

describe('API call headers: apiHeaders replace the default Accept', () => {
  it('sends Accept: application/json when the definition has no apiHeaders', async () => {
    expect(valuesOf(await rawHeadersOfCall(undefined), 'accept')).toEqual(['application/json']);
  });

  it('sends only the apiHeaders Accept, in any spelling, and adds the other apiHeaders', async () => {
    const pairs = await rawHeadersOfCall({ accept: 'application/vnd.mediatype.v2+json', 'X-Api-Version': '2' });
    expect(valuesOf(pairs, 'accept')).toEqual(['application/vnd.mediatype.v2+json']);
    expect(valuesOf(pairs, 'x-api-version')).toEqual(['2']);
  });

  it('keeps the bearer header: an Authorization in apiHeaders does not replace it', async () => {
    const pairs = await rawHeadersOfCall({ Authorization: 'Basic not-the-token' });
    expect(valuesOf(pairs, 'authorization')).toEqual(['Bearer the-token']);
  });
});
