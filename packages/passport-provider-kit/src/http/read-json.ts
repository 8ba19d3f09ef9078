import { parseBoundedJson } from '../json/parse-bounded-json';
import type { HttpResponse } from './send-request';

/** What a provider's response body turned out to be. */
export type BodyKind =
  | { kind: 'json'; value: unknown }
  | { kind: 'html' }
  | { kind: 'empty' }
  | { kind: 'invalid_json' }
  /** JSON beyond the bounds ({@link parseBoundedJson}); `problem` says how, e.g. `nested deeper than 64 levels`. */
  | { kind: 'out_of_bounds'; problem: string };

/**
 * Classifies a body without ever throwing: JSON (parsed, within the default depth and
 * width bounds), an HTML page (a framework's error page, a login wall, a proxy), empty, text
 * that is not JSON, or JSON beyond the bounds. The size is bounded before, by the client's
 * response cap.
 */
export function readJsonBody(response: Pick<HttpResponse, 'body' | 'headers'>): BodyKind {
  const text = response.body.trim();
  if (!text) return { kind: 'empty' };
  const contentType = String(response.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('html') || text.startsWith('<')) return { kind: 'html' };
  const parsed = parseBoundedJson(text, { maxBytes: Infinity });
  if (parsed.ok) return { kind: 'json', value: parsed.value };
  return parsed.refusal === 'invalid_json'
    ? { kind: 'invalid_json' }
    : { kind: 'out_of_bounds', problem: parsed.problem };
}

/** An HTTP date begins with the day's name in all three of its formats (RFC 9110 §5.6.7). */
const HTTP_DATE_START = /^[A-Za-z]{3,9},? /;

/** Seconds from a `retry-after` header (delta-seconds or HTTP date), if it parses. */
export function retryAfterSeconds(response: Pick<HttpResponse, 'headers'>): number | undefined {
  const header = response.headers['retry-after'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Date.parse alone would read `-5` or `1.5` as dates (years), i.e. "retry now".
  if (!HTTP_DATE_START.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
