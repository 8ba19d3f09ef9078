/**
 * Runs `run`, which must throw (synchronously) an instance of `type`, and returns what it threw,
 * so that the test can go on to check its message and fields.
 */
export function thrownBy<T>(run: () => unknown, type: abstract new (...args: never[]) => T): T {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  return caught as T;
}
