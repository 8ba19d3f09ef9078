import request from 'supertest';
import { submitDecision } from 'passport-nl-sandbox';

/** What a login through examples/minimal's app showed. */
export interface MinimalLoginResult {
  /** The home page after the login: the logged-in user as JSON. */
  home: string;
  /** The callback's answer with a client that had no cookie: state cannot be checked. */
  homeWithoutCookie: string;
}

/**
 * Logs in through a running examples/minimal app at `baseURL` with a cookie-keeping client:
 * `GET /auth/gofundo`, the sandbox's Approve as `userId` (over HTTP, no browser), the
 * callback, then the home page. Also replays a second login's callback with a client
 * without the session cookie, which must not log anyone in.
 */
export async function loginThroughMinimalApp(baseURL: string, userId: string): Promise<MinimalLoginResult> {
  const agent = request.agent(baseURL);
  const start = await agent.get('/auth/gofundo').expect(302);
  const back = await submitDecision(start.headers.location as string, { userId });
  await agent
    .get(back.pathname + back.search)
    .expect(302)
    .expect('Location', '/');
  const home = (await agent.get('/').expect(200)).text;

  const stranger = request.agent(baseURL);
  const second = await request(baseURL).get('/auth/gofundo').expect(302);
  const secondBack = await submitDecision(second.headers.location as string, { userId });
  await stranger.get(secondBack.pathname + secondBack.search).expect(302);
  const homeWithoutCookie = (await stranger.get('/').expect(200)).text;
  return { home, homeWithoutCookie };
}
