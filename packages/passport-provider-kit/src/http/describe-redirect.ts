/**
 * The text a redirect response adds to its error (empty without a usable `Location`): where the provider points (origin and path
 * only: a query or credentials in `Location` may carry secrets) and which option to set if
 * the provider has moved. Redirects are never followed: a token or a client secret must not
 * follow a `Location` to a host the app did not name.
 *
 * @param location - the `Location` header, relative or absolute, if any.
 * @param requestURL - the URL that answered, to resolve a relative location.
 * @param option - the option that sets this endpoint's URL, when known.
 */
export function describeRedirect(
  location: string | string[] | undefined,
  requestURL: string | URL,
  option?: string,
): string {
  const value = Array.isArray(location) ? location[0] : location;
  if (typeof value !== 'string' || value === '' || !URL.canParse(value, String(requestURL))) return '';
  const target = new URL(value, requestURL);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return '';
  const set = option ? `set ${option} to it` : 'point this endpoint at it';
  return `: it points to ${target.origin}${target.pathname}; redirects are not followed, so if the provider has moved, ${set}`;
}
