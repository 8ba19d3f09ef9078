import { createHash } from 'node:crypto';
import nock from 'nock';
import { useNock, verifyFormsSuite } from '@internal/test-support';
import { Strategy } from 'passport-mijnklantportaal';
import { MANAGE_HOST, options, tokenAnswer } from './support';

useNock();

verifyFormsSuite({
  provider: 'mijnklantportaal',
  make: (extra, verify) => new Strategy({ ...options, ...extra } as never, verify as never),
  mockLogin: () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
  },
  tokenAnswer,
  // No identity endpoint by default: the id is a digest of the access token.
  profileId: `token-${createHash('sha256').update(tokenAnswer.access_token).digest('hex').slice(0, 32)}`,
});
