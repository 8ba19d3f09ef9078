'use strict';
/**
 * Times a strategy's state store where it runs, inside the bench app: how long its `store` (at a
 * login's start) and its `verify` (at the callback) run before they call back. The kit's stores and
 * passport-oauth2's session store all call back synchronously, so this is their own work; what runs
 * inside the callback (the rest of the login) is not counted. A store that threw before calling back
 * is not counted either.
 */

/**
 * Wraps `strategy._stateStore`'s two methods in place, keeping each method's arity (passport-oauth2
 * picks how to call a store by it).
 *
 * @returns {{ micros: number }} the time spent so far, in µs; it grows as logins run.
 */
function timeStateStore(strategy) {
  const store = strategy._stateStore;
  const timer = { micros: 0 };
  for (const method of ['store', 'verify']) {
    const original = store[method];
    const timed = function (...args) {
      const callback = args[args.length - 1];
      const start = process.hrtime.bigint();
      let counted = false;
      args[args.length - 1] = function (...results) {
        if (!counted) {
          counted = true;
          timer.micros += Number(process.hrtime.bigint() - start) / 1e3;
        }
        return callback.apply(this, results);
      };
      return original.apply(this, args);
    };
    Object.defineProperty(timed, 'length', { value: original.length });
    store[method] = timed;
  }
  return timer;
}

module.exports = { timeStateStore };
