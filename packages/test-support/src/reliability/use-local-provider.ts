import nock from 'nock';
import type { LeakLedger } from './leak-ledger';
import { LocalProvider } from './local-provider';
import { useRealHttpRequest } from './real-http';

/**
 * A fresh {@link LocalProvider} for each test of the enclosing `describe`, stopped
 * afterwards, the URLs it saw handed to the ledger. nock's interception is switched off inside the `describe` (and back on after
 * it), so that the strategy talks to the real server over real sockets, exactly as in
 * production: nock's socket wrapper does not always close the real connection when a
 * request is destroyed, which would make socket checks flaky (see {@link useRealHttpRequest}).
 */
export function useLocalProvider(ledger: LeakLedger): () => LocalProvider {
  let current: LocalProvider | undefined;
  beforeAll(() => nock.restore());
  afterAll(() => nock.activate());
  useRealHttpRequest();
  beforeEach(async () => {
    current = await LocalProvider.start();
  });
  afterEach(async () => {
    ledger.urls.push(...(current?.requests.map((request) => request.url) ?? []));
    await current?.stop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the local provider runs only inside a test');
    return current;
  };
}
