import { addAuthorizeRoutes, type AuthorizeRules } from '../authorize';
import { sentence, type ErrorWriter } from '../errors';
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
import { addMijnKlantportaalApi } from './mijnklantportaal-api';

/** The 24 documented scopes. @see https://docs.developers.mijnklantportaal.nl/oauth/scopes */
const SCOPE_NAMES = [
  'agreements',
  'appointments',
  'customers',
  'files',
  'filerequest',
  'fileshare',
  'offers',
  'paymentlinks',
  'subscription',
  'tickets',
  'webhooks',
]
  .flatMap((area) => [`${area}.read`, `${area}.write`])
  .concat(['businessoperations.read', 'invoices.read']);
const SCOPES = Object.fromEntries(
  SCOPE_NAMES.map((name) => {
    const [area, access] = name.split('.');
    return [name, `${access === 'read' ? 'Read' : 'Create and change'} your ${area}`];
  }),
);

/**
 * The header(s) an API call must carry the bearer in. The API reference (generated from the
 * OpenAPI) says `Authorization`, the authentication page `Authentication`; the sandbox
 * requires the former unless told otherwise.
 * @see https://docs.developers.mijnklantportaal.nl/api-reference/customers-api/list-customers
 * @see https://docs.developers.mijnklantportaal.nl/getting-started/authentication
 */
export function bearerHeaders(choice: 'Authorization' | 'Authentication' | 'either' = 'Authorization'): string[] {
  if (choice === 'Authorization') return ['authorization'];
  if (choice === 'Authentication') return ['authentication'];
  if (choice === 'either') return ['authorization', 'authentication'];
  throw new TypeError(
    'startSandbox: providerSettings.mijnklantportaal.bearerHeader must be Authorization, Authentication or either',
  );
}

/** MijnKlantportaal's `{code, message}` body (as its documented 429 answer). */
const writeError: ErrorWriter = (error) => ({
  status: error.status,
  body: { code: error.status, message: sentence(error.message) },
});

/**
 * MijnKlantportaal: `/oauth/authorize` (`state` and `scope` required), `POST /oauth/tokens`
 * with a JSON body only, refresh answers without a new refresh token (the old one stays
 * valid). It documents no identity endpoint, so the sandbox adds a **sandbox-only**
 * `GET /v1/sandbox/me` for the demo, taking the bearer in `Authorization` only, as every API
 * reference page documents it (see {@link bearerHeaders} for the other reading).
 */
export const mijnklantportaal: ProviderModule = {
  name: 'mijnklantportaal',
  paths: { authorize: '/oauth/authorize', token: '/oauth/tokens', profile: '/v1/sandbox/me', apiBase: '/v1' },
  createApp(context: ProviderContext) {
    const headers = bearerHeaders(context.settings.mijnklantportaal?.bearerHeader);
    const app = createProviderApp();
    const authorize: AuthorizeRules = {
      provider: 'MijnKlantportaal',
      path: this.paths.authorize,
      client: context.client,
      redirectAllowed: context.redirectAllowed,
      users: context.users,
      store: context.store,
      scopes: SCOPES,
      scopeRequired: true,
      stateRequired: true,
      describeUser: (user) => `${user.id} · ${user.companyName ?? ''}`,
    };
    addAuthorizeRoutes(app, authorize);
    app.post(
      this.paths.token,
      delay(context.delayMs),
      acceptBody(['json'], 'the request body must be JSON (Content-Type: application/json)'),
      (req, res) => {
        const issued = grantTokens(
          { client: context.client, store: context.store, expiresIn: 3600, redirectRequired: true, refresh: 'keep' },
          req.body,
          presentedCredentials(req, false),
        );
        const answer: Record<string, unknown> = {
          access_token: issued.access_token,
          refresh_token: issued.refresh_token,
          expires_in: issued.expires_in,
        };
        if (issued.refresh_token === undefined) delete answer.refresh_token;
        res.json(answer);
      },
    );
    addMijnKlantportaalApi(app, context);
    app.get(this.paths.profile as string, delay(context.delayMs), (req, res) => {
      const user = context.store.findUser(bearerToken(req, headers));
      res.set('X-Sandbox-Only', 'MijnKlantportaal documents no identity endpoint; this one exists only in the sandbox');
      res.json({ id: user.id, name: user.name, email: user.email, company_name: user.companyName });
    });
    finishProviderApp(app, writeError);
    return { app, authorize };
  },
};
