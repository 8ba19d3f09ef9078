import { createLoginApp, startLogin } from '@internal/test-support';
import { Strategy as MijnKlantportaalStrategy, type MijnKlantportaalProfile } from 'passport-mijnklantportaal';
import { useSandbox } from './support';

const { sandbox } = useSandbox();
const mkp = () => sandbox().providers.mijnklantportaal;

/** A whole login through the sandbox (authorize decision, real token request); resolves with the profile. */
async function logIn(strategy: MijnKlantportaalStrategy, userId: string): Promise<MijnKlantportaalProfile> {
  const app = createLoginApp(strategy);
  const { agent, location } = await startLogin(app);
  const back = new URL(mkp().decide(location, { userId }));
  const res = await agent.get(`/callback${back.search}`);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.user as MijnKlantportaalProfile;
}

function strategy(userProfileURL?: string): MijnKlantportaalStrategy {
  const { clientID, clientSecret } = mkp().client;
  return new MijnKlantportaalStrategy(
    { clientID, clientSecret, baseURL: mkp().origin, callbackURL: 'http://localhost:3999/callback', userProfileURL },
    (_accessToken, _refreshToken, profile, done) => done(null, profile),
  );
}

describe('MijnKlantportaal against the sandbox: profile.id changes at every login without userProfileURL', () => {
  it('the same account logging in twice gets two ids (idFromToken: true)', async () => {
    const userId = mkp().users[0].id;
    const first = await logIn(strategy(), userId);
    const second = await logIn(strategy(), userId);
    expect(first.idFromToken).toBe(true);
    expect(first.id).not.toBe(second.id);
  });

  it('with userProfileURL the id is the account id, stable across logins (idFromToken: false)', async () => {
    const userId = mkp().users[1].id;
    const first = await logIn(strategy(mkp().userProfileURL), userId);
    const second = await logIn(strategy(mkp().userProfileURL), userId);
    expect(first).toMatchObject({ id: userId, idFromToken: false });
    expect(second.id).toBe(userId);
  });
});
