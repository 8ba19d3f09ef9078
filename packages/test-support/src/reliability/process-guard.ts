/**
 * Fails the current test when anything escapes to the process: an uncaught exception (a
 * callback that threw) or an unhandled promise rejection. Installs listeners for the whole
 * file and checks after each test.
 */
export function guardProcess(): void {
  const escaped: unknown[] = [];
  const onEscape = (error: unknown): void => {
    escaped.push(error);
  };
  beforeAll(() => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
  });
  afterEach(async () => {
    // Let pending ticks and microtasks of the test run before looking.
    await new Promise((resolve) => setImmediate(resolve));
    const seen = escaped.splice(0);
    if (seen.length > 0) {
      throw new Error(`escaped to the process: ${seen.map((error) => String(error)).join('; ')}`);
    }
  });
  afterAll(() => {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  });
}
