const Koa = require('koa');
const Router = require('@koa/router');
const { createSession } = require('koa-session');
const passport = require('koa-passport');

const env = process.env;
const PROVIDERS = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];
// Unset: the real provider. Set (sandbox.env): the sandbox's URLs, as `npx passport-nl-sandbox` prints them.
const URLS = { authorizationURL: 'AUTHORIZATION_URL', tokenURL: 'TOKEN_URL', userProfileURL: 'USER_PROFILE_URL' };
for (const name of PROVIDERS) {
  const { Strategy } = require(`passport-${name}`);
  const P = name.toUpperCase();
  const options = { clientID: env[`${P}_CLIENT_ID`], clientSecret: env[`${P}_CLIENT_SECRET`] };
  options.callbackURL = `${env.BASE_URL}/auth/${name}/callback`;
  for (const [option, variable] of Object.entries(URLS)) options[option] = env[`${P}_${variable}`];
  const verify = (accessToken, refreshToken, profile, done) =>
    done(null, { provider: name, name: profile.displayName });
  passport.use(new Strategy(options, verify)); // default options: state in a cookie per login
}
passport.serializeUser((user, done) => done(null, user)); // the whole user in the session: small here
passport.deserializeUser((user, done) => done(null, user));

const app = new Koa();
app.keys = [env.SESSION_SECRET];
app.use(createSession({ sameSite: 'lax' }, app));
app.use(passport.initialize());
app.use(passport.session());
const router = new Router();
router.get('/', (ctx) => {
  ctx.body = ctx.state.user ?? PROVIDERS.map((name) => `<a href="/auth/${name}">Log in with ${name}</a>`).join('<br>');
});
for (const name of PROVIDERS) {
  router.get(`/auth/${name}`, passport.authenticate(name));
  const back = passport.authenticate(name, { successRedirect: '/', failureRedirect: '/?login=failed' });
  router.get(`/auth/${name}/callback`, back);
}
app.use(router.routes());
app.listen(Number(env.PORT), () => console.log(`Open ${env.BASE_URL}`));
