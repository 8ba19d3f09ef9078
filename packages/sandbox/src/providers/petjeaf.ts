import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { addAuthorizeRoutes, type AuthorizeRules } from '../authorize';
import type { ErrorKind, ErrorWriter } from '../errors';
import { randomToken, type Grant } from '../grants';
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
import { addMembershipRoutes } from './petjeaf-memberships';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};
const PREFIX: Record<ErrorKind, string> = {
  invalid_request: 'Invalid request',
  invalid_client: 'Invalid client',
  invalid_grant: 'Invalid grant',
  unsupported_grant_type: 'Unsupported grant type',
  invalid_token: 'Invalid token',
  unsupported_media_type: 'Unsupported media type',
};

/** Petje.af's problem-details body: `{status, title, detail, _links}` (detail e.g. "Invalid grant: authorization code is invalid"). */
const writeError: ErrorWriter = (error) => ({
  status: error.status,
  body: {
    status: error.status,
    title: TITLES[error.status] ?? 'Error',
    detail: `${PREFIX[error.kind]}: ${error.message}`,
    _links: { documentation: { href: 'https://docs.petje.af', type: 'text/html' } },
  },
});

/**
 * Petje.af: `/oauth2/authorize`; `POST /v1/oauth2/tokens` form-urlencoded only, credentials
 * in the body only, as documented (Basic too, as the official PHP client adds it, with
 * `providerSettings.petjeaf.acceptBasicAuth`), access token a HS256 JWT with
 * `id`, `name`, `email`, `exp`, refresh tokens rotating; `DELETE /v1/oauth2/tokens` with the
 * bearer revokes; `GET /v1/users/me` as the official plugin reads it.
 */
export const petjeaf: ProviderModule = {
  name: 'petjeaf',
  paths: {
    authorize: '/oauth2/authorize',
    token: '/v1/oauth2/tokens',
    profile: '/v1/users/me',
    revocation: '/v1/oauth2/tokens',
    apiBase: '/v1',
  },
  signsTokens: true,
  createApp(context: ProviderContext) {
    // The tokens page documents the credentials in the body only; the official PHP client adds Basic.
    const acceptBasic = context.settings.petjeaf?.acceptBasicAuth ?? false;
    const app = createProviderApp();
    const authorize: AuthorizeRules = {
      provider: 'Petje.af',
      path: this.paths.authorize,
      client: context.client,
      redirectAllowed: context.redirectAllowed,
      users: context.users,
      store: context.store,
      scopes: {
        'profile.read': 'View your profile (name, email)',
        'memberships.read': 'View your memberships and rewards',
        'pages.read': 'View your pages, plans and rewards',
      },
      scopeRequired: false,
      stateRequired: false,
      describeUser: (user) => `id ${user.id}`,
    };
    addAuthorizeRoutes(app, authorize);
    // A KeyObject, made once: given the string, jsonwebtoken re-parses it on every token (~0.6 ms).
    const signingKey = createSecretKey(Buffer.from(context.jwtSecret, 'utf8'));
    const accessToken = (grant: Grant, expiresIn: number): string => {
      const iat = Math.floor(context.now() / 1000);
      // Petje.af documents only user grants (authorization_code, refresh_token).
      const { id, name, email } = grant.user ?? { id: grant.clientID, name: '', email: '' };
      const claims = {
        id,
        name,
        email,
        scope: grant.scope.join(' '),
        iat,
        exp: iat + expiresIn,
        jti: randomToken('', 12),
      };
      return jwt.sign(claims, signingKey, { algorithm: 'HS256' });
    };
    app.post(
      this.paths.token,
      delay(context.delayMs),
      acceptBody(['form'], 'Use application/x-www-form-urlencoded for the POST request'),
      (req, res) => {
        const issued = grantTokens(
          {
            client: context.client,
            store: context.store,
            expiresIn: 3599,
            redirectRequired: false,
            refresh: 'rotate',
            accessToken,
          },
          req.body,
          presentedCredentials(req, acceptBasic),
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
    app.delete(this.paths.token, (req, res) => {
      const token = bearerToken(req);
      context.store.findAccess(token);
      context.store.revoke(token);
      res.status(204).end();
    });
    app.get(this.paths.profile as string, delay(context.delayMs), (req, res) => {
      const user = context.store.findUser(bearerToken(req));
      res.json({ id: user.id, name: user.name, email: user.email });
    });
    addMembershipRoutes(app, context);
    finishProviderApp(app, writeError);
    return { app, authorize };
  },
};
