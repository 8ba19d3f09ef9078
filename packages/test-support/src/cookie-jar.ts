/** One cookie as a browser keeps it. */
interface JarCookie {
  value: string;
  path: string;
  attributes: string[];
}

/**
 * A browser's cookie jar for one host, as far as the state store needs: applies `Set-Cookie`
 * (Max-Age=0 removes; Path scopes) and builds the `Cookie` header for a path.
 */
export class CookieJar {
  readonly cookies = new Map<string, JarCookie>();

  /** Applies the `Set-Cookie` headers of a response. */
  apply(setCookie: readonly string[] | string | undefined): void {
    if (setCookie === undefined) return;
    if (typeof setCookie === 'string') setCookie = [setCookie];
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
      const key = `${name}\n${path}`;
      if (attributes.includes('Max-Age=0')) this.cookies.delete(key);
      else this.cookies.set(key, { value: pair.slice(equals + 1), path, attributes });
    }
  }

  /** The `Cookie` header a browser sends to `path`. */
  header(path: string): string {
    const sent: string[] = [];
    for (const [key, cookie] of this.cookies) {
      const inPath =
        path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`);
      if (inPath) sent.push(`${key.split('\n')[0]}=${cookie.value}`);
    }
    return sent.join('; ');
  }
}
