import {
  cookiesToClear,
  instanceTag,
  MAX_CLEARS_PER_RESPONSE,
  readStateCookieName,
  STATE_COOKIES_BUDGET,
  stateCookieName,
  stateCookiesIn,
} from '../src/state/state-cookies';

const NOW = Date.UTC(2026, 11, 7, 12);
const OWNER = `petjeaf.${instanceTag('petjeaf', 'client', 'http://app.test/auth/petjeaf/callback')}.`;
const OTHER = `gofundo.${instanceTag('gofundo', 'client', 'http://app.test/auth/gofundo/callback')}.`;
const value = (bytes: number) => 'v'.repeat(bytes);

/** The names `cookiesToClear` clears, for cookies given as [name, value] pairs. */
function cleared(pairs: [string, string][], options: { incoming?: number; maxPending?: number } = {}): string[] {
  return cookiesToClear({
    cookies: new Map(pairs),
    owner: OWNER,
    isLive: (_name, sealed) => sealed !== 'dead',
    incoming: options.incoming ?? 200,
    maxPending: options.maxPending ?? 10,
    now: NOW,
  }).map((line) => line.split('=')[0]);
}

describe('state cookie names: the strategy instance and the start time, readable by any strategy', () => {
  it('reads back what it writes; anything else is not a state cookie name', () => {
    const name = stateCookieName(OWNER, NOW, 'abc_-1', true);
    expect(readStateCookieName(name)).toEqual({ owner: OWNER, startedAt: NOW, state: 'abc_-1', host: true });
    for (const junk of ['oauth2-state.petjeaf.abc', '__Secure-oauth2-state.petjeaf.x', 'oauth2-state.a.b.c.d'])
      expect(readStateCookieName(junk)).toBeUndefined();
  });

  it('gives each strategy instance its own tag, the same in every process (name, client id, callback URL)', () => {
    const tag = instanceTag('petjeaf', 'client', 'http://app.test/auth/petjeaf/callback');
    expect(tag).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(instanceTag('petjeaf', 'client', 'http://app.test/auth/petjeaf/callback')).toBe(tag);
    expect(instanceTag('petjeaf', 'client', 'http://app.test/auth/petjeaf-members/callback')).not.toBe(tag);
    expect(instanceTag('petjeaf', 'client-2', 'http://app.test/auth/petjeaf/callback')).not.toBe(tag);
  });
});

describe('one byte budget for the state cookies of all strategies', () => {
  it('drops the oldest, of any strategy, while all of them and the new one exceed the budget', () => {
    const big = value(1000);
    const pairs: [string, string][] = [
      [stateCookieName(OTHER, NOW - 5000, 'a', false), big],
      [stateCookieName(OWNER, NOW - 4000, 'b', false), big],
      [stateCookieName(OTHER, NOW - 3000, 'c', false), big],
    ];
    // 3 × ~1040 + 1500 incoming: the two oldest go, whoever owns them; + 500: one; + 100: none.
    expect(cleared(pairs, { incoming: 1500 })).toEqual([pairs[0][0], pairs[1][0]]);
    expect(cleared(pairs, { incoming: 500 })).toEqual([pairs[0][0]]);
    expect(cleared(pairs, { incoming: 100 })).toEqual([]);
    expect(STATE_COOKIES_BUDGET).toBe(3500);
  });

  it("counts maxPending among this strategy's cookies only", () => {
    const own = [1, 2, 3].map((i): [string, string] => [stateCookieName(OWNER, NOW - 10_000 + i, `o${i}`, false), 'x']);
    const other = [1, 2, 3].map((i): [string, string] => [
      stateCookieName(OTHER, NOW - 20_000 + i, `t${i}`, false),
      'x',
    ]);
    expect(cleared([...other, ...own], { maxPending: 2 })).toEqual([own[0][0], own[1][0]]);
  });

  it("clears this strategy's dead cookies, unknown names and impossible start times as junk", () => {
    const pairs: [string, string][] = [
      [stateCookieName(OWNER, NOW - 1000, 'dead1', false), 'dead'],
      ['oauth2-state.petjeaf.older-format', 'x'],
      [stateCookieName(OTHER, NOW + 3600_000, 'future', false), 'x'],
      [stateCookieName(OTHER, NOW - 2 * 86_400_000, 'ancient', false), 'x'],
      [stateCookieName(OTHER, NOW - 1000, 'fine', false), 'x'],
    ];
    expect(cleared(pairs)).toEqual(pairs.slice(0, 4).map(([name]) => name));
  });

  it(`answers 200 junk cookies with at most ${MAX_CLEARS_PER_RESPONSE} clearing Set-Cookies, well under 2 KB`, () => {
    const header = Array.from({ length: 200 }, (_, i) => `oauth2-state.gofundo.junk${i}=x`).join('; ');
    const lines = cookiesToClear({
      cookies: stateCookiesIn(header),
      owner: OWNER,
      isLive: () => true,
      incoming: 200,
      maxPending: 10,
      now: NOW,
    });
    expect(lines).toHaveLength(MAX_CLEARS_PER_RESPONSE);
    expect(Buffer.byteLength(lines.join('\r\nSet-Cookie: '))).toBeLessThan(2048);
  });

  it('clears __Host- and __Secure- names with Secure (or the browser ignores the clearing), all at Path=/', () => {
    const lines = cookiesToClear({
      cookies: new Map([
        [stateCookieName(OWNER, NOW, 'x', true), 'dead'],
        ['__Secure-oauth2-state.petjeaf.old', 'x'],
      ]),
      owner: OWNER,
      isLive: () => false,
      incoming: 10,
      maxPending: 10,
      now: NOW,
    });
    for (const line of lines) expect(line).toMatch(/; Path=\/; Max-Age=0; .*; Secure$/);
  });
});

describe('reading the Cookie header: malformed or huge, bounded work, never a throw', () => {
  it('skips pairs without =, non-string parts, and reads at most 400 pairs', () => {
    expect([...stateCookiesIn(['a', 7, 'oauth2-state.x=1; junk; oauth2-state.y=2'])]).toEqual([
      ['oauth2-state.x', '1'],
      ['oauth2-state.y', '2'],
    ]);
    const many = Array.from({ length: 1000 }, (_, i) => `oauth2-state.n${i}=v`).join(';');
    expect(stateCookiesIn(many).size).toBe(400);
    expect(stateCookiesIn(undefined).size).toBe(0);
  });
});
