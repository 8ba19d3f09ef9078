/**
 * The shared reliability and security suite (packages/test-support/src/reliability, run-reliability-suite.ts), run
 * with `gofundoCase`: every login through a real Express app, the provider mocked with nock or served on 127.0.0.1.
 * For Gofundo (form-encoded token request; the profile from the user endpoint) it covers:
 * - State / CSRF: a callback whose state is missing, wrong, from another session, replayed or older than stateTTL
 *   gets 403 before any token request; two tabs in one session both complete; at most maxPendingStates logins
 *   pending per session.
 * - Timeouts: a token or user endpoint that never answers, or sends part of its body and stalls, fails the login
 *   with 504, reason timeout, and the connection is closed.
 * - Bad answers of the token and the user endpoint: HTML, an empty body, invalid JSON, JSON that is not an object,
 *   no access_token or id, a 200 carrying an error, a redirect, a 503, a 429 with retry-after, over 1 MiB: each one
 *   typed error naming Gofundo and the status; a multibyte character split across chunks arrives intact.
 * - Callback input: ?error=access_denied is a normal failed login, any other error an AuthorizationError with
 *   passport-oauth2's status; a 5000-character or repeated code gets 400 before any token request; codes of odd
 *   characters or length reach the token endpoint exactly, as one form field.
 * - Attacks by a hostile provider: __proto__ keys in the token answer and the profile body, a 302/307/308 from the
 *   token endpoint to another host, a line break in the access token, a slow-loris and a 10 MB token answer.
 * - What passport-oauth2 lets through: redirect_uri ignores forged Host and X-Forwarded-* headers; a state given
 *   twice, nested or chosen by the app is refused; no raw error_description is reflected; a missing session
 *   middleware is a clear error.
 * - No leaks: providers that echo the client secret, the code, the access token and the refresh token in their
 *   errors (raw, percent-encoded, base64); the access token goes to the user endpoint only in the Authorization
 *   header; then a scan of every error the suite produced (message, String(), JSON, stack) and of every URL the
 *   providers saw.
 *
 * Left to the other files of this folder (see the README's "Tests and checks" for the layout): what the provider
 * documents and the options it adds: authorize parameters, the token request, Accept: application/json and Laravel's
 * HTML answers, the empty scope, the clientCredentials() and password() grants, instances (baseURL).
 * property.test.ts runs the shared property suite (any answer gives one verify call or one typed error).
 */
import { gofundoCase, runReliabilitySuite } from '@internal/test-support';

runReliabilitySuite(gofundoCase);
