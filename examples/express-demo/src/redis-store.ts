import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';

/** A connected Redis session store and how to close it. */
export interface RedisSessions {
  store: RedisStore;
  close(): void;
}

/**
 * Connects to `url` and wraps it in connect-redis's `RedisStore` (keys `demo:sess:<id>`).
 * The first connection must succeed (else a clear error); later drops are retried with
 * backoff and logged.
 */
export async function connectRedisSessions(url: string): Promise<RedisSessions> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      // Returning an Error stops retrying. A fresh one, because redis tests `instanceof Error` and
      // `cause` may come from another realm (Node's net module under Jest's VM context).
      reconnectStrategy: (retries: number, cause: Error) =>
        connected ? Math.min(100 * 2 ** retries, 3000) : new Error(cause.message, { cause }),
    },
  });
  client.on('error', (error: Error) => {
    if (connected) console.error(`Redis: ${error.message}`);
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Redis at ${redactURL(url)} is unreachable: ${(error as Error).message}`);
  }
  connected = true;
  return { store: new RedisStore({ client, prefix: 'demo:sess:' }), close: () => client.destroy() };
}

/** The URL without its password (REDIS_URL may carry one). */
function redactURL(text: string): string {
  const url = new URL(text);
  if (url.password) url.password = '***';
  return url.toString().replace(/\/$/, '');
}
