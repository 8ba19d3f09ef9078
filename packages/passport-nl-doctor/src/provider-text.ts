import type { HttpResponse } from './http';

/** Most characters of a provider's own words quoted in a detail. */
const MAX_QUOTE = 160;

/** The JSON body as an object, or undefined. */
export function jsonObject(res: HttpResponse): Record<string, unknown> | undefined {
  const { json } = res;
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : undefined;
}

/** A string field of the JSON body. */
export function jsonField(res: HttpResponse, name: string): string | undefined {
  const value = jsonObject(res)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What the provider said, in its own words, short: the first of the usual JSON error fields
 * (Laravel's `hint`, which says exactly what was wrong, before its generic description),
 * else the text of an HTML page (its title and text, tags stripped), else the plain body.
 */
export function providerWords(res: HttpResponse): string {
  for (const name of ['detail', 'hint', 'error_description', 'message', 'error', 'title']) {
    const value = jsonField(res, name);
    if (value) return quote(value);
  }
  if (res.json !== undefined) return quote(JSON.stringify(res.json));
  return quote(
    res.text
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Whether the response is an HTML page. */
export function isHtml(res: HttpResponse): boolean {
  return res.contentType === 'text/html' || /^\s*<(!doctype|html)/i.test(res.text);
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat;
}
