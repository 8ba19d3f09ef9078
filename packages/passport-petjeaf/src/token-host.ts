import type { ResolvedEndpoint } from 'passport-provider-kit';

/**
 * Refuses an endpoint that receives the access token (`bearers`) on another origin than the token endpoint,
 * unless the app named both URLs (a deliberate mix). `baseOption` is suggested in the message.
 * @throws TypeError naming both options, both origins, and what to set.
 */
export function assertTokenStaysOnIssuer(
  who: string,
  baseOption: string,
  token: ResolvedEndpoint,
  bearers: ReadonlyArray<ResolvedEndpoint | undefined>,
): void {
  const at = (e: ResolvedEndpoint) => `${e.option} ${e.explicit ? '' : '(default) '}is on ${new URL(e.url).origin}`;
  const stray = bearers.find(
    (e) => e && new URL(e.url).origin !== new URL(token.url).origin && !(token.explicit && e.explicit),
  );
  if (!stray) return;
  throw new TypeError(
    `${who}: ${at(token)} but ${at(stray)}, so the access token would go to another host. ` +
      `Set ${baseOption} to move every endpoint together, or name ${token.option} and ${stray.option} both if the mix is intended.`,
  );
}
