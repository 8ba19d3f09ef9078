import { join } from 'node:path';
import { describeFrameworkExample } from '@internal/test-support';

jest.setTimeout(30_000);

describeFrameworkExample('NestJS 12, @nestjs/passport, Express platform, express-session', join(__dirname, '..'));
