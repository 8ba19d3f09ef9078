/** The first value of a query or body field when it is a non-empty string. */
export function field(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  let value = (source as Record<string, unknown>)[name];
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Like {@link field}, but keeps an empty string (Gofundo's `scope=""`). */
export function rawField(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  let value = (source as Record<string, unknown>)[name];
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' ? value : undefined;
}
