import nock from 'nock';

/** Blocks real network access for a test file (only 127.0.0.1 for supertest) and checks mocks after each test. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
}
