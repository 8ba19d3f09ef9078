import type { HttpFailure, HttpResponse } from '../http';
import { isHtml, providerWords } from '../provider-text';
import type { CheckResult } from '../types';

/** A request failure as a ✗: a timeout or the network. */
export function failedRequest(name: string, label: string, failure: HttpFailure, setting: string): CheckResult {
  if (failure.kind === 'timeout') {
    return {
      name,
      ok: false,
      detail: `${label}: ${failure.message}`,
      fix: `Check that ${setting} is the provider's endpoint; if it is, the provider is slow or down: try again, or raise --timeout.`,
    };
  }
  return {
    name,
    ok: false,
    detail: `${label}: ${failure.code ?? failure.message}`,
    fix: `Check ${setting} and this machine's connection to it.`,
  };
}

/**
 * The problems a JSON endpoint's answer can have whatever its status: a redirect (to another
 * host or not), or an HTML page; undefined when it is none of them.
 */
export function jsonAnswerProblem(
  name: string,
  label: string,
  res: HttpResponse,
  requestURL: string,
  setting: string,
): CheckResult | undefined {
  if (res.status >= 300 && res.status < 400) {
    const target =
      res.location && URL.canParse(res.location, requestURL) ? new URL(res.location, requestURL) : undefined;
    const from = new URL(requestURL);
    if (target && target.host !== from.host) {
      return {
        name,
        ok: false,
        detail: `${label}: ${res.status} redirect to another host, ${target.origin}${target.pathname}`,
        fix: `Set ${setting} to the URL it redirects to, if that is the provider's (${target.origin}${target.pathname}); a strategy never follows it.`,
      };
    }
    return {
      name,
      ok: false,
      detail: `${label}: ${res.status} redirect to ${target ? target.pathname : 'nowhere'} (an HTML login page, a moved path?)`,
      fix: `Set ${setting} to the endpoint itself; a strategy never follows a redirect.`,
    };
  }
  if (isHtml(res)) {
    return {
      name,
      ok: false,
      detail: `${label}: ${res.status} with an HTML page where JSON is expected ("${providerWords(res)}")`,
      fix: `Check ${setting}: it points at a web page, not the provider's API endpoint.`,
    };
  }
  return undefined;
}
