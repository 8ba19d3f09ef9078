/**
 * The shared reliability and security suite (packages/test-support/src/reliability, run-reliability-suite.ts), run
 * with `petjeafCase`: every login through a real Express app, the provider mocked with nock or served on 127.0.0.1.
 * For Petje.af (form-encoded token request; the profile read from the access token, a JWT, so no profile endpoint)
 * it covers:
 * - State / CSRF: a callback whose state is missing, wrong, from another session, replayed or older than stateTTL
 *   gets 403 before any token request; two tabs in one session both complete; at most maxPendingStates logins
 *   pending per session.
 * - Timeouts: a token endpoint that never answers, or sends part of its body and stalls, fails the login with 504,
 *   reason timeout, and the connection is closed.
 * - Bad answers of the token endpoint: HTML, an empty body, invalid JSON, JSON that is not an object, no
 *   access_token, a 200 carrying an error, a redirect, a 503, a 429 with retry-after, over 1 MiB: each one typed
 *   error naming Petje.af and the status; a multibyte character split across chunks arrives intact.
 * - JWT access tokens: not a JWT, a payload that is not base64url, not JSON or not an object, expired or with an
 *   unusable exp, no id or an id of the wrong type: each refused with a ProviderApiError; with jwtVerification a
 *   wrong signature and alg none are refused (bad_signature).
 * - Callback input: ?error=access_denied is a normal failed login, any other error an AuthorizationError with
 *   passport-oauth2's status; a 5000-character or repeated code gets 400 before any token request; codes of odd
 *   characters or length reach the token endpoint exactly, as one form field.
 * - Attacks by a hostile provider: __proto__ keys in the token answer and in the JWT claims, an HS256 token signed
 *   with the configured RSA public key (algorithm confusion), a 302/307/308 from the token endpoint to another host,
 *   a line break in the access token, a slow-loris and a 10 MB token answer.
 * - What passport-oauth2 lets through: redirect_uri ignores forged Host and X-Forwarded-* headers; a state given
 *   twice, nested or chosen by the app is refused; no raw error_description is reflected; a missing session
 *   middleware is a clear error.
 * - No leaks: providers that echo the client secret, the code and the refresh token in their errors (raw,
 *   percent-encoded, base64); then a scan of every error the suite produced (message, String(), JSON, stack) and of
 *   every URL the providers saw.
 *
 * Left to the other files of this folder (see the README's "Tests and checks" for the layout): what the provider
 * documents and the options it adds: authorize parameters, the token request, the token error body
 * {status,title,detail}, the profile claims, the jwtVerification and clockTolerance options, memberships, revoke(),
 * the two hosts. property.test.ts runs the shared property suite (any answer gives one verify call or one typed
 * error).
 */
import { petjeafCase, runReliabilitySuite } from '@internal/test-support';

runReliabilitySuite(petjeafCase);
