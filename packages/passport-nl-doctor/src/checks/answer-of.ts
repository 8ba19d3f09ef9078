import type { CheckResult } from '../types';
import type { TokenVerdict } from '../verdicts';
import { failedRequest, jsonAnswerProblem } from './answer-problems';
import type { TokenOutcome } from './token-check';

/**
 * A token outcome as either a finished check (a failure, a redirect, an HTML page) or a
 * verdict to read further.
 */
export function answerOf(
  outcome: TokenOutcome,
  name: string,
  label: string,
  url: string,
  setting: string,
):
  | { result: CheckResult; read?: undefined }
  | { result?: undefined; read: { verdict: TokenVerdict; clientAuth: 'body' | 'basic' } } {
  if ('failure' in outcome) return { result: failedRequest(name, label, outcome.failure, setting) };
  const problem = jsonAnswerProblem(name, label, outcome.response, url, setting);
  if (problem) return { result: problem };
  return { read: { verdict: outcome.verdict, clientAuth: outcome.clientAuth } };
}
