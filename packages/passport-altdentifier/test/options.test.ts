import { useNock } from '@internal/test-support';
import { Strategy } from 'passport-altdentifier';
import { makeStrategy } from './support';

useNock();

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
