import type { Request } from 'express';
import { addAuthorizeRoutes, type AuthorizeRules } from '../authorize';
import { sentence, type ErrorWriter } from '../errors';
import { errorPage } from '../html';
import {
  acceptBody,
  bearerToken,
  createProviderApp,
  delay,
  finishProviderApp,
  presentedCredentials,
} from '../http-helpers';
import type { ProviderContext, ProviderModule } from '../provider-module';
import { grantTokens } from '../token-grant';
import { basicCredentials, type PresentedCredentials } from '../clients';

/**
 * The credentials read where the client's settings say: `either` the body or Basic (both
 * documented), or only `body`, or only `basic` (the other place is then not looked at).
 */
function credentialsAt(req: Request, where: 'either' | 'body' | 'basic'): PresentedCredentials {
  if (where === 'basic') return basicCredentials(req.get('authorization')) ?? {};
  return presentedCredentials(req, where === 'either');
}

/**
 * AltDentifier's `{"error": "<sentence>"}` body, with the documented sentences at the token
 * endpoint: 401 "Provided client credentials are incorrect", 400 "Cannot grant token".
 */
const writeError: ErrorWriter = (error) => {
  if (error.kind === 'invalid_client')
    return { status: 401, body: { error: 'Provided client credentials are incorrect' } };
  if (error.kind === 'invalid_token' || error.status === 404)
    return { status: error.status, body: { error: sentence(error.message) } };
  return { status: error.status, body: { error: 'Cannot grant token' } };
};

/**
 * AltDentifier: `/oauth2/authorize` (an unknown `client_id` is a 404, as documented; the
 * simplified integration link, `?client_id=…&scope=write:integrations` with no `redirect_uri`
 * and no `response_type`, shows the page and ends on an "Integration added" page; `guild_id`
 * is carried through),
 * `POST /oauth2/token` (form or JSON, credentials in the body or HTTP Basic, or only one of them
 * with `providerSettings.altdentifier.clientAuth`), `GET
 * /api/v2/user/@me` (Discord-style user: snowflake `id`, `username`, `discriminator`).
 * Refresh is not documented; the sandbox accepts `grant_type=refresh_token` and issues a
 * new refresh token (an assumption).
 */
export const altdentifier: ProviderModule = {
  name: 'altdentifier',
  paths: { authorize: '/oauth2/authorize', token: '/oauth2/token', profile: '/api/v2/user/@me' },
  createApp(context: ProviderContext) {
    const clientAuth = context.settings.altdentifier?.clientAuth ?? 'either';
    if (!['either', 'body', 'basic'].includes(clientAuth)) {
      throw new TypeError('startSandbox: providerSettings.altdentifier.clientAuth must be either, body or basic');
    }
    const app = createProviderApp();
    const authorize: AuthorizeRules = {
      provider: 'AltDentifier',
      path: this.paths.authorize,
      client: context.client,
      redirectAllowed: context.redirectAllowed,
      users: context.users,
      store: context.store,
      scopes: {
        'read:user': 'Read your user information',
        'write:integrations': 'Add integrations to your Discord servers',
      },
      scopeRequired: false,
      stateRequired: false,
      // "redirect_uri … Optional if using the simplified integration flow"; response_type "left out" there.
      simplifiedFlowScope: 'write:integrations',
      extraParams: ['guild_id'],
      describeUser: (user) => `#${user.discriminator ?? '0'} · ${user.id}`,
      unknownClient: (res) => {
        res
          .status(404)
          .type('html')
          .send(errorPage('AltDentifier', 'Unknown application', 'The client id does not exist.'));
      },
    };
    addAuthorizeRoutes(app, authorize);
    app.post(
      this.paths.token,
      delay(context.delayMs),
      acceptBody(['form', 'json'], 'the request body must be form-urlencoded or JSON'),
      (req, res) => {
        const issued = grantTokens(
          {
            client: context.client,
            store: context.store,
            expiresIn: 604_800,
            redirectRequired: true,
            refresh: 'rotate',
          },
          req.body,
          credentialsAt(req, clientAuth),
        );
        res.json({
          access_token: issued.access_token,
          token_type: 'Bearer',
          expires_in: issued.expires_in,
          refresh_token: issued.refresh_token,
          scope: issued.scope,
        });
      },
    );
    app.get(this.paths.profile as string, delay(context.delayMs), (req, res) => {
      const user = context.store.findUser(bearerToken(req));
      res.json({
        id: user.id,
        username: user.username,
        discriminator: user.discriminator,
        avatar: null,
        email: user.email,
      });
    });
    finishProviderApp(app, writeError);
    return { app, authorize };
  },
};
