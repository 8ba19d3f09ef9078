/**
 * Hands a promise's outcome to a Node-style callback, exactly once, outside the promise
 * chain: an exception thrown by the callback (user code) then behaves as in any callback
 * API (an uncaught exception, thrown from a `process.nextTick`) instead of turning into an
 * unhandled rejection or a second call. The callback itself runs as soon as the promise
 * settles, without waiting for one more turn.
 */
export function settle<T>(promise: Promise<T>, callback: (err: unknown, value?: T) => void): void {
  promise.then(
    (value) => callOutside(() => callback(null, value)),
    // A callback reads a falsy err as success: a rejection without a reason must still fail.
    (error: unknown) => callOutside(() => callback(error || new Error('the promise was rejected without a reason'))),
  );
}

/** Runs `call`; what it throws is thrown again from a `process.nextTick`, out of the promise chain. */
function callOutside(call: () => void): void {
  try {
    call();
  } catch (thrown) {
    process.nextTick(rethrow, thrown);
  }
}

function rethrow(error: unknown): never {
  throw error;
}
