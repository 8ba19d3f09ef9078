'use strict';
/**
 * The Express app a benchmark logs in through: express-session (memory store) and one
 * Passport instance holding, for one provider, our strategy as an app gets it by default
 * (`/ours/...`: the state in a cookie), our strategy keeping its state in the session as
 * passport-oauth2 does (`/ours-session/...`), and the plain passport-oauth2 baseline
 * (`/base/...`), all pointed at the same sandbox.
 */
const https = require('node:https');
const express = require('express');
const session = require('express-session');
const { Passport } = require('passport');
const { baselineStrategy } = require('./baseline');
const { timeStateStore } = require('./state-store-timer');

const PACKAGES = {
  petjeaf: 'passport-petjeaf',
  gofundo: 'passport-gofundo',
  mijnklantportaal: 'passport-mijnklantportaal',
  altdentifier: 'passport-altdentifier',
};
/** How long the app keeps a browser's idle connection open. */
const APP_KEEP_ALIVE_MS = 60_000;
/** Providers whose profile is read from an endpoint (one more round trip). */
const PROFILE_FROM_ENDPOINT = new Set(['gofundo', 'altdentifier']);
/** The documented minimum of requests to the provider per login. */
const ROUND_TRIPS = { petjeaf: 1, gofundo: 2, mijnklantportaal: 1, altdentifier: 2 };

function createBenchApp(sandboxProvider) {
  const name = sandboxProvider.name;
  const { Strategy } = require(PACKAGES[name]);
  const verify = (accessToken, refreshToken, profile, done) => done(null, { id: profile.id });
  const endpoints = {
    authorizationURL: sandboxProvider.authorizationURL,
    tokenURL: sandboxProvider.tokenURL,
    userProfileURL: PROFILE_FROM_ENDPOINT.has(name) ? sandboxProvider.userProfileURL : undefined,
  };
  const ours = new Strategy({ ...sandboxProvider.client, ...endpoints, callbackURL: '/ours/callback' }, verify);
  // The same strategy with the state where the baseline keeps it: what is left between the two
  // is the kit's own cost, apart from the state cookie's.
  const oursSession = new Strategy(
    { ...sandboxProvider.client, ...endpoints, callbackURL: '/ours-session/callback', stateStore: 'session' },
    verify,
  );
  oursSession.name = `${ours.name}-session`;
  const baseline = baselineStrategy(
    name,
    { ...endpoints, callbackURL: '/base/callback', scope: ours._scope },
    sandboxProvider.client,
    verify,
  );

  const passport = new Passport();
  passport.use(ours);
  passport.use(oursSession);
  passport.use(baseline);
  const app = express();
  app.use(session({ secret: 'bench', resave: false, saveUninitialized: false }));
  for (const [prefix, strategyName] of [
    ['ours', ours.name],
    ['ours-session', oursSession.name],
    ['base', baseline.name],
  ]) {
    app.get(`/${prefix}/login`, passport.authenticate(strategyName, { session: false }));
    app.get(
      `/${prefix}/callback`,
      passport.authenticate(strategyName, { session: false, failWithError: true }),
      (req, res) => res.json(req.user),
    );
  }
  app.use((err, req, res, _next) => res.status(err.status || 500).json({ error: err.message }));
  return {
    app,
    /** Per side, the time its state store has spent so far (see state-store-timer.js). */
    stateStoreTimers: {
      ours: timeStateStore(ours),
      'ours-session': timeStateStore(oursSession),
      base: timeStateStore(baseline),
    },
    close: () => {
      ours.close();
      oursSession.close();
    },
  };
}

/**
 * Serves a fresh bench app for `provider` on 127.0.0.1, runs `body(origin, stateStoreTimers)`, then
 * closes the app, the strategies' connections and the global agent's (the baseline's), so that each
 * phase starts cold for both.
 */
async function withApp(provider, body) {
  const bench = createBenchApp(provider);
  const server = await new Promise((resolve) => {
    const s = bench.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // The simulated browsers' idle sockets outlive any pause of the bench (the other side's burst
  // round): with Node's 5 s, the server could close one just as a browser reuses it (ECONNRESET).
  server.keepAliveTimeout = APP_KEEP_ALIVE_MS;
  try {
    await body(`http://127.0.0.1:${server.address().port}`, bench.stateStoreTimers);
  } finally {
    bench.close();
    // The baseline (node-oauth) uses Node's global agent: empty it too, so each phase starts cold for both.
    https.globalAgent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

module.exports = { createBenchApp, withApp, ROUND_TRIPS };
