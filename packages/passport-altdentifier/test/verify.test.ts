import nock from 'nock';
import { useNock, verifyFormsSuite } from '@internal/test-support';
import { Strategy } from 'passport-altdentifier';
import { HOST, memberObject, options, tokenAnswer } from './support';

useNock();

verifyFormsSuite({
  provider: 'altdentifier',
  make: (extra, verify) => new Strategy({ ...options, ...extra } as never, verify as never),
  mockLogin: () => {
    nock(HOST).post('/oauth2/token').reply(200, tokenAnswer).get('/api/v2/user/@me').reply(200, memberObject);
  },
  tokenAnswer,
  profileId: memberObject.id,
});
