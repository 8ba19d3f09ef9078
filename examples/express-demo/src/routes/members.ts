import https from 'node:https';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Passport } from 'passport';
import {
  activeMembership,
  MEMBERSHIPS_SCOPE,
  Strategy as PetjeafStrategy,
  type PetjeafMembershipsAtLogin,
  type PetjeafProfile,
  type TokenParams,
  type VerifyCallback,
} from 'passport-petjeaf';
import { SANDBOX_PETJEAF_PAGE } from 'passport-nl-sandbox';
import { closeAgentWith, type DemoUser, type ProviderSettings } from '../providers';
import { csrfToken } from '../security';
import { expiresAtFrom } from '../token-expiry';
import { messagePage } from '../views/message';
import { membersPage } from '../views/members';

/** The Passport name of the members login: Petje.af, asking for `memberships.read` and loading them. */
export const MEMBERS_STRATEGY = 'petjeaf-members';

/** The Petje.af page whose members the "Members only" page admits. */
export interface MembersPageConfig {
  /** `PETJEAF_PAGE_ID`; default the sandbox's page. */
  id?: string;
  /** `PETJEAF_PAGE_URL`: where to become a member; default the sandbox page's, else https://petje.af. */
  url?: string;
}

/** A logged-in user of the members login: a {@link DemoUser} with the memberships read at login. */
export interface MemberUser extends DemoUser {
  memberships: PetjeafMembershipsAtLogin;
}

/** The members-only routes and what to close. */
export interface MembersOnly {
  router: Router;
  /** Closes the members strategy's connections. */
  close(): void;
}

/**
 * The "Members only" page: `GET /members` shows the page to an active member of the configured
 * Petje.af page (with their plan), and to anyone else why not and where to become a member;
 * `GET /auth/petjeaf-members` logs in with Petje.af asking for `profile.read memberships.read`,
 * with the strategy's `loadMemberships` (one extra request at login).
 */
export function membersOnly(
  passport: InstanceType<typeof Passport>,
  settings: ProviderSettings | undefined,
  baseURL: string,
  page: MembersPageConfig = {},
): MembersOnly {
  const router = Router();
  const pageId = page.id ?? SANDBOX_PETJEAF_PAGE.id;
  const joinURL = page.url ?? (pageId === SANDBOX_PETJEAF_PAGE.id ? SANDBOX_PETJEAF_PAGE.url : 'https://petje.af');
  if (!settings) {
    router.get('/members', (_req, res) => {
      res.status(404).send(messagePage('Members only', 'Petje.af is not configured in this demo.'));
    });
    return { router, close: () => undefined };
  }
  const strategy = createMembersStrategy(settings, `${baseURL}/auth/${MEMBERS_STRATEGY}/callback`);
  passport.use(MEMBERS_STRATEGY, strategy);

  router.get('/members', (req: Request, res: Response) => {
    const user = req.user as Partial<MemberUser> | undefined;
    const memberships = user?.provider === 'petjeaf' ? user.memberships : undefined;
    const membership = memberships?.known ? activeMembership(memberships.list, { pageId }) : undefined;
    res.status(membership ? 200 : 403).send(
      membersPage({
        user: user as DemoUser | undefined,
        memberships,
        membership,
        pageId,
        joinURL,
        loginURL: `/auth/${MEMBERS_STRATEGY}`,
        csrf: user ? csrfToken(req) : undefined,
      }),
    );
  });

  router.get(`/auth/${MEMBERS_STRATEGY}`, passport.authenticate(MEMBERS_STRATEGY));

  router.get(`/auth/${MEMBERS_STRATEGY}/callback`, (req: Request, res: Response, next: NextFunction) => {
    passport.authenticate(MEMBERS_STRATEGY, (err: unknown, user: MemberUser | false, info: unknown) => {
      if (err) {
        const { message, status } = err as { message?: string; status?: number };
        const code = status && status >= 400 && status < 600 ? status : 502;
        return res.status(code).send(messagePage('Login with Petje.af failed', message ?? String(err)));
      }
      if (!user) {
        const text = (info as { message?: unknown } | undefined)?.message;
        return res
          .status(401)
          .send(
            messagePage('Login with Petje.af failed', typeof text === 'string' ? text : 'Petje.af did not log you in.'),
          );
      }
      req.logIn(user, (loginError) => (loginError ? next(loginError) : res.redirect(303, '/members')));
    })(req, res, next);
  });

  return { router, close: () => strategy.close() };
}

/** The Petje.af strategy of the members login. */
function createMembersStrategy(settings: ProviderSettings, callbackURL: string): PetjeafStrategy {
  const agent = settings.ca ? new https.Agent({ ca: settings.ca, keepAlive: true }) : undefined;
  const strategy = new PetjeafStrategy(
    {
      clientID: settings.clientID,
      clientSecret: settings.clientSecret,
      callbackURL,
      authorizationURL: settings.authorizationURL,
      tokenURL: settings.tokenURL,
      apiBaseURL: settings.apiBaseURL,
      agent,
      scope: ['profile.read', MEMBERSHIPS_SCOPE],
      // All pages' memberships (one request for up to 250), so that the page can tell a member of another page why not.
      loadMemberships: true,
    },
    (
      accessToken: string,
      refreshToken: string | undefined,
      params: TokenParams,
      profile: PetjeafProfile,
      done: VerifyCallback,
    ) => done(null, toMemberUser(accessToken, refreshToken, params, profile)),
  );
  if (agent) closeAgentWith(strategy, agent);
  return strategy;
}

function toMemberUser(
  accessToken: string,
  refreshToken: string | undefined,
  params: TokenParams,
  profile: PetjeafProfile,
): MemberUser {
  return {
    provider: 'petjeaf',
    id: profile.id,
    displayName: profile.displayName,
    emails: (profile.emails ?? []).map((email) => email.value),
    json: profile._json,
    scopes: typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [],
    accessToken,
    refreshToken,
    expiresAt: expiresAtFrom(params.expires_in),
    memberships: profile.memberships ?? {
      known: false,
      reason: 'request_failed',
      message: 'the memberships were not loaded',
    },
  };
}
