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

for (const [name, StrategyClass] of STRATEGIES) {
  passportOAuth2CompatSuite({
    name,
    make: (options, verify) =>
      new (StrategyClass as unknown as new (o: object, v: (...args: never[]) => void) => Strategy)(options, verify),
  });
}
