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
import { Redactor } from './redact';
import type { CheckResult, DoctorReport, DoctorSettings } from './types';
import type { AuthorizeVerdict } from './verdicts';

const AUTHORIZE = 'authorize endpoint: client id and callback';
const TOKEN = 'token endpoint: client credentials';
const CLIENT_CREDENTIALS = 'token endpoint: client_credentials grant';

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
  if (settings.clientID && settings.clientSecret)
    redactor.addBasic(settings.clientID.value, settings.clientSecret.value);
  const checks: CheckResult[] = [clientIdCheck(settings), clientSecretCheck(settings), callbackCheck(settings)];
  const options = optionsCheck(settings);
  checks.push(options.result);
  const { built } = options;
  const gofundo = settings.provider === 'gofundo';
  if (!built) {
    const why = 'the strategy does not build with these options';
    checks.push(notChecked('reach', why), notChecked(AUTHORIZE, why), notChecked(TOKEN, why));
    if (gofundo) checks.push(notChecked(CLIENT_CREDENTIALS, why));
    if (settings.accessToken) checks.push(notChecked('profile', why));
    return finish(settings, checks, redactor);
  }
  const http = new DoctorHttp(settings.timeoutMs);
  try {
    const reach = await reachChecks(built.endpoints, settings.timeoutMs);
    checks.push(...reach.map((outcome) => outcome.result));
    const unreachable = (url: string) =>
      reach.find((outcome) => outcome.origin === new URL(url).origin && !outcome.reachable);
    const skip = (name: string, url: string) => notChecked(name, `${new URL(url).origin} is unreachable (see above)`);
    const tokenSetting = settings.tokenURL?.source ?? 'the token URL';

    const user = built.endpoints.find((endpoint) => endpoint.kind === 'user');
    if (user)
      checks.push(
        unreachable(user.url) ? skip('user endpoint', user.url) : await userEndpointCheck(http, settings, built, user),
      );

    const authorizeURL = built.definition.authorizationURL;
    let authorizeVerdict: AuthorizeVerdict | undefined;
    let authorizeCheck: CheckResult | undefined;
    if (unreachable(authorizeURL)) authorizeCheck = skip(AUTHORIZE, authorizeURL);
    else {
      const asked = await askAuthorize(http, settings, built);
      if ('failure' in asked)
        authorizeCheck = failedRequest(
          AUTHORIZE,
          `GET ${authorizeURL}`,
          asked.failure,
          settings.authorizationURL?.source ?? 'the authorize URL',
        );
      else authorizeVerdict = asked.verdict;
    }
    const authorizeAt = checks.length;

    const tokenURL = built.definition.token.url;
    let credentials: CredentialsFinding = 'unknown';
    if (unreachable(tokenURL)) {
      checks.push(skip(TOKEN, tokenURL));
      if (gofundo) checks.push(skip(CLIENT_CREDENTIALS, tokenURL));
    } else {
      const { first, otherWay } = await exchangeInvalidCode(http, settings, built, redactor);
      const label = `POST ${tokenURL}`;
      const answer = answerOf(first, TOKEN, label, tokenURL, tokenSetting);
      if (answer.result) checks.push(answer.result);
      else {
        const other = otherWay && 'verdict' in otherWay ? otherWay : undefined;
        const result = tokenResult(settings, answer.read, other, authorizeVerdict);
        credentials =
          result.ok === true || other?.verdict.kind === 'accepted'
            ? 'accepted'
            : result.ok === false
              ? 'refused'
              : 'unknown';
        checks.push(result);
      }
      if (gofundo) {
        const granted = await clientCredentialsGrant(http, settings, built, redactor);
        if ('failure' in granted) checks.push(failedRequest(CLIENT_CREDENTIALS, label, granted.failure, tokenSetting));
        else {
          const problem = jsonAnswerProblem(CLIENT_CREDENTIALS, label, granted.response, tokenURL, tokenSetting);
          const result = problem ?? clientCredentialsResult(settings, granted.verdict);
          if (credentials === 'unknown' && result.ok !== null) credentials = result.ok ? 'accepted' : 'refused';
          checks.push(result);
        }
      }
    }
    if (authorizeVerdict) authorizeCheck = authorizeResult(settings, authorizeVerdict, credentials);
    if (authorizeCheck) checks.splice(authorizeAt, 0, authorizeCheck);

    if (settings.accessToken) {
      if (settings.provider === 'petjeaf') checks.push(tokenClockCheck(settings.accessToken));
      if (user && unreachable(user.url)) checks.push(skip('profile', user.url));
      else checks.push(await profileCheck(settings, built, settings.accessToken));
    }
  } finally {
    await http.close();
    built.strategy.close();
  }
  return finish(settings, checks, redactor);
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
