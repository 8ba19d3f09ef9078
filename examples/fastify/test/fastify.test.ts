import { join } from 'node:path';
import { describeFrameworkExample } from '@internal/test-support';

jest.setTimeout(30_000);

const EXAMPLE_DIR = join(__dirname, '..');

describeFrameworkExample('Fastify 5, @fastify/passport, @fastify/secure-session', EXAMPLE_DIR);
describeFrameworkExample('Fastify 5, @fastify/passport, @fastify/cookie + @fastify/session', EXAMPLE_DIR, {
  FASTIFY_SESSION: 'session',
});
