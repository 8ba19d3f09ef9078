import { createHash } from 'node:crypto';
import nock from 'nock';
import { useNock, verifyFormsSuite } from '@internal/test-support';
import { Strategy } from 'passport-mijnklantportaal';
import { tokenAnswer } from './fixtures/provider-answers';
import { MANAGE_HOST, baseOptions, makeStrategy } from './helpers';

useNock();

verifyFormsSuite({
  provider: 'mijnklantportaal',
  make: (extra, verify) => new Strategy({ ...baseOptions, ...extra } as never, verify as never),
  mockLogin: () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
  },
  tokenAnswer,
  // No identity endpoint by default: the id is a digest of the access token.
  profileId: `token-${createHash('sha256').update(tokenAnswer.access_token).digest('hex').slice(0, 32)}`,
});

describe('strategy name and module shape', () => {
  it("is 'mijnklantportaal'", () => {
    expect(makeStrategy().name).toBe('mijnklantportaal');
  });

  it("works with CommonJS require('passport-mijnklantportaal').Strategy", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require('passport-mijnklantportaal') as typeof import('passport-mijnklantportaal');
    expect(required.Strategy).toBe(Strategy);
  });
});

describe('required options', () => {
  it('throws a TypeError naming a missing clientID or clientSecret', () => {
    expect(() => makeStrategy({ clientID: '' })).toThrow(/clientID/);
    expect(() => makeStrategy({ clientSecret: '' })).toThrow(/clientSecret/);
  });
});
