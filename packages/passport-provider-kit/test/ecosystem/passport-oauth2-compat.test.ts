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

const STRATEGIES = [
  ['petjeaf', PetjeafStrategy],
  ['gofundo', GofundoStrategy],
  ['mijnklantportaal', MijnKlantportaalStrategy],
  ['altdentifier', AltDentifierStrategy],
] as const;

/**
 * The ported tests move the token URL to www.example.com; a strategy whose user endpoint would
 * then stay on the provider's host refuses the mix (the token must not travel to another host),
 * so its user endpoint moves along, as a user moving the token URL is told to do.
 */
const USER_ENDPOINT = { userProfileURL: 'https://www.example.com/api/user' };
const MOVES_ALONG: Record<string, object> = { gofundo: USER_ENDPOINT, altdentifier: USER_ENDPOINT };

for (const [name, StrategyClass] of STRATEGIES) {
  passportOAuth2CompatSuite({
    name,
    make: (options, verify) =>
      new (StrategyClass as unknown as new (o: object, v: (...args: never[]) => void) => Strategy)(
        { ...MOVES_ALONG[name], ...options },
        verify,
      ),
  });
}
