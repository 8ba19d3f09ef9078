const express = require('express');
const session = require('express-session');
const passport = require('passport');
const { Strategy: GofundoStrategy } = require('passport-gofundo');

const env = process.env;
passport.use(
  new GofundoStrategy(
    {
      clientID: env.GOFUNDO_CLIENT_ID,
      clientSecret: env.GOFUNDO_CLIENT_SECRET,
      callbackURL: `${env.BASE_URL}/auth/gofundo/callback`,
      // Unset: the real Gofundo. Set (sandbox.env): the sandbox's URLs, as `npx passport-nl-sandbox` prints them.
      authorizationURL: env.GOFUNDO_AUTHORIZATION_URL,
      tokenURL: env.GOFUNDO_TOKEN_URL,
      userProfileURL: env.GOFUNDO_USER_PROFILE_URL,
    },
    (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, name: profile.displayName }),
  ),
);
passport.serializeUser((user, done) => done(null, user)); // the whole user in the session: small here
passport.deserializeUser((user, done) => done(null, user));

const app = express();
app.use(session({ secret: env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.use(passport.session());
app.get('/', (req, res) => (req.user ? res.json(req.user) : res.send('<a href="/auth/gofundo">Log in</a>')));
app.get('/auth/gofundo', passport.authenticate('gofundo')); // state in the session, then to Gofundo
app.get('/auth/gofundo/callback', passport.authenticate('gofundo', { failureRedirect: '/' }), (req, res) =>
  res.redirect('/'),
);
app.listen(Number(env.PORT), () => console.log(`Open ${env.BASE_URL}`));
