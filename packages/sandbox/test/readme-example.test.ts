import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// readme:start
import request from 'supertest';
import { startSandbox, strategyOptions, submitDecision, type Sandbox } from 'passport-nl-sandbox';
import { createApp } from './my-app'; // your app, taking its strategy options as a parameter

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox(); // four providers on free ports of 127.0.0.1
});
afterAll(() => sandbox.close());

function appOnSandbox() {
  const gofundo = sandbox.providers.gofundo;
  return createApp({ ...strategyOptions(gofundo), callbackURL: 'http://localhost/auth/gofundo/callback' });
}

test('logs in with Gofundo as a chosen seeded user', async () => {
  const agent = request.agent(appOnSandbox()); // keeps the session cookie
  const start = await agent.get('/auth/gofundo').expect(302);
  // What a click on Approve does, without a browser: the URL the provider sends the user back to.
  const back = await submitDecision(start.headers.location, { userId: '1187' });
  await agent
    .get(back.pathname + back.search)
    .expect(302)
    .expect('Location', '/me');
  const me = await agent.get('/me').expect(200);
  expect(me.body).toEqual({ id: '1187', name: 'Jürgen Müller' });
});

test('a user who clicks Deny is not logged in', async () => {
  const agent = request.agent(appOnSandbox());
  const start = await agent.get('/auth/gofundo').expect(302);
  const back = await submitDecision(start.headers.location, { decision: 'deny' });
  await agent
    .get(back.pathname + back.search)
    .expect(302)
    .expect('Location', '/denied');
  await agent.get('/me').expect(401);
});
// readme:end

describe("the sandbox README's test example", () => {
  it('is this file, verbatim', () => {
    const source = readFileSync(__filename, 'utf8');
    const example = source.slice(source.indexOf('// readme:start\n') + 16, source.indexOf('// readme:end'));
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });
});
