import nock from 'nock';
import { useNock, verifyFormsSuite } from '@internal/test-support';
import { Strategy } from 'passport-altdentifier';
import { memberObject, tokenAnswer } from './fixtures/provider-answers';
import { HOST, baseOptions, makeStrategy } from './helpers';

useNock();

verifyFormsSuite({
  provider: 'altdentifier',
  make: (extra, verify) => new Strategy({ ...baseOptions, ...extra } as never, verify as never),
  mockLogin: () => {
    nock(HOST).post('/oauth2/token').reply(200, tokenAnswer).get('/api/v2/user/@me').reply(200, memberObject);
  },
  tokenAnswer,
  profileId: memberObject.id,
});

describe('strategy name and module shape', () => {
  it("is 'altdentifier'", () => {
    expect(makeStrategy().name).toBe('altdentifier');
  });

  it("works with CommonJS require('passport-altdentifier').Strategy", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require('passport-altdentifier') as typeof import('passport-altdentifier');
    expect(required.Strategy).toBe(Strategy);
  });
});

describe('required options', () => {
  it('throws a TypeError naming a missing clientID or clientSecret', () => {
    expect(() => makeStrategy({ clientID: '' })).toThrow(/clientID/);
    expect(() => makeStrategy({ clientSecret: '' })).toThrow(/clientSecret/);
  });
});
