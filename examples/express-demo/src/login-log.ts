import type { Request } from 'express';
import type { Strategy } from 'passport';
import type { ProviderName } from 'passport-nl-sandbox';

/** What became of a login, as logged. */
export type LoginOutcome = 'started' | 'succeeded' | 'denied' | 'failed';

/** One logged login event. */
export interface LoginEvent {
  provider: ProviderName;
  outcome: LoginOutcome;
  /**
   * Milliseconds since the login started when this process saw the start (the callback's
   * `state` ties them), otherwise the callback's own time (token and profile calls).
   */
  durationMs: number;
  /** The provider's message (denied or failed): the strategy's error text, which never holds a secret. */
  message?: string;
}

/** The longest message kept in a log line. */
const MAX_MESSAGE = 300;
/** Logins started and not finished that are remembered for their duration; the oldest are forgotten first. */
const MAX_PENDING = 1000;

/**
 * One line per event: `login provider=gofundo outcome=denied duration_ms=812 message="…"`.
 * The message is JSON-quoted, so a provider's (or an attacker's) CR/LF cannot forge a line.
 * Never a code, token, state or secret: only these four fields are written.
 */
export function formatLoginEvent(event: LoginEvent): string {
  const message = event.message === undefined ? '' : ` message=${JSON.stringify(event.message.slice(0, MAX_MESSAGE))}`;
  return `login provider=${event.provider} outcome=${event.outcome} duration_ms=${Math.round(event.durationMs)}${message}`;
}

/** The callbacks Passport gives a strategy for one request (`this` inside `authenticate`). */
interface StrategyActions {
  success(...args: unknown[]): void;
  fail(...args: unknown[]): void;
  error(...args: unknown[]): void;
  redirect(...args: unknown[]): void;
}

/**
 * Logs every login `strategy` handles through `logLine`: `started` when it redirects to the
 * provider, `succeeded`, `denied` (the provider answered `error=access_denied`) or `failed`.
 * It wraps the strategy's `authenticate`, whose `this` is the per-request object on which
 * Passport defines `success`, `fail`, `error` and `redirect`, so no route needs to know.
 */
export function logLogins(strategy: Strategy, provider: ProviderName, logLine: (line: string) => void): void {
  const authenticate = strategy.authenticate as (this: unknown, req: Request, options?: object) => void;
  const startedAt = new Map<string, number>();
  const log = (outcome: LoginOutcome, began: number, message?: string) =>
    logLine(formatLoginEvent({ provider, outcome, durationMs: performance.now() - began, message }));

  strategy.authenticate = function (this: Strategy & StrategyActions, req: Request, options?: object) {
    const requestBegan = performance.now();
    const state = typeof req.query?.state === 'string' ? req.query.state : undefined;
    const loginBegan = () => {
      const known = state === undefined ? undefined : startedAt.get(state);
      if (state !== undefined) startedAt.delete(state);
      return known ?? requestBegan;
    };
    wrap(this, 'redirect', (url) => {
      const sentState = typeof url === 'string' && URL.canParse(url) ? new URL(url).searchParams.get('state') : null;
      if (sentState) {
        if (startedAt.size >= MAX_PENDING) startedAt.delete(startedAt.keys().next().value as string);
        startedAt.set(sentState, requestBegan);
      }
      log('started', requestBegan);
    });
    wrap(this, 'success', () => log('succeeded', loginBegan()));
    wrap(this, 'fail', (challenge) =>
      log(req.query?.error === 'access_denied' ? 'denied' : 'failed', loginBegan(), messageOf(challenge)),
    );
    wrap(this, 'error', (err) => log('failed', loginBegan(), messageOf(err)));
    return authenticate.call(this, req, options);
  };
}

/** Calls `before` with the first argument, then the original action. */
function wrap(target: StrategyActions, action: keyof StrategyActions, before: (first: unknown) => void): void {
  const original = target[action];
  target[action] = (...args: unknown[]) => {
    before(args[0]);
    original.apply(target, args);
  };
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const message = (value as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
