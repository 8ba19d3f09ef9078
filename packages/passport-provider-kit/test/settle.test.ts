import { settle } from '../src/oauth/settle';

/** settle(): a promise's outcome handed to a Node-style callback, once, outside the promise chain. */

/** Lets pending promise reactions and ticks run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => jest.restoreAllMocks());

describe('settle: the callback is called exactly once', () => {
  it('with (null, value) when the promise resolves', async () => {
    const callback = jest.fn();
    settle(Promise.resolve('v'), callback);
    await flush();
    expect(callback.mock.calls).toEqual([[null, 'v']]);
  });

  it('with (error) when the promise rejects', async () => {
    const callback = jest.fn();
    const error = new Error('nope');
    settle(Promise.reject(error), callback);
    await flush();
    expect(callback.mock.calls).toEqual([[error]]);
  });

  it.each([null, undefined, 0, ''])('with an Error when the promise rejects without a reason (%p)', async (reason) => {
    const callback = jest.fn();
    settle(Promise.reject(reason), callback);
    await flush();
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]).toHaveLength(1);
    expect(String(callback.mock.calls[0][0])).toBe('Error: the promise was rejected without a reason');
  });

  it('never synchronously', () => {
    const callback = jest.fn();
    settle(Promise.resolve(1), callback);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('settle: a callback that throws does not become an unhandled rejection', () => {
  it.each([
    ['resolved', () => Promise.resolve('v')],
    ['rejected', () => Promise.reject(new Error('first'))],
  ])(
    '%s promise: the throw leaves through process.nextTick, and the callback is not called again',
    async (_what, make) => {
      // Capture the ticks so the callback's throw can be observed instead of crashing the test run.
      const ticks: Array<() => void> = [];
      const capture = (fn: (...args: unknown[]) => void, ...args: unknown[]) => {
        ticks.push(() => fn(...args));
      };
      jest.spyOn(process, 'nextTick').mockImplementation(capture as typeof process.nextTick);
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown) => rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      try {
        const callback = jest.fn(() => {
          throw new Error('thrown by user code');
        });
        settle(make(), callback);
        await flush();
        expect(ticks).toHaveLength(1);
        jest.restoreAllMocks();
        expect(() => ticks[0]()).toThrow('thrown by user code');
        await flush();
        expect(callback).toHaveBeenCalledTimes(1);
        expect(rejections).toEqual([]);
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    },
  );
});
