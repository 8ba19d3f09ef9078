import { answerOf } from './checks/answer-of';
import { askAuthorize } from './checks/authorize-check';
import { jsonAnswerProblem, failedRequest } from './checks/answer-problems';
import { optionsCheck } from './checks/options-check';
import { profileCheck, tokenClockCheck } from './checks/profile-check';
import { reachChecks } from './checks/reach-check';
import {
  authorizeResult,
  clientCredentialsResult,
  notChecked,
  tokenResult,
  type CredentialsFinding,
} from './checks/results';
import { callbackCheck, clientIdCheck, clientSecretCheck } from './checks/settings-checks';
import { clientCredentialsGrant, exchangeInvalidCode } from './checks/token-check';
import { userEndpointCheck } from './checks/user-endpoint-check';
import { DoctorHttp } from './http';
import type { BuiltStrategy } from './providers';
import { Redactor } from './redact';
import type { CheckResult, DoctorReport, DoctorSettings } from './types';
import type { AuthorizeVerdict } from './verdicts';

const AUTHORIZE = 'authorize endpoint: client id and callback';
const TOKEN = 'token endpoint: client credentials';
const CLIENT_CREDENTIALS = 'token endpoint: client_credentials grant';

/** What every step after the options needs. */
interface Run {
  settings: DoctorSettings;
  built: BuiltStrategy;
  http: DoctorHttp;
  redactor: Redactor;
  /** The "not checked" result for a check whose endpoint's origin did not connect, or undefined when it did. */
  skipped(name: string, url: string): CheckResult | undefined;
}

/**
 * Runs every check for one provider, in order, and stops at nothing: a check that cannot be
 * made (its endpoint unreachable, the options refused) is reported as not checked. Makes
 * only these requests, each with the deadline: DNS, TCP and TLS to each endpoint's origin; a
 * GET of the user endpoint without a token; a GET of the authorize URL; a POST of a made-up
 * code to the token endpoint (AltDentifier: once more the other way if refused); Gofundo: a
 * `client_credentials` grant; with `accessToken`, the strategy's own profile request.
 * Nothing in the report holds the secret, a code or a token.
 */
export async function runDoctor(settings: DoctorSettings): Promise<DoctorReport> {
  const redactor = new Redactor();
  redactor.add(settings.clientSecret?.value);
  redactor.add(settings.accessToken);
  if (settings.clientID && settings.clientSecret) {
    redactor.addBasic(settings.clientID.value, settings.clientSecret.value);
  }
  const checks: CheckResult[] = [clientIdCheck(settings), clientSecretCheck(settings), callbackCheck(settings)];
  const options = optionsCheck(settings);
  checks.push(options.result);
  const { built } = options;
  if (!built) {
    checks.push(...notBuilt(settings));
    return finish(settings, checks, redactor);
  }
  const http = new DoctorHttp(settings.timeoutMs);
  try {
    const reach = await reachChecks(built.endpoints, settings.timeoutMs);
    checks.push(...reach.map((outcome) => outcome.result));
    const skipped = (name: string, url: string) => {
      const origin = new URL(url).origin;
      const down = reach.some((outcome) => outcome.origin === origin && !outcome.reachable);
      return down ? notChecked(name, `${origin} is unreachable (see above)`) : undefined;
    };
    const run: Run = { settings, built, http, redactor, skipped };
    checks.push(...(await userEndpointStep(run)));
    const authorize = await authorizeStep(run);
    const token = await tokenSteps(run, authorize.verdict);
    const authorizeCheck = authorize.verdict
      ? authorizeResult(settings, authorize.verdict, token.credentials)
      : authorize.result;
    checks.push(authorizeCheck, ...token.results, ...(await profileSteps(run)));
  } finally {
    await http.close();
    built.strategy.close();
  }
  return finish(settings, checks, redactor);
}

/** The rows after a refused options check: nothing can be sent, but a Petje.af token's clock can still be read. */
function notBuilt(settings: DoctorSettings): CheckResult[] {
  const why = 'the strategy does not build with these options';
  const rows = [notChecked('reach', why), notChecked(AUTHORIZE, why), notChecked(TOKEN, why)];
  if (settings.provider === 'gofundo') rows.push(notChecked(CLIENT_CREDENTIALS, why));
  if (settings.accessToken && settings.provider === 'petjeaf') rows.push(tokenClockCheck(settings.accessToken));
  if (settings.accessToken) rows.push(notChecked('profile', why));
  return rows;
}

async function userEndpointStep(run: Run): Promise<CheckResult[]> {
  const user = run.built.endpoints.find((endpoint) => endpoint.kind === 'user');
  if (!user) return [];
  return [run.skipped('user endpoint', user.url) ?? (await userEndpointCheck(run.http, run.settings, run.built, user))];
}

/** The authorize request: a verdict to read with the token endpoint's findings, or a finished result. */
async function authorizeStep(
  run: Run,
): Promise<{ verdict: AuthorizeVerdict; result?: undefined } | { verdict?: undefined; result: CheckResult }> {
  const url = run.built.definition.authorizationURL;
  const skipped = run.skipped(AUTHORIZE, url);
  if (skipped) return { result: skipped };
  const asked = await askAuthorize(run.http, run.settings, run.built);
  if ('verdict' in asked) return { verdict: asked.verdict };
  const setting = run.settings.authorizationURL?.source ?? 'the authorize URL';
  return { result: failedRequest(AUTHORIZE, `GET ${url}`, asked.failure, setting) };
}

/** The made-up code exchange and, for Gofundo, the client_credentials grant; and what they say of the credentials. */
async function tokenSteps(
  run: Run,
  authorize: AuthorizeVerdict | undefined,
): Promise<{ results: CheckResult[]; credentials: CredentialsFinding }> {
  const { settings, built, http, redactor } = run;
  const url = built.definition.token.url;
  const gofundo = settings.provider === 'gofundo';
  const skipped = run.skipped(TOKEN, url);
  if (skipped) {
    const results = gofundo ? [skipped, { ...skipped, name: CLIENT_CREDENTIALS }] : [skipped];
    return { results, credentials: 'unknown' };
  }
  const setting = settings.tokenURL?.source ?? 'the token URL';
  const label = `POST ${url}`;
  const results: CheckResult[] = [];
  let credentials: CredentialsFinding = 'unknown';

  const { first, otherWay } = await exchangeInvalidCode(http, settings, built, redactor);
  const answer = answerOf(first, TOKEN, label, url, setting);
  if (answer.result) results.push(answer.result);
  else {
    const other = otherWay && 'verdict' in otherWay ? otherWay : undefined;
    const result = tokenResult(settings, answer.read, other, authorize);
    credentials = findingOf(result, other?.verdict.kind === 'accepted');
    results.push(result);
  }
  if (gofundo) {
    const granted = await clientCredentialsGrant(http, settings, built, redactor);
    if ('failure' in granted) results.push(failedRequest(CLIENT_CREDENTIALS, label, granted.failure, setting));
    else {
      const problem = jsonAnswerProblem(CLIENT_CREDENTIALS, label, granted.response, url, setting);
      const result = problem ?? clientCredentialsResult(settings, granted.verdict);
      if (!problem && credentials === 'unknown') credentials = findingOf(result, false);
      results.push(result);
    }
  }
  return { results, credentials };
}

function findingOf(result: CheckResult, acceptedTheOtherWay: boolean): CredentialsFinding {
  if (result.ok === true || acceptedTheOtherWay) return 'accepted';
  return result.ok === false ? 'refused' : 'unknown';
}

/** With an access token: Petje.af's clock check, and the profile as the strategy reads it. */
async function profileSteps(run: Run): Promise<CheckResult[]> {
  const { settings, built } = run;
  const token = settings.accessToken;
  if (token === undefined) return [];
  const rows = settings.provider === 'petjeaf' ? [tokenClockCheck(token)] : [];
  const user = built.endpoints.find((endpoint) => endpoint.kind === 'user');
  const skipped = user && run.skipped('profile', user.url);
  rows.push(skipped ?? (await profileCheck(settings, built, token)));
  return rows;
}

function finish(settings: DoctorSettings, checks: CheckResult[], redactor: Redactor): DoctorReport {
  return {
    provider: settings.provider,
    checks: checks.map((check) => ({
      name: check.name,
      ok: check.ok,
      detail: redactor.clean(check.detail),
      fix: check.fix === null ? null : redactor.clean(check.fix),
    })),
  };
}
