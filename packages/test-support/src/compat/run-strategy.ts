import type { Strategy } from 'passport';

/** What one `authenticate()` ended with, as chai-passport-strategy reports it. */
export type StrategyOutcome =
  | { kind: 'redirect'; url: string; status?: number }
  | { kind: 'success'; user: unknown; info: Record<string, unknown> | undefined }
  | { kind: 'fail'; challenge: { message?: string; [field: string]: unknown } | undefined; status?: number }
  | { kind: 'error'; error: Error & Record<string, unknown> }
  | { kind: 'pass' };

/** The request the run hands to the strategy: Express's shape, as much of it as passport-oauth2 reads. */
export interface CompatRequest {
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  url: string;
  method: string;
  connection: { encrypted?: boolean };
  session?: Record<string, unknown>;
  app?: { get(name: string): unknown };
  [field: string]: unknown;
}

/**
 * Runs `strategy.authenticate(req, options)` the way Passport does (on an object made from the
 * strategy with `success`, `fail`, `redirect`, `error` and `pass` added), a port of
 * chai-passport-strategy's helper that passport-oauth2's own tests use. `setup` edits the
 * request first (query, session, headers...). Resolves with the outcome and the request.
 */
export function runStrategy(
  strategy: Strategy,
  setup: (req: CompatRequest) => void = () => undefined,
  options?: object,
): Promise<{ outcome: StrategyOutcome; req: CompatRequest }> {
  const req: CompatRequest = {
    query: {},
    body: {},
    headers: { host: 'www.example.net' },
    url: '/auth/example/callback',
    method: 'GET',
    connection: {},
  };
  setup(req);
  return new Promise((resolve) => {
    const done = (outcome: StrategyOutcome) => resolve({ outcome, req });
    const run = Object.create(strategy) as Strategy & {
      success(user: unknown, info?: Record<string, unknown>): void;
      fail(challenge?: unknown, status?: number): void;
      redirect(url: string, status?: number): void;
      error(error: Error): void;
      pass(): void;
    };
    run.success = (user, info) => done({ kind: 'success', user, info });
    run.fail = (challenge, status) =>
      done({
        kind: 'fail',
        challenge: (typeof challenge === 'number' ? undefined : challenge) as { message?: string } | undefined,
        status: typeof challenge === 'number' ? challenge : status,
      });
    run.redirect = (url, status) => done({ kind: 'redirect', url, status });
    run.error = (error) => done({ kind: 'error', error: error as Error & Record<string, unknown> });
    run.pass = () => done({ kind: 'pass' });
    (run.authenticate as (req: unknown, options?: object) => void).call(run, req, options);
  });
}
