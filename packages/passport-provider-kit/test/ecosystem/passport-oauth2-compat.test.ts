import { passportOAuth2CompatSuite, useNock } from '@internal/test-support';
import type { Strategy } from 'passport';
import { Strategy as AltDentifierStrategy } from 'passport-altdentifier';
import { Strategy as GofundoStrategy } from 'passport-gofundo';
import { Strategy as MijnKlantportaalStrategy } from 'passport-mijnklantportaal';
import { Strategy as PetjeafStrategy } from 'passport-petjeaf';

/**
 * passport-oauth2's own tests, ported (see packages/test-support/src/compat), against each of the
 * four strategies; the deliberate differences are listed there, in DELIBERATE_DIFFERENCES.
 */
useNock();

/**
 * The ported tests send the token to https://www.example.com. Gofundo and AltDentifier refuse a
 * tokenURL on another host than their user endpoint unless both are named (the access token would
 * otherwise go to a second host), so their user endpoint is named on the same host; the profile
 * step is replaced in the suite (DIFFERENCE 7), so it is never called.
 */
const SAME_HOST_USER_ENDPOINT = { userProfileURL: 'https://www.example.com/user' };

const STRATEGIES = [
  ['petjeaf', PetjeafStrategy, {}],
  ['gofundo', GofundoStrategy, SAME_HOST_USER_ENDPOINT],
  ['mijnklantportaal', MijnKlantportaalStrategy, {}],
  ['altdentifier', AltDentifierStrategy, SAME_HOST_USER_ENDPOINT],
] as const;

for (const [name, StrategyClass, extra] of STRATEGIES) {
  passportOAuth2CompatSuite({
    name,
    make: (options, verify) =>
      new (StrategyClass as unknown as new (o: object, v: (...args: never[]) => void) => Strategy)(
        { ...extra, ...options },
        verify,
      ),
  });
}
