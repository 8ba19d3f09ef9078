import express, { type Express } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as GofundoStrategy, type GofundoStrategyOptions } from 'passport-gofundo';

/**
 * A user's own app, as the sandbox README's test example assumes one: it takes its Gofundo
 * options from the caller (the real ones in production, the sandbox's in tests).
 */
export function createApp(gofundo: GofundoStrategyOptions): Express {
  const pp = new passport.Passport();
  pp.use(
    new GofundoStrategy(gofundo, (_accessToken, _refreshToken, profile, done) =>
      done(null, { id: profile.id, name: profile.displayName }),
    ),
  );
  pp.serializeUser((user, done) => done(null, user));
  pp.deserializeUser((user: Express.User, done) => done(null, user));
  const app = express();
  app.use(session({ secret: 'test-secret-0123456789', resave: false, saveUninitialized: false }));
  app.use(pp.session());
  app.get('/auth/gofundo', pp.authenticate('gofundo'));
  app.get('/auth/gofundo/callback', pp.authenticate('gofundo', { failureRedirect: '/denied' }), (_req, res) =>
    res.redirect('/me'),
  );
  app.get('/me', (req, res) => (req.user ? res.json(req.user) : res.sendStatus(401)));
  app.get('/denied', (_req, res) => res.status(403).send('denied'));
  return app;
}
