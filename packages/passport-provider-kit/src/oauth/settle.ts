/**
 * Hands a promise's outcome to a Node-style callback, once, as soon as it settles, outside the
 * promise chain: what the callback (user code) throws is thrown again from a `process.nextTick`,
 * as in any callback API, instead of becoming an unhandled rejection or a second call.
 */
export function settle<T>(promise: Promise<T>, callback: (err: unknown, value?: T) => void): void {
  // A callback reads a falsy err as success: a rejection without a reason must still fail.
  const failed = (error: unknown) => callback(error || new Error('the promise was rejected without a reason'));
  promise.then((value) => callback(null, value), failed).catch((thrown: unknown) => process.nextTick(rethrow, thrown));
}

function rethrow(thrown: unknown): never {
  throw thrown;
}
