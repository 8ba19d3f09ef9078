const Fastify = require('fastify');
const { Authenticator } = require('@fastify/passport');

const env = process.env;
const PROVIDERS = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];
// Unset: the real provider. Set (sandbox.env): the sandbox's URLs, as `npx passport-nl-sandbox` prints them.
const URLS = { authorizationURL: 'AUTHORIZATION_URL', tokenURL: 'TOKEN_URL', userProfileURL: 'USER_PROFILE_URL' };
const passport = new Authenticator();
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
passport.registerUserSerializer(async (user) => user); // the whole user in the session: small here
passport.registerUserDeserializer(async (user) => user);

const app = Fastify();
if (env.FASTIFY_SESSION === 'session') {
  app.register(require('@fastify/cookie'));
  app.register(require('@fastify/session'), { secret: env.SESSION_SECRET, cookie: { secure: 'auto' } });
} else {
  app.register(require('@fastify/secure-session'), { key: Buffer.from(env.SESSION_KEY, 'hex'), cookie: { path: '/' } });
}
app.register(passport.initialize());
app.register(passport.secureSession());
app.get('/', async (req, reply) => req.user ?? reply.type('text/html').send(loginLinks()));
for (const name of PROVIDERS) {
  app.get(`/auth/${name}`, { preValidation: passport.authenticate(name) }, async () => {});
  const back = passport.authenticate(name, { failureRedirect: '/?login=failed' });
  app.get(`/auth/${name}/callback`, { preValidation: back }, async (req, reply) => reply.redirect('/'));
}
app.listen({ port: Number(env.PORT) }).then(() => console.log(`Open ${env.BASE_URL}`));

function loginLinks() {
  return PROVIDERS.map((name) => `<a href="/auth/${name}">Log in with ${name}</a>`).join('<br>');
}
