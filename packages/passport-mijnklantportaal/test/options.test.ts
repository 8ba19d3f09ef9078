import { useNock } from '@internal/test-support';
import { Strategy } from 'passport-mijnklantportaal';
import { makeStrategy } from './support';

useNock();

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
