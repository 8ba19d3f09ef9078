/**
 * Hands a promise's outcome to a Node-style callback, exactly once, outside the promise
 * chain: an exception thrown by the callback (user code) then behaves as in any callback
 * API (an uncaught exception, thrown from a `process.nextTick`) instead of turning into an
 * unhandled rejection or a second call. The callback itself runs as soon as the promise
 * settles, without waiting for one more turn.
 */
export function settle<T>(promise: Promise<T>, callback: (err: unknown, value?: T) => void): void {
  promise.then(
    (value) => callOutside(callback, null, value),
    (error: unknown) => callOutside(callback, error),
  );
}

function callOutside<T>(callback: (err: unknown, value?: T) => void, err: unknown, value?: T): void {
  try {
    if (err === null) callback(null, value);
    else callback(err);
  } catch (thrown) {
    process.nextTick(rethrow, thrown);
  }
}

function rethrow(error: unknown): never {
  throw error;
}
