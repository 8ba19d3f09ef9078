import express, { type Express, type Request, type Response } from 'express';
import { renderAuthorizePage } from './authorize-page';
import { isAllowedRedirectURI, SANDBOX_APP_NAME } from './clients';
import type { GrantStore } from './grants';
import { errorPage, successPage } from './html';
import { field, rawField } from './params';
import type { SandboxClient, SandboxUser } from './types';

/** How one provider's authorize endpoint behaves. */
export interface AuthorizeRules {
  /** The provider's name on its pages. */
  provider: string;
  /** The authorize path (GET shows the page, POST takes the decision). */
  path: string;
  client: SandboxClient;
  /** Whether a `redirect_uri` is registered. Default {@link isAllowedRedirectURI} (any localhost URL). */
  redirectAllowed?: (redirectURI: string) => boolean;
  users: readonly SandboxUser[];
  store: GrantStore;
  /** The scopes the provider knows, with descriptions. */
  scopes: Readonly<Record<string, string>>;
  /** `scope` must be given and non-empty (MijnKlantportaal). */
  scopeRequired: boolean;
  /** `state` must be given (MijnKlantportaal). */
  stateRequired: boolean;
  /** How a user's id is shown on the page. */
  describeUser: (user: SandboxUser) => string;
  /** Answers an unknown `client_id`. Default: an HTML error page with status 400. */
  unknownClient?: (res: Response) => void;
  /** Answers a missing or refused `redirect_uri`. Default: an HTML error page with status 400. */
  badRedirect?: (res: Response, message: string) => void;
  /**
   * AltDentifier's "simplified integration flow": with exactly this scope, `redirect_uri` and
   * `response_type` may be left out; the decision then ends on a page instead of a redirect.
   */
  simplifiedFlowScope?: string;
  /** Further authorize parameters the provider documents, echoed through the form (AltDentifier's `guild_id`). */
  extraParams?: readonly string[];
}

/** An authorize request that passed the checks. */
interface ValidRequest {
  /** Absent only in the simplified integration flow. */
  redirectURI?: string;
  state?: string;
  scopes: string[];
  /** The parameters to echo in the form. */
  hidden: Record<string, string>;
}

/** Why an authorize request or decision is answered on the page instead of redirected. */
interface PageRefusal {
  refusal: 'unknown_client' | 'bad_redirect' | 'bad_decision';
  message: string;
}

/** The end of a simplified integration flow: a page, since there is no redirect URI. */
export interface PageEnd {
  page: { title: string; message: string };
}

/** The outcome of a request: the page to show, or where to send the browser back. */
type Outcome = { valid: ValidRequest } | { redirect: string } | PageRefusal;

/** What the decision form posts besides the authorize parameters. */
export interface Decision {
  /** `approve` or `deny`. */
  decision?: string;
  /** The chosen seeded user's id (approve only). */
  userId?: string;
}

/**
 * Adds `GET <path>` (the consent page) and `POST <path>` (the decision) to `app`.
 *
 * Checks, in RFC 6749 §4.1.2.1 order: an unknown `client_id` or a `redirect_uri` that is
 * missing or not a localhost URL are answered on the page (never redirected); then a
 * `response_type` other than `code`, a missing required `state`, unknown or missing scopes
 * are redirected back with `error` and `error_description`.
 *
 * The decision form fields: the authorize parameters (`client_id`, `redirect_uri`,
 * `response_type`, `scope`, `state`), `user_id` (one of the seeded users) and `decision`
 * (`approve` or `deny`). Approve redirects with `code` and `state`; Deny with
 * `error=access_denied`.
 */
export function addAuthorizeRoutes(app: Express, rules: AuthorizeRules): void {
  app.get(rules.path, (req, res) => {
    const outcome = check(rules, req.query);
    if (!('valid' in outcome)) return answer(rules, res, outcome);
    res.type('html').send(
      renderAuthorizePage({
        provider: rules.provider,
        appName: SANDBOX_APP_NAME,
        scopes: outcome.valid.scopes.map((name) => ({ name, description: rules.scopes[name] })),
        users: rules.users,
        describeUser: rules.describeUser,
        action: rules.path,
        hidden: outcome.valid.hidden,
      }),
    );
  });

  app.post(rules.path, express.urlencoded({ extended: false, limit: '16kb' }), (req: Request, res: Response) => {
    answer(
      rules,
      res,
      decide(rules, req.body, { decision: field(req.body, 'decision'), userId: field(req.body, 'user_id') }),
    );
  });
}

/**
 * Takes a decision on an authorize request (`params`: its query or the form's fields) and
 * returns where to redirect, or why it is refused on the page.
 */
export function decide(
  rules: AuthorizeRules,
  params: unknown,
  decision: Decision,
): { redirect: string } | PageRefusal | PageEnd {
  const outcome = check(rules, params);
  if (!('valid' in outcome)) return outcome;
  const { redirectURI } = outcome.valid;
  if (redirectURI === undefined) return simplifiedEnd(rules, outcome.valid, decision);
  const valid = { ...outcome.valid, redirectURI };
  if (decision.decision === 'deny') {
    return {
      redirect: redirectURL(valid, { error: 'access_denied', error_description: 'The user denied the request' }),
    };
  }
  const user = rules.users.find((candidate) => candidate.id === decision.userId);
  if (decision.decision !== 'approve' || !user) {
    return {
      refusal: 'bad_decision',
      message: 'decision must be approve or deny, and user_id one of the listed users.',
    };
  }
  const code = rules.store.issueCode({ clientID: rules.client.clientID, user, scope: valid.scopes }, valid.redirectURI);
  return { redirect: redirectURL(valid, { code }) };
}

function check(rules: AuthorizeRules, params: unknown): Outcome {
  if (field(params, 'client_id') !== rules.client.clientID) {
    return { refusal: 'unknown_client', message: 'No application is registered with this client_id.' };
  }
  const redirectURI = field(params, 'redirect_uri');
  if (!redirectURI && isSimplifiedFlow(rules, params)) return { valid: simplifiedRequest(rules, params) };
  const allowed = rules.redirectAllowed ?? isAllowedRedirectURI;
  if (!redirectURI || !allowed(redirectURI)) {
    const rule = rules.redirectAllowed ? '' : ' (the sandbox accepts any http(s)://localhost or 127.0.0.1 URL)';
    const message = redirectURI
      ? `redirect_uri is not registered for this application${rule}.`
      : 'redirect_uri is required (the sandbox has no registered default).';
    return { refusal: 'bad_redirect', message };
  }
  const state = field(params, 'state');
  const scope = rawField(params, 'scope') ?? '';
  const valid: ValidRequest & { redirectURI: string } = {
    redirectURI,
    state,
    scopes: scope.split(' ').filter(Boolean),
    hidden: {
      client_id: rules.client.clientID,
      redirect_uri: redirectURI,
      response_type: 'code',
      scope,
      ...(state ? { state } : {}),
      ...extraParams(rules, params),
    },
  };
  const refuse = (error: string, description: string) => ({
    redirect: redirectURL(valid, { error, error_description: description }),
  });
  if (field(params, 'response_type') !== 'code')
    return refuse('unsupported_response_type', 'response_type must be code');
  if (rules.stateRequired && !state) return refuse('invalid_request', 'state is required');
  if (rules.scopeRequired && valid.scopes.length === 0) return refuse('invalid_request', 'scope is required');
  const unknown = valid.scopes.filter((name) => !Object.hasOwn(rules.scopes, name));
  if (unknown.length) return refuse('invalid_scope', `unknown scope: ${unknown.join(' ')}`);
  return { valid };
}

/**
 * The simplified integration flow: no `redirect_uri`, `response_type` left out (or `code`),
 * and exactly the flow's scope. @see https://docs.altdentifier.dev/api/oauth2-api
 */
function isSimplifiedFlow(rules: AuthorizeRules, params: unknown): boolean {
  const responseType = field(params, 'response_type');
  const scopes = (rawField(params, 'scope') ?? '').split(' ').filter(Boolean);
  return (
    rules.simplifiedFlowScope !== undefined &&
    (responseType === undefined || responseType === 'code') &&
    scopes.length === 1 &&
    scopes[0] === rules.simplifiedFlowScope
  );
}

function simplifiedRequest(rules: AuthorizeRules, params: unknown): ValidRequest {
  const scope = rules.simplifiedFlowScope as string;
  return {
    scopes: [scope],
    hidden: { client_id: rules.client.clientID, scope, ...extraParams(rules, params) },
  };
}

/** Approve adds the integration (no code: the flow has no token exchange); deny does not. */
function simplifiedEnd(rules: AuthorizeRules, valid: ValidRequest, decision: Decision): PageEnd | PageRefusal {
  if (decision.decision === 'deny') {
    return { page: { title: 'Integration not added', message: 'You did not add the integration.' } };
  }
  if (decision.decision !== 'approve' || !rules.users.some((user) => user.id === decision.userId)) {
    return {
      refusal: 'bad_decision',
      message: 'decision must be approve or deny, and user_id one of the listed users.',
    };
  }
  const guild = valid.hidden.guild_id;
  return {
    page: {
      title: 'Integration added',
      message: `${SANDBOX_APP_NAME} was added${guild ? ` to the server ${guild}` : ''} with ${valid.scopes.join(' ')}.`,
    },
  };
}

function extraParams(rules: AuthorizeRules, params: unknown): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const name of rules.extraParams ?? []) {
    const value = field(params, name);
    if (value !== undefined) extra[name] = value;
  }
  return extra;
}

function answer(rules: AuthorizeRules, res: Response, outcome: { redirect: string } | PageRefusal | PageEnd): void {
  if ('redirect' in outcome) return res.redirect(302, outcome.redirect);
  if ('page' in outcome) {
    return void res
      .status(200)
      .type('html')
      .send(successPage(rules.provider, outcome.page.title, outcome.page.message));
  }
  if (outcome.refusal === 'unknown_client' && rules.unknownClient) return rules.unknownClient(res);
  if (outcome.refusal === 'bad_redirect' && rules.badRedirect) return rules.badRedirect(res, outcome.message);
  const titles = {
    unknown_client: 'Unknown application',
    bad_redirect: 'Invalid redirect URI',
    bad_decision: 'Invalid decision',
  };
  res
    .status(400)
    .type('html')
    .send(errorPage(rules.provider, titles[outcome.refusal], outcome.message));
}

function redirectURL(valid: ValidRequest & { redirectURI: string }, params: Record<string, string>): string {
  const url = new URL(valid.redirectURI);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (valid.state) url.searchParams.set('state', valid.state);
  return url.toString();
}
