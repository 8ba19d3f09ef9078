import { randomBytes } from 'node:crypto';
import type { DoctorHttp, HttpFailure, HttpResponse } from '../http';
import { PROVIDERS, type BuiltStrategy } from '../providers';
import type { Redactor } from '../redact';
import type { DoctorSettings } from '../types';
import type { TokenVerdict } from '../verdicts';
import { jsonField } from '../provider-text';

/** How a token request was sent. */
export type ClientAuth = 'body' | 'basic';

/** A token request's outcome: the response (to read), or why there is none. */
export type TokenOutcome =
  | { response: HttpResponse; verdict: TokenVerdict; clientAuth: ClientAuth }
  | { failure: HttpFailure; clientAuth: ClientAuth };

/**
 * Posts a grant to the token endpoint as the strategy would: its body encoding, its headers,
 * the credentials in the body or as HTTP Basic (`clientAuth`, default the strategy's).
 */
export async function postGrant(
  http: DoctorHttp,
  settings: DoctorSettings,
  built: BuiltStrategy,
  grant: Record<string, string>,
  clientAuth: ClientAuth = built.definition.token.clientAuth,
): Promise<{ response: HttpResponse } | { failure: HttpFailure }> {
  const { token } = built.definition;
  const clientID = settings.clientID?.value ?? '';
  const clientSecret = settings.clientSecret?.value ?? '';
  const fields: Record<string, string> = { ...grant };
  const headers: Record<string, string> = { Accept: 'application/json', ...token.headers };
  if (clientAuth === 'basic') {
    const pair = `${encodeURIComponent(clientID)}:${encodeURIComponent(clientSecret)}`;
    headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    fields.client_id = clientID;
    fields.client_secret = clientSecret;
  }
  const json = token.bodyEncoding === 'json';
  headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
  const body = json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
  return http.send({ method: 'POST', url: token.url, headers, body });
}

/**
 * Exchanges a code made up by the doctor (so no user is involved and nothing is granted):
 * the provider's answer says whether it accepted the client's credentials. For AltDentifier,
 * whose docs allow the body and HTTP Basic, a refusal is tried once the other way, to tell
 * wrong credentials from credentials in the wrong place.
 */
export async function exchangeInvalidCode(
  http: DoctorHttp,
  settings: DoctorSettings,
  built: BuiltStrategy,
  redactor: Redactor,
): Promise<{ first: TokenOutcome; otherWay?: TokenOutcome }> {
  const code = `not-a-code-${randomBytes(12).toString('base64url')}`;
  redactor.add(code);
  const grant = { grant_type: 'authorization_code', code, redirect_uri: settings.callbackURL.value };
  const read = async (clientAuth: ClientAuth): Promise<TokenOutcome> => {
    const sent = await postGrant(http, settings, built, grant, clientAuth);
    if ('failure' in sent) return { failure: sent.failure, clientAuth };
    return { response: sent.response, verdict: PROVIDERS[settings.provider].tokenVerdict(sent.response), clientAuth };
  };
  const configured = built.definition.token.clientAuth;
  const first = await read(configured);
  if (settings.provider !== 'altdentifier' || !('verdict' in first) || first.verdict.kind !== 'refused')
    return { first };
  return { first, otherWay: await read(configured === 'basic' ? 'body' : 'basic') };
}

/**
 * Gofundo's `client_credentials` grant: a token for the client itself, which confirms the
 * credentials directly. The token is never shown (it is added to the redactor) nor used.
 */
export async function clientCredentialsGrant(
  http: DoctorHttp,
  settings: DoctorSettings,
  built: BuiltStrategy,
  redactor: Redactor,
): Promise<{ response: HttpResponse; verdict: TokenVerdict } | { failure: HttpFailure }> {
  const sent = await postGrant(http, settings, built, { grant_type: 'client_credentials', scope: '' });
  if ('failure' in sent) return sent;
  const { response } = sent;
  redactor.add(jsonField(response, 'access_token'));
  redactor.add(jsonField(response, 'refresh_token'));
  if (response.status === 200 && jsonField(response, 'access_token')) {
    return { response, verdict: { kind: 'accepted', said: 'a token for the client was issued (not shown, not used)' } };
  }
  const verdict = PROVIDERS.gofundo.tokenVerdict(response);
  // 400 unsupported_grant_type / unauthorized_client: this client may not use the grant; it says nothing of the secret.
  if (verdict.kind === 'accepted') return { response, verdict: { kind: 'unclear', said: verdict.said } };
  return { response, verdict };
}
