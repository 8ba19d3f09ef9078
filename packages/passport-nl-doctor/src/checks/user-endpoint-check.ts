import type { DoctorHttp } from '../http';
import { providerWords } from '../provider-text';
import { PROVIDERS, type BuiltStrategy, type EndpointUse } from '../providers';
import type { CheckResult, DoctorSettings } from '../types';
import { failedRequest, jsonAnswerProblem } from './answer-problems';

/**
 * Asks the user endpoint with no token at all (nothing secret is sent): a protected JSON
 * endpoint answers 401 or 403 in JSON; a 404, a redirect or an HTML page means it is not there.
 */
export async function userEndpointCheck(
  http: DoctorHttp,
  settings: DoctorSettings,
  built: BuiltStrategy,
  user: EndpointUse,
): Promise<CheckResult> {
  const name = 'user endpoint';
  const { envPrefix, displayName } = PROVIDERS[settings.provider];
  const setting = settings.userProfileURL?.source ?? `${envPrefix}_USER_PROFILE_URL`;
  const label = `GET ${user.url} without a token`;
  const sent = await http.send({
    method: 'GET',
    url: user.url,
    headers: { Accept: 'application/json', ...built.definition.apiHeaders },
  });
  if ('failure' in sent) return failedRequest(name, label, sent.failure, setting);
  const res = sent.response;
  const problem = jsonAnswerProblem(name, label, res, user.url, setting);
  if (problem) return problem;
  const assumed = user.mark === 'assumed' ? ` (the path is ${user.mark}: ${user.note})` : '';
  if (res.status === 401 || res.status === 403) {
    return {
      name,
      ok: true,
      detail: `${label}: ${res.status}, "${providerWords(res)}": a protected endpoint is there${assumed}`,
      fix: null,
    };
  }
  if (res.status === 404 || res.status === 405) {
    return {
      name,
      ok: false,
      detail: `${label}: ${res.status}, "${providerWords(res)}": no endpoint at this path${assumed}`,
      fix: `Set ${setting} to ${displayName}'s user endpoint (ask ${displayName} for it).`,
    };
  }
  if (res.status >= 200 && res.status < 300) {
    return {
      name,
      ok: null,
      detail: `${label}: ${res.status}: it answers without a token, so it is not a user endpoint as expected`,
      fix: `Check that ${setting} is the endpoint that returns the signed-in user.`,
    };
  }
  return { name, ok: null, detail: `${label}: ${res.status}, "${providerWords(res)}"`, fix: null };
}
