import express, { type Express, type Request, type Response } from 'express';
import { renderAuthorizePage } from './authorize-page';
import { isAllowedRedirectURI, SANDBOX_APP_NAME } from './clients';
import type { GrantStore } from './grants';
import { errorPage } from './html';
import { field, rawField } from './params';
import type { SandboxClient, SandboxUser } from './types';

/** How one provider's authorize endpoint behaves. */
export interface AuthorizeRules {
  /** The provider's name on its pages. */
  provider: string;
  /** The authorize path (GET shows the page, POST takes the decision). */
  path: string;
  client: SandboxClient;
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
}

/** An authorize request that passed the checks. */
interface ValidRequest {
  redirectURI: string;
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
export function decide(rules: AuthorizeRules, params: unknown, decision: Decision): { redirect: string } | PageRefusal {
  const outcome = check(rules, params);
  if (!('valid' in outcome)) return outcome;
  const { valid } = outcome;
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
  if (!redirectURI || !isAllowedRedirectURI(redirectURI)) {
    const message = redirectURI
      ? 'redirect_uri is not registered for this application (the sandbox accepts any http(s)://localhost or 127.0.0.1 URL).'
      : 'redirect_uri is required (the sandbox has no registered default).';
    return { refusal: 'bad_redirect', message };
  }
  const state = field(params, 'state');
  const scope = rawField(params, 'scope') ?? '';
  const valid: ValidRequest = {
    redirectURI,
    state,
    scopes: scope.split(' ').filter(Boolean),
    hidden: {
      client_id: rules.client.clientID,
      redirect_uri: redirectURI,
      response_type: 'code',
      scope,
      ...(state ? { state } : {}),
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

function answer(rules: AuthorizeRules, res: Response, outcome: { redirect: string } | PageRefusal): void {
  if ('redirect' in outcome) return res.redirect(302, outcome.redirect);
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

function redirectURL(valid: ValidRequest, params: Record<string, string>): string {
  const url = new URL(valid.redirectURI);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (valid.state) url.searchParams.set('state', valid.state);
  return url.toString();
}
