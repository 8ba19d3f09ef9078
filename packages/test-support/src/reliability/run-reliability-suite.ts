import { describeAttacks } from './attack-suite';
import { describeBadAnswers } from './bad-answer-suite';
import { describeCallbackInput } from './callback-input-suite';
import { useHarnesses } from './harness';
import { describeJwtChecks } from './jwt-suite';
import { LeakLedger } from './leak-ledger';
import { describeLeakChecks } from './leak-suite';
import { describeInheritedBehaviour } from './inherited-suite';
import { describeInsecureURLs } from './insecure-url-suite';
import { guardProcess } from './process-guard';
import type { ProviderCase } from './provider-case';
import { describeStateChecks } from './state-suite';
import { describeTimeouts } from './timeout-suite';

/**
 * The reliability and security suite of issue 4 for one provider case: state / CSRF,
 * timeouts, bad answers of the token and profile endpoints, JWT checks (Petje.af), callback
 * input, attacks by a hostile provider, what passport-oauth2 lets through and plain-http provider URLs (issue 13), and finally a leak scan of every error the suite produced.
 */
export function runReliabilitySuite(pc: ProviderCase): void {
  describe(`${pc.title} reliability`, () => {
    guardProcess();
    const ledger = new LeakLedger();
    const harnesses = useHarnesses(pc, ledger);
    describeStateChecks(pc, ledger, harnesses);
    describeTimeouts(pc, ledger, harnesses);
    describeBadAnswers(pc, ledger, harnesses);
    describeJwtChecks(pc, ledger, harnesses);
    describeCallbackInput(pc, ledger, harnesses);
    describeAttacks(pc, ledger, harnesses);
    describeInheritedBehaviour(pc, ledger, harnesses);
    describeInsecureURLs(pc, harnesses);
    describeLeakChecks(pc, ledger, harnesses);
  });
}
