/*
 * Jest shares Node's core modules between the test files one worker runs, while each file
 * gets its own copy of nock. Every copy wraps `http.ClientRequest` when it is loaded and keeps
 * the file's whole module registry alive through that wrapper, so without this, later files
 * (a socket count against the sandbox, say) run through the interceptors earlier files left
 * behind, and a worker's heap grows file after file.
 *
 * nock is required here only at the end, so that a file that never loaded it is not
 * intercepted while it runs (loading nock installs its interceptor).
 */
afterAll(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nock = require('nock') as typeof import('nock');
  nock.cleanAll();
  nock.restore();
});
