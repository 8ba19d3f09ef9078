import nock from 'nock';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { resetUnstableIdWarning, UNSTABLE_ID_WARNING, UNSTABLE_ID_WARNING_CODE } from '../src/unstable-id-warning';
import { tokenAnswer } from './fixtures/provider-answers';
import { MANAGE_HOST, makeStrategy } from './helpers';

useNock();

describe('without userProfileURL, profile.id changes at every login (no identity endpoint is documented)', () => {
  it('two logins of the same account give two different ids, both marked idFromToken', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(200, { ...tokenAnswer, access_token: 'first-login-token' })
      .post('/oauth/tokens')
      .reply(200, { ...tokenAnswer, access_token: 'second-login-token' });
    const strategy = makeStrategy();
    const first = await completeLogin(createLoginApp(strategy));
    const second = await completeLogin(createLoginApp(strategy));
    expect(first.body.user).toMatchObject({ idFromToken: true, id: expect.stringMatching(/^token-/) });
    expect(second.body.user).toMatchObject({ idFromToken: true, id: expect.stringMatching(/^token-/) });
    expect(first.body.user?.id).not.toBe(second.body.user?.id);
  });
});

describe('a warning the first time a strategy is made without userProfileURL in development', () => {
  const nodeEnv = process.env.NODE_ENV;
  let emitWarning: jest.SpyInstance;

  beforeEach(() => {
    resetUnstableIdWarning();
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => {
    emitWarning.mockRestore();
    process.env.NODE_ENV = nodeEnv;
  });

  it('warns once per process with NODE_ENV=development, saying what to key users on instead', () => {
    process.env.NODE_ENV = 'development';
    makeStrategy();
    makeStrategy();
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning).toHaveBeenCalledWith(UNSTABLE_ID_WARNING, { code: UNSTABLE_ID_WARNING_CODE });
    expect(UNSTABLE_ID_WARNING).toContain('changes at every login');
    expect(UNSTABLE_ID_WARNING).toContain('req.user');
    expect(UNSTABLE_ID_WARNING).toContain('userProfileURL');
  });

  it('does not warn with userProfileURL', () => {
    process.env.NODE_ENV = 'development';
    makeStrategy({ userProfileURL: 'https://api.mijnklantportaal.nl/v1/whoami' });
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it('does not warn when the profile is skipped', () => {
    process.env.NODE_ENV = 'development';
    makeStrategy({ skipUserProfile: true });
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it.each(['production', 'test', undefined])('does not warn with NODE_ENV=%s', (value) => {
    if (value === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = value;
    makeStrategy();
    expect(emitWarning).not.toHaveBeenCalled();
  });
});
