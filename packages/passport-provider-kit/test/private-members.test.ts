import { createHash } from 'node:crypto';
import { OAuth2 } from 'oauth';
import OAuth2Strategy from 'passport-oauth2';

/** Every private member of passport-oauth2 and node-oauth the kit uses (docs/architecture.md, "The boundary"). */
const PRIVATE_MEMBERS = {
  /** passport-oauth2's `OAuth2Strategy`: `_oauth2` set to the kit's adapter, `_stateStore` verified on `?error=`. */
  strategy: { _oauth2: 'field', _stateStore: 'field', _createOAuthError: 'method', _loadUserProfile: 'method' },
  /** node-oauth's `OAuth2`: `_request` overridden, the rest read by the adapter. */
  client: {
    _request: 'method',
    _getAccessTokenUrl: 'method',
    _customHeaders: 'field',
    _clientId: 'field',
    _clientSecret: 'field',
  },
} as const;

/**
 * Those members, checked against the installed versions. A method's source is pinned by hash: when an upgrade
 * changes one, re-read it, check that the kit's use still holds, and record the new hash here.
 */
const METHOD_SOURCE_HASHES: Record<string, string> = {
  // passport-oauth2 1.8.0
  _createOAuthError: 'e58a1900c9a33024',
  _loadUserProfile: '287c42ae45859fa5',
  // oauth (node-oauth) 0.10.2
  _request: '7cc328d96198b4cf',
  _getAccessTokenUrl: '76c22e7a2de56a13',
};

/** passport-oauth2's authenticate: the kit relies on it calling `_loadUserProfile` within the token callback. */
const AUTHENTICATE_HASH = 'b2088f84a2491a9a';

const hashOf = (fn: unknown) => createHash('sha256').update(String(fn)).digest('hex').slice(0, 16);

const strategy = new OAuth2Strategy(
  {
    authorizationURL: 'https://p.example/a',
    tokenURL: 'https://p.example/t',
    clientID: 'id',
    clientSecret: 's',
    state: true,
  },
  () => undefined,
) as unknown as Record<string, unknown>;
const client = new OAuth2('id', 's', '', 'https://p.example/a', 'https://p.example/t', {
  'X-A': '1',
}) as unknown as Record<string, unknown>;

describe.each([
  ['passport-oauth2 OAuth2Strategy', PRIVATE_MEMBERS.strategy, strategy],
  ['node-oauth OAuth2', PRIVATE_MEMBERS.client, client],
] as const)('private members of %s the kit uses are there, unchanged', (_name, members, instance) => {
  it.each(Object.entries(members))('%s is a %s', (member, kind) => {
    if (kind === 'method') {
      expect(typeof instance[member]).toBe('function');
      expect(hashOf(instance[member])).toBe(METHOD_SOURCE_HASHES[member]);
    } else {
      expect(instance[member]).toBeDefined();
    }
  });
});

describe('passport-oauth2 authenticate, whose flow the kit relies on, is unchanged', () => {
  it('has the source the kit was checked against', () => {
    expect(hashOf(OAuth2Strategy.prototype.authenticate)).toBe(AUTHENTICATE_HASH);
  });
});
