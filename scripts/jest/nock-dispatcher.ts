/*
 * The kit sends through undici, which nock 14 does not intercept; this makes undici's global
 * dispatcher (the kit's default) one that sends provider hosts through Node's http.request,
 * where nock sees them, and 127.0.0.1 through a real undici pool. See NockDispatcher.
 */
import { setGlobalDispatcher } from 'undici';
import { NockDispatcher } from '../../packages/test-support/src/nock-dispatcher';

setGlobalDispatcher(new NockDispatcher());
