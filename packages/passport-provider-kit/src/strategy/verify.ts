import type { Request } from 'express';
import type { TokenParams } from '../oauth/token-set';

/** What `verify` calls back with: an error, the user (or `false`), and optional info. */
export type VerifyCallback = (err?: unknown, user?: Express.User | false, info?: object) => void;

/** `verify(accessToken, refreshToken, profile, done)`. */
export type VerifyFunction<TProfile> = (
  accessToken: string,
  refreshToken: string | undefined,
  profile: TProfile,
  done: VerifyCallback,
) => void;

/** `verify(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type VerifyFunctionWithParams<TProfile> = (
  accessToken: string,
  refreshToken: string | undefined,
  params: TokenParams,
  profile: TProfile,
  done: VerifyCallback,
) => void;

/** `verify(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequest<TProfile> = (
  req: Request,
  accessToken: string,
  refreshToken: string | undefined,
  profile: TProfile,
  done: VerifyCallback,
) => void;

/** `verify(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequestAndParams<TProfile> = (
  req: Request,
  accessToken: string,
  refreshToken: string | undefined,
  params: TokenParams,
  profile: TProfile,
  done: VerifyCallback,
) => void;

/** Any of the four verify forms. */
export type AnyVerifyFunction<TProfile> =
  | VerifyFunction<TProfile>
  | VerifyFunctionWithParams<TProfile>
  | VerifyFunctionWithRequest<TProfile>
  | VerifyFunctionWithRequestAndParams<TProfile>;
