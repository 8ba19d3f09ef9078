import type { Strategy as PassportStrategy } from 'passport';
import type { JwtVerification } from 'passport-petjeaf';
import type {
  ProviderDefinition,
  ProviderProfile,
  ProviderStrategyOptions,
  TokenParams,
  TokenSet,
  VerifyCallback,
} from 'passport-provider-kit';

/** Options the reliability suite may give any strategy; each case passes on those its provider knows. */
export interface SuiteStrategyOptions extends ProviderStrategyOptions {
  /** Where the profile is read from (providers with a user endpoint). */
  userProfileURL?: string;
  /** Petje.af: check the access token's signature. */
  jwtVerification?: JwtVerification;
}

/** The five-argument verify the suite uses, so that it sees the token answer as well as the profile. */
export type SuiteVerify = (
  accessToken: string,
  refreshToken: string | undefined,
  params: TokenParams,
  profile: ProviderProfile,
  done: VerifyCallback,
) => void;

/** What the suite needs of a strategy besides being a Passport strategy. */
export interface CaseStrategy extends PassportStrategy {
  name: string;
  /** Trades a refresh token for a new access token (promise helper). */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Closes the strategy's keep-alive sockets. */
  close(): void;
}

/** A profile endpoint as the suite mocks it. */
export interface ProfileEndpoint {
  /** The profile URL the strategy calls by default (or the one the case configures). */
  url: string;
  /** A valid profile body for a user called `name`. */
  body(name: string): Record<string, unknown>;
  /** The profile `id` that {@link ProfileEndpoint.body} yields. */
  expectedId: string;
}

/**
 * One provider (or one configuration of it) as the shared reliability suite sees it: how to
 * build its strategy, where its endpoints are, and what valid answers look like.
 */
export interface ProviderCase {
  /** Title of the suite, e.g. `Gofundo` or `MijnKlantportaal with userProfileURL`. */
  title: string;
  /** The strategy name, e.g. `gofundo`. */
  name: string;
  /** The provider's human name, as error messages use it. */
  displayName: string;
  /** Builds the strategy; `options` always hold clientID, clientSecret, callbackURL and timeout. */
  create(options: SuiteStrategyOptions, verify: SuiteVerify): CaseStrategy;
  /** The token endpoint the strategy calls by default. */
  tokenURL: string;
  /** The provider's definition for these options (its strategy's static `describe`): how the token request is shaped. */
  describe(options: SuiteStrategyOptions): ProviderDefinition;
  /**
   * Option sets that change how the client authenticates at the token endpoint (AltDentifier's
   * `clientAuth`), each run by the suites that check credentials; default one set, `{}`.
   */
  clientAuthVariants?: ReadonlyArray<Record<string, unknown>>;
  /** The profile endpoint, or undefined when the profile is built without an HTTP call. */
  profile?: ProfileEndpoint;
  /**
   * A valid access token that carries `seed` (Petje.af: a JWT with an `id` claim). Distinct
   * seeds give distinct tokens, so a leak scan can find each.
   */
  accessToken(seed: string): string;
  /** The profile `id` a login with {@link ProviderCase.accessToken}`(seed)` yields, when it is fixed. */
  expectedIdFromToken?: (seed: string) => string;
  /** URL options of this provider besides `baseURL`, `authorizationURL`, `tokenURL` and `userProfileURL` (Petje.af: `revocationURL`, `apiBaseURL`). */
  urlOptions?: readonly string[];
  /** Petje.af: builds an access token JWT with these claims and header. */
  jwt?: (claims: unknown, header?: unknown) => string;
}

/** Options any case's `describe` accepts, for reading its definition. */
const DESCRIBE_OPTIONS: SuiteStrategyOptions = {
  clientID: 'suite-client',
  clientSecret: 'suite-secret',
  callbackURL: 'http://localhost/callback',
};

/** The case's definition for `options` (with a client's required options). */
export function definitionOf(pc: ProviderCase, options: Record<string, unknown> = {}): ProviderDefinition {
  return pc.describe({ ...DESCRIBE_OPTIONS, ...options });
}

/** How the case's token request is shaped for `options` (body encoding, client authentication), from its definition. */
export function tokenRequestShape(
  pc: ProviderCase,
  options: Record<string, unknown> = {},
): Pick<ProviderDefinition['token'], 'bodyEncoding' | 'clientAuth'> {
  const { bodyEncoding, clientAuth } = definitionOf(pc, options).token;
  return { bodyEncoding, clientAuth };
}
