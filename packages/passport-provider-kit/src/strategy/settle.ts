/**
 * Hands a promise's outcome to a Node-style callback, exactly once, outside the promise
 * chain: an exception thrown by the callback (user code) then behaves as in any callback
 * API instead of turning into an unhandled rejection or a second call.
 */
export function settle<T>(promise: Promise<T>, callback: (err: unknown, value?: T) => void): void {
  promise.then(
    (value) => process.nextTick(callback, null, value),
    (error: unknown) => process.nextTick(callback, error),
  );
}
