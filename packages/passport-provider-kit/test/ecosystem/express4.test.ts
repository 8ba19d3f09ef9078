import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import express4 from 'express4';
import session from 'express-session';
import { Passport } from 'passport';
import { Strategy as AltDentifierStrategy } from 'passport-altdentifier';
import { Strategy as GofundoStrategy } from 'passport-gofundo';
import { Strategy as MijnKlantportaalStrategy } from 'passport-mijnklantportaal';
import { Strategy as PetjeafStrategy } from 'passport-petjeaf';
import { PROVIDER_NAMES, startSandbox, strategyOptions } from 'passport-nl-sandbox';
import { describeFrameworkApp, type AppUnderTest } from '@internal/test-support';

/**
 * Express 4 (the examples and the demo run Express 5): the same checks as the framework
 * examples, on an app written as the root README's minimal example, with express@4.
 */

jest.setTimeout(30_000);

const STRATEGIES = {
  petjeaf: PetjeafStrategy,
  gofundo: GofundoStrategy,
  mijnklantportaal: MijnKlantportaalStrategy,
  altdentifier: AltDentifierStrategy,
} as const;

async function startExpress4App(): Promise<AppUnderTest> {
  const sandbox = await startSandbox();
  const app: Express = express4();
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseURL = `http://localhost:${(server.address() as AddressInfo).port}`;
  const passport = new Passport();
  const strategies = PROVIDER_NAMES.map((name) => {
    const options = { ...strategyOptions(sandbox.providers[name]), callbackURL: `${baseURL}/auth/${name}/callback` };
    type Done = (err: null, user: object) => void;
    const verify = (_a: string, _r: string | undefined, profile: { displayName?: string }, done: Done) =>
      done(null, { provider: name, name: profile.displayName });
    const strategy = new (STRATEGIES[name] as typeof GofundoStrategy)(options, verify as never);
    passport.use(strategy);
    return strategy;
  });
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: Express.User, done) => done(null, user));
  app.use(session({ secret: 'express-4-session-secret', resave: false, saveUninitialized: false }));
  app.use(passport.session());
  app.get('/', (req: Request, res: Response) =>
    req.user ? res.json(req.user) : res.send(PROVIDER_NAMES.map((name) => `<a href="/auth/${name}">`).join('')),
  );
  for (const name of PROVIDER_NAMES) {
    app.get(`/auth/${name}`, passport.authenticate(name));
    app.get(
      `/auth/${name}/callback`,
      passport.authenticate(name, { failureRedirect: '/?login=failed' }),
      (_req: Request, res: Response, _next: NextFunction) => res.redirect('/'),
    );
  }
  return {
    baseURL,
    close: async () => {
      for (const strategy of strategies) strategy.close();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}

describeFrameworkApp('Express 4, express-session, passport 0.7', startExpress4App);
