import type { RequestHandler } from 'express';
import { addAuthorizeRoutes, type AuthorizeRules } from '../authorize';
import { SandboxError, type ErrorKind, type ErrorWriter } from '../errors';
import { htmlPage } from '../html';
import {
  acceptBody,
  bearerToken,
  createProviderApp,
  delay,
  finishProviderApp,
  presentedCredentials,
} from '../http-helpers';
import type { ProviderContext, ProviderModule } from '../provider-module';
import type { ProviderSettings } from '../types';
import { grantTokens } from '../token-grant';

const CLIENT_FAILED = 'Client authentication failed';
/** "All access tokens have an expiration of 2 weeks and refresh tokens expire after 1 hour." */
const TWO_WEEKS = 1_209_600;
const ONE_HOUR = 3600;
/** league/oauth2-server's descriptions, as Laravel Passport answers them. */
const DESCRIPTIONS: Partial<Record<ErrorKind, string>> = {
  invalid_request:
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
  invalid_grant:
    'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
};

/**
 * The token lifetimes in seconds: as documented (access 2 weeks, refresh 1 hour) unless the
 * settings say `swapped` or give a lifetime.
 */
export function gofundoLifetimes(settings: ProviderSettings['gofundo'] = {}): { access: number; refresh: number } {
  const { lifetimes = 'documented', accessTokenLifetime, refreshTokenLifetime } = settings;
  if (lifetimes !== 'documented' && lifetimes !== 'swapped') {
    throw new TypeError('startSandbox: providerSettings.gofundo.lifetimes must be documented or swapped');
  }
  for (const [name, value] of Object.entries({ accessTokenLifetime, refreshTokenLifetime })) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new TypeError(`startSandbox: providerSettings.gofundo.${name} must be a positive whole number of seconds`);
    }
  }
  const swapped = lifetimes === 'swapped';
  return {
    access: accessTokenLifetime ?? (swapped ? ONE_HOUR : TWO_WEEKS),
    refresh: refreshTokenLifetime ?? (swapped ? TWO_WEEKS : ONE_HOUR),
  };
}

/** Gofundo has no scopes ("Containing empty string"): a `password` or `client_credentials` request may not ask for one. */
function noScope(scope: string | undefined): string[] {
  if (scope && scope.trim() !== '')
    throw new SandboxError('invalid_request', 'scope must be empty (Gofundo has no scopes)');
  return [];
}

/** Gofundo's `{error, error_description, message}` body; `hint` says what exactly was wrong (Laravel Passport adds it). */
const writeError: ErrorWriter = (error) => {
  if (error.kind === 'invalid_client') {
    return { status: 401, body: { error: 'invalid_client', error_description: CLIENT_FAILED, message: CLIENT_FAILED } };
  }
  if (error.kind === 'invalid_token') {
    return {
      status: 401,
      body: { error: 'unauthenticated', error_description: error.message, message: 'Unauthenticated.' },
    };
  }
  const description = DESCRIPTIONS[error.kind] ?? error.message;
  return {
    status: error.status,
    body: { error: error.kind, error_description: description, hint: error.message, message: description },
  };
};

/**
 * "All requests should contain the Accept header with value application/json": like a
 * Laravel app answering a browser, a request whose preferred type is not JSON gets a 302 to
 * `/login` with an HTML body instead of JSON.
 */
const laravelWantsJson: RequestHandler = (req, res, next) => {
  const preferred = String(req.accepts()[0] ?? '').toLowerCase();
  if (req.get('accept') && (preferred.includes('/json') || preferred.includes('+json'))) return next();
  const target = '/login';
  res
    .status(302)
    .location(target)
    .type('html')
    .send(
      `<!DOCTYPE html>\n<html>\n    <head>\n        <meta charset="UTF-8" />\n        <meta http-equiv="refresh" content="0;url='${target}'" />\n` +
        `        <title>Redirecting to ${target}</title>\n    </head>\n    <body>\n        Redirecting to <a href="${target}">${target}</a>.\n    </body>\n</html>`,
    );
};

/**
 * Gofundo (Laravel Passport): `/oauth/authorize` (scope must be empty; an unknown client or
 * a refused redirect URI answers `invalid_client` as documented), `POST /oauth/token` (form
 * or JSON, credentials in the body; the documented grants `authorization_code`, `password`
 * (username: a seeded user's email) and `client_credentials` (no refresh token, no user),
 * plus `refresh_token`; refresh tokens rotating and expiring after 1 hour, access tokens
 * after 2 weeks, as documented, see {@link gofundoLifetimes}), `GET /api/user` (Laravel's
 * user model, integer `id`); token and user endpoints require `Accept: application/json`.
 * @see https://developer.gofundo.nl/gofundo
 */
export const gofundo: ProviderModule = {
  name: 'gofundo',
  paths: { authorize: '/oauth/authorize', token: '/oauth/token', profile: '/api/user' },
  createApp(context: ProviderContext) {
    const lifetimes = gofundoLifetimes(context.settings.gofundo);
    const app = createProviderApp();
    const refuseClient = (res: Parameters<RequestHandler>[1]) => {
      const { status, body } = writeError(new SandboxError('invalid_client', CLIENT_FAILED));
      res.status(status).json(body);
    };
    const authorize: AuthorizeRules = {
      provider: 'Gofundo',
      path: this.paths.authorize,
      client: context.client,
      redirectAllowed: context.redirectAllowed,
      users: context.users,
      store: context.store,
      scopes: {},
      scopeRequired: false,
      stateRequired: false,
      describeUser: (user) => `#${user.id}`,
      unknownClient: refuseClient,
      badRedirect: refuseClient,
    };
    addAuthorizeRoutes(app, authorize);
    app.get('/login', (_req, res) => {
      res.type('html').send(htmlPage('Gofundo - Inloggen', '<h1>Inloggen</h1><p>Log in om verder te gaan.</p>'));
    });
    app.post(
      this.paths.token,
      laravelWantsJson,
      delay(context.delayMs),
      acceptBody(['form', 'json'], 'The request body must be form-urlencoded or JSON'),
      (req, res) => {
        const issued = grantTokens(
          {
            client: context.client,
            store: context.store,
            expiresIn: lifetimes.access,
            refreshExpiresIn: lifetimes.refresh,
            redirectRequired: true,
            refresh: 'rotate',
            passwordUser: (username, password) =>
              context.users.find((user) => user.email === username && user.password === password),
            clientCredentials: true,
            grantScope: noScope,
          },
          req.body,
          presentedCredentials(req, false),
        );
        // A client_credentials answer has no refresh_token (Laravel Passport).
        res.json({
          token_type: 'Bearer',
          expires_in: issued.expires_in,
          access_token: issued.access_token,
          ...(issued.refresh_token === undefined ? {} : { refresh_token: issued.refresh_token }),
        });
      },
    );
    app.get(this.paths.profile as string, laravelWantsJson, delay(context.delayMs), (req, res) => {
      const user = context.store.findUser(bearerToken(req));
      const stamp = '2024-03-18T09:21:44.000000Z';
      res.json({
        id: Number(user.id),
        name: user.name,
        email: user.email,
        email_verified_at: stamp,
        created_at: stamp,
        updated_at: stamp,
      });
    });
    finishProviderApp(app, writeError);
    return { app, authorize };
  },
};
