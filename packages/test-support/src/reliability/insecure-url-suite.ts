import type { HarnessFactory } from './harness';
import { definitionOf, type ProviderCase, type SuiteStrategyOptions } from './provider-case';

/** A host that is not loopback, for URLs the strategies must refuse over plain http. */
const REMOTE = 'provider.example';

/**
 * Plain `http:` provider URLs (issue 13, item 7): each URL option the case's provider takes is
 * refused at construction with a TypeError naming the option and `allowInsecureHTTP`, unless its
 * host is loopback or `allowInsecureHTTP: true` is set. The other endpoints are named on https
 * alongside, so that no other check (the token staying on its issuer) answers first.
 */
export function describeInsecureURLs(pc: ProviderCase, harnesses: HarnessFactory): void {
  // The kit's URL options, and the provider's own as its definition declares them (optionURLs).
  // (userProfileURL only for a case with a profile endpoint: a case without one leaves that option out.)
  const own = Object.keys(definitionOf(pc).optionURLs ?? {}).filter((name) => name !== 'userProfileURL' || pc.profile);
  const options = [
    ...new Set([
      'authorizationURL',
      'tokenURL',
      ...own,
      ...(pc.urlOptions ?? []),
      ...(pc.profile ? ['userProfileURL'] : []),
    ]),
  ];
  const onHost = (scheme: string, host: string, option: string): Record<string, string> => {
    if (option === 'baseURL') return { baseURL: `${scheme}://${host}` };
    const named: Record<string, string> = { tokenURL: `https://${REMOTE}/token` };
    if (pc.profile) named.userProfileURL = `https://${REMOTE}/user`;
    return { ...named, [option]: `${scheme}://${host}/${option}` };
  };
  const construct = (overrides: Record<string, unknown>): void => {
    harnesses.make(overrides as Partial<SuiteStrategyOptions>);
  };

  describe('Provider URLs over plain http', () => {
    describe('refuses a plain http provider URL on a host that is not loopback, naming the option and allowInsecureHTTP', () => {
      it.each(options)('%s', (option) => {
        const shown = option === 'baseURL' ? `http://${REMOTE}/` : `http://${REMOTE}/${option}`;
        expect(() => construct(onHost('http', REMOTE, option))).toThrow(TypeError);
        expect(() => construct(onHost('http', REMOTE, option))).toThrow(
          `${pc.displayName} strategy: ${option} ${shown} is not https`,
        );
        expect(() => construct(onHost('http', REMOTE, option))).toThrow('allowInsecureHTTP: true');
      });
    });

    describe('accepts plain http on a loopback host (a local sandbox, tests)', () => {
      // A baseURL on an IP gives Petje.af no API host (api.<base host>), so baseURL is tried on localhost only.
      const hosts = (option: string): string[] =>
        option === 'baseURL' ? ['localhost:4001'] : ['127.0.0.1:4001', 'localhost:4001', '[::1]:4001'];
      it.each(options.flatMap((option) => hosts(option).map((host) => [option, host])))('%s on %s', (option, host) => {
        expect(() => construct(onHost('http', host, option))).not.toThrow();
      });
    });

    describe('accepts plain http anywhere with allowInsecureHTTP: true', () => {
      it.each(options)('%s', (option) => {
        expect(() => construct({ ...onHost('http', REMOTE, option), allowInsecureHTTP: true })).not.toThrow();
      });
    });
  });
}
