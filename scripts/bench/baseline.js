'use strict';
/**
 * The baseline each of our strategies is measured against: a plain passport-oauth2
 * OAuth2Strategy configured for the same sandbox endpoints, with the smallest userProfile
 * that makes the same profile request (none for Petje.af, whose profile is in the JWT, and
 * none for MijnKlantportaal by default). MijnKlantportaal's token endpoint takes only JSON,
 * which passport-oauth2 cannot send, so its baseline posts JSON through node-oauth's own
 * `_request` — the least code that makes the baseline work at all.
 */
const OAuth2Strategy = require('passport-oauth2');

function baselineStrategy(providerName, endpoints, client, verify) {
  const strategy = new OAuth2Strategy(
    {
      authorizationURL: endpoints.authorizationURL,
      tokenURL: endpoints.tokenURL,
      clientID: client.clientID,
      clientSecret: client.clientSecret,
      callbackURL: endpoints.callbackURL,
      scope: endpoints.scope,
      state: true,
      customHeaders: providerName === 'gofundo' ? { Accept: 'application/json' } : undefined,
    },
    verify,
  );
  strategy.name = `baseline-${providerName}`;
  strategy._oauth2.useAuthorizationHeaderforGET(true);

  if (providerName === 'mijnklantportaal') {
    strategy._oauth2.getOAuthAccessToken = function (code, params, callback) {
      const body = JSON.stringify({ ...params, code, client_id: client.clientID, client_secret: client.clientSecret });
      this._request('POST', endpoints.tokenURL, { 'Content-Type': 'application/json' }, body, null, (err, data) => {
        if (err) return callback(err);
        let json;
        try {
          json = JSON.parse(data);
        } catch (e) {
          return callback(e);
        }
        callback(null, json.access_token, json.refresh_token, json);
      });
    };
  }

  strategy.userProfile = function (accessToken, done) {
    if (!endpoints.userProfileURL) {
      if (providerName === 'petjeaf') {
        const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
        return done(null, { provider: providerName, id: String(claims.id), displayName: claims.name });
      }
      return done(null, { provider: providerName, id: 'unknown' });
    }
    this._oauth2.get(endpoints.userProfileURL, accessToken, (err, body) => {
      if (err) return done(err);
      try {
        const json = JSON.parse(body);
        done(null, { provider: providerName, id: String(json.id), displayName: json.name || json.username });
      } catch (e) {
        done(e);
      }
    });
  };
  return strategy;
}

module.exports = { baselineStrategy };
