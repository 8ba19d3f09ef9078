import request from 'supertest';
import { createDemoApp } from 'express-demo';
import { PROVIDER_NAMES, startSandbox, type Sandbox } from 'passport-nl-sandbox';
import { demoConfig } from './support';

/** Polls until `read` gives 0 (socket closes reach the server asynchronously), or gives up after a second. */
async function settlesAtZero(read: () => Promise<number>): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (value === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

describe('DemoApp.close() closes the strategies connections, also to a sandbox over HTTPS', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ https: true });
  });
  afterAll(() => sandbox.close());

  it('leaves no connection open on any provider after a login with each', async () => {
    const demo = createDemoApp(demoConfig(sandbox));
    const agent = request.agent(demo.app);
    for (const name of PROVIDER_NAMES) {
      const started = await agent.get(`/auth/${name}`);
      const back = new URL(sandbox.providers[name].decide(started.headers.location as string));
      expect((await agent.get(back.pathname + back.search)).status).toBe(303);
    }
    const open = await Promise.all(PROVIDER_NAMES.map((name) => sandbox.providers[name].openConnections()));
    expect(open.some((count) => count > 0)).toBe(true);

    demo.close();
    for (const name of PROVIDER_NAMES) {
      expect(await settlesAtZero(() => sandbox.providers[name].openConnections())).toBe(0);
    }
  });
});
