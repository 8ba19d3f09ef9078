import request from 'supertest';
import { submitDecision } from 'passport-nl-sandbox';
import { formatLoginEvent } from 'express-demo';
import { login, startLogin, useDemo } from './support';

const lines: string[] = [];
const { sandbox, app } = useDemo({ logLine: (line) => lines.push(line) });
beforeEach(() => lines.splice(0));

const LINE =
  /^login provider=(\w+) outcome=(started|succeeded|denied|failed) duration_ms=(\d+)( message="(?:[^"\\]|\\.)*")?$/;

describe('one log line per login started, succeeded, denied or failed', () => {
  it('a login: started, then succeeded, with the time since it started', async () => {
    await login(request.agent(app()), 'gofundo');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^login provider=gofundo outcome=started duration_ms=\d+$/);
    expect(lines[1]).toMatch(/^login provider=gofundo outcome=succeeded duration_ms=\d+$/);
  });

  it('Deny: denied, with the provider message', async () => {
    await login(request.agent(app()), 'petjeaf', { decision: 'deny' });
    expect(lines[1]).toMatch(
      /^login provider=petjeaf outcome=denied duration_ms=\d+ message="The user denied the request"$/,
    );
  });

  it('a code the provider refuses: failed, with the provider message', async () => {
    const agent = request.agent(app());
    const back = await submitDecision(await startLogin(agent, 'altdentifier'));
    back.searchParams.set('code', 'not-a-code-the-provider-gave');
    await agent.get(back.pathname + back.search);
    expect(lines[1]).toMatch(
      /^login provider=altdentifier outcome=failed duration_ms=\d+ message=".*Cannot grant token.*"$/,
    );
  });

  it('a callback without the session that started it: failed (state), and logged', async () => {
    const back = await submitDecision(await startLogin(request.agent(app()), 'mijnklantportaal'));
    lines.splice(0);
    await request(app()).get(back.pathname + back.search);
    expect(lines).toEqual([expect.stringMatching(/^login provider=mijnklantportaal outcome=failed duration_ms=\d+/)]);
  });

  it('never logs a code, state, token or client secret, and a CR/LF in a message cannot add a line', async () => {
    const agent = request.agent(app());
    const authorize = await startLogin(agent, 'gofundo');
    const back = await submitDecision(authorize);
    await agent.get(back.pathname + back.search);
    const forged = new URL(await startLogin(agent, 'gofundo'));
    await agent.get('/auth/gofundo/callback').query({
      state: forged.searchParams.get('state'),
      error: 'server_error',
      error_description: 'broken\r\nlogin provider=gofundo outcome=succeeded duration_ms=1',
    });
    const secrets = [
      back.searchParams.get('code'),
      authorize.searchParams.get('state'),
      forged.searchParams.get('state'),
      sandbox().providers.gofundo.client.clientSecret,
    ] as string[];
    for (const line of lines) {
      expect(line).toMatch(LINE);
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
    // The forged text stays inside the quoted message of the one failed line.
    expect(lines.map((line) => LINE.exec(line)?.[2])).toEqual(['started', 'succeeded', 'started', 'failed']);
    expect(lines[3]).toMatch(
      / message="[^"]*broken\s*(\\r\\n)?\s*login provider=gofundo outcome=succeeded duration_ms=1"$/,
    );
  });
});

describe('formatLoginEvent', () => {
  it('quotes the message as JSON, so CR, LF and quotes stay inside it', () => {
    expect(formatLoginEvent({ provider: 'petjeaf', outcome: 'denied', durationMs: 1, message: 'a\r\n"b"' })).toBe(
      'login provider=petjeaf outcome=denied duration_ms=1 message="a\\r\\n\\"b\\""',
    );
  });

  it('rounds the duration and cuts a long message at 300 characters', () => {
    expect(
      formatLoginEvent({ provider: 'gofundo', outcome: 'failed', durationMs: 12.6, message: 'x'.repeat(400) }),
    ).toBe(`login provider=gofundo outcome=failed duration_ms=13 message="${'x'.repeat(300)}"`);
  });
});
