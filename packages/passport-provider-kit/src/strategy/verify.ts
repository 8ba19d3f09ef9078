import type { TokenParams } from '../oauth/token-set';
import type { StrategyRequest as Req } from './options';

/** What `verify` calls back with: an error, the user (or `false`), and optional info. */
export type VerifyCallback = (err?: unknown, user?: Express.User | false, info?: object) => void;
type Tokens = [accessToken: string, refreshToken: string | undefined];
type Tail<TProfile> = [profile: TProfile, done: VerifyCallback];

/** `verify(accessToken, refreshToken, profile, done)`. */
export type VerifyFunction<TProfile> = (...args: [...Tokens, ...Tail<TProfile>]) => void;
/** `verify(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type VerifyFunctionWithParams<TProfile> = (...args: [...Tokens, params: TokenParams, ...Tail<TProfile>]) => void;
/** `verify(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequest<TProfile> = (...args: [req: Req, ...Tokens, ...Tail<TProfile>]) => void;
/** `verify(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequestAndParams<TProfile> = (
  ...args: [req: Req, ...Tokens, params: TokenParams, ...Tail<TProfile>]
) => void;

/** Any of the four verify forms. */
export type AnyVerifyFunction<TProfile> =
  | VerifyFunction<TProfile>
  | VerifyFunctionWithParams<TProfile>
  | VerifyFunctionWithRequest<TProfile>
  | VerifyFunctionWithRequestAndParams<TProfile>;
