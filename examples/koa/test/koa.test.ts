import { join } from 'node:path';
import { describeFrameworkExample } from '@internal/test-support';

jest.setTimeout(30_000);

describeFrameworkExample('Koa 3, koa-passport, koa-session', join(__dirname, '..'));
