import fc from 'fast-check';
import { longestSteadyBlockMs } from '@internal/test-support';
import { parseBoundedJson } from 'passport-provider-kit';

/** JSON from a provider is bounded in depth and size before it is used (issue 23, item 1). */

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('parseBoundedJson: JSON within the bounds is parsed as JSON.parse parses it', () => {
  it('returns the value of any JSON text (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseBoundedJson(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
      { numRuns: 200, seed: 23 },
    );
  });

  it('accepts exactly maxDepth levels', () => {
    expect(parseBoundedJson(nested(64))).toMatchObject({ ok: true });
    expect(parseBoundedJson(nested(3), { maxDepth: 3 })).toMatchObject({ ok: true });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '[[[[{{{{\\"[[[[', b: ['"]]]]'] });
    expect(parseBoundedJson(text, { maxDepth: 2 })).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });
});

describe('parseBoundedJson: JSON nested deeper than maxDepth is refused as too_deep, without parsing', () => {
  it.each([
    ['arrays', nested(65)],
    ['objects', '{"a":'.repeat(65) + '1' + '}'.repeat(65)],
    ['a deep field in a valid token response (issue 23 item 1)', `{"access_token":"t","x":${nested(5000)}}`],
    ['200,000 levels (the reported profile)', `{"id":1,"name":"deep","x":${nested(200_000)}}`],
    ['unbalanced: only opening brackets', '['.repeat(100)],
  ])('%s', (_name, text) => {
    expect(parseBoundedJson(text)).toEqual({
      ok: false,
      refusal: 'too_deep',
      problem: 'nested deeper than 64 levels',
    });
  });

  it('honours a smaller maxDepth', () => {
    expect(parseBoundedJson('[[[1]]]', { maxDepth: 2 })).toMatchObject({ ok: false, refusal: 'too_deep' });
  });
});

describe('parseBoundedJson: JSON with more than maxMembers object members is refused as too_wide', () => {
  const wide = (count: number) => `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;

  it('counts the members of all objects together, not the colons inside strings', () => {
    expect(parseBoundedJson(wide(10_000))).toMatchObject({ ok: true });
    expect(parseBoundedJson(wide(10_001))).toEqual({
      ok: false,
      refusal: 'too_wide',
      problem: 'with more than 10000 object members',
    });
    expect(parseBoundedJson(`[${'{"a":1},'.repeat(5)}{"b":"::::"}]`, { maxMembers: 6 })).toMatchObject({ ok: true });
    expect(parseBoundedJson(`[${'{"a":1},'.repeat(6)}{"b":2}]`, { maxMembers: 6 })).toMatchObject({
      refusal: 'too_wide',
    });
  });

  it('leaves arrays alone: 100,000 numbers parse', () => {
    expect(parseBoundedJson(`[${'1,'.repeat(100_000)}1]`)).toMatchObject({ ok: true });
  });
});

describe('parseBoundedJson: a text over maxBytes (UTF-8) is refused as too_large', () => {
  it('counts bytes, not characters', () => {
    const euros = JSON.stringify('€'.repeat(400)); // 402 characters, 1202 bytes
    expect(parseBoundedJson(euros, { maxBytes: 1202 })).toMatchObject({ ok: true });
    expect(parseBoundedJson(euros, { maxBytes: 1201 })).toEqual({
      ok: false,
      refusal: 'too_large',
      problem: 'over 1201 bytes',
    });
  });

  it('defaults to 1 MiB', () => {
    expect(parseBoundedJson(`"${'a'.repeat(1024 * 1024 - 2)}"`)).toMatchObject({ ok: true });
    expect(parseBoundedJson(`"${'a'.repeat(1024 * 1024)}"`)).toMatchObject({ ok: false, refusal: 'too_large' });
  });
});

describe('parseBoundedJson: text that is not JSON is refused as invalid_json, never thrown', () => {
  it.each(['', '{"a":', 'NaN', "{'a':1}", '<html>', ']]]]', '"\\'])('%j', (text) => {
    expect(parseBoundedJson(text)).toEqual({ ok: false, refusal: 'invalid_json', problem: 'that is not valid JSON' });
  });

  it('never throws for any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(() => parseBoundedJson(text, { maxDepth: 3 })).not.toThrow();
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});

describe('parseBoundedJson: one linear pass', () => {
  it('scans 1 MiB of brackets, quotes and backslashes without blocking the event loop for 50 ms', async () => {
    const mib = 1024 * 1024;
    const texts = ['['.repeat(mib), '"'.repeat(mib), '\\'.repeat(mib), `[${'"\\\\",'.repeat(mib / 4)}1]`];
    const blocked = await longestSteadyBlockMs(
      texts,
      (text) => {
        // A last `:` over `maxMembers: 0` makes the scan read the whole text and refuse it at its end, before JSON.parse.
        const scanned = parseBoundedJson(`${text}:`, { maxBytes: Infinity, maxDepth: Infinity, maxMembers: 0 });
        expect(scanned).toMatchObject({ ok: false, refusal: 'too_wide' });
        parseBoundedJson(text);
      },
      50,
    );
    expect(blocked).toBeLessThan(50);
  });
});
