/** The four providers the sandbox stands in for. */
export type ProviderName = 'petjeaf' | 'gofundo' | 'mijnklantportaal' | 'altdentifier';

/** Every provider name, in the order of the CLI's ports (base, base+1, ...). */
export const PROVIDER_NAMES: readonly ProviderName[] = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];

/** How {@link startSandbox} serves the providers. */
export interface SandboxOptions {
  /** Serve HTTPS with a self-signed certificate generated at start (see {@link Sandbox.ca}). Default false. */
  https?: boolean;
  /**
   * Serve HTTPS with this key and certificate (PEM) instead of generating one, e.g. so that a
   * process started with `NODE_EXTRA_CA_CERTS` pointing at `cert` trusts it. Implies `https`.
   */
  certificate?: { key: string; cert: string };
  /** Every token and profile answer leaves this many ms after its request arrived, the sandbox's own work included (benchmarks). Default 0. */
  delayMs?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port per provider. Default 0 (an ephemeral port each). */
  ports?: Partial<Record<ProviderName, number>>;
  /**
   * The sandbox's clock in milliseconds since the epoch, for tests of expired codes and
   * tokens. Default `Date.now`.
   */
  clock?: () => number;
  /**
   * MijnKlantportaal's API rate limit: `limit` requests per `windowMs` per token. Default the
   * documented 60 per minute; tests lower it to reach the 429 quickly.
   */
  rateLimit?: { limit?: number; windowMs?: number };
  /**
   * Per-provider behaviour where the docs leave room for a reading other than the default.
   * By default each provider behaves as its documentation says (see {@link ProviderSettings}).
   */
  providerSettings?: ProviderSettings;
  /**
   * The registered client of a provider, instead of the default `sandbox-<provider>-client` /
   * `sandbox-<provider>-secret` accepting any localhost redirect URI: its own id and secret
   * (e.g. a secret of random characters, so a test can look for any part of it in an output),
   * and `redirectURIs`, the exact list of registered redirect URIs, as a real provider has it.
   */
  clients?: Partial<Record<ProviderName, SandboxClientRegistration>>;
}

/** A provider's registered client in {@link SandboxOptions.clients}; what is left out keeps its default. */
export interface SandboxClientRegistration {
  /** Default `sandbox-<provider>-client`. */
  clientID?: string;
  /** Default `sandbox-<provider>-secret`. */
  clientSecret?: string;
  /**
   * The registered redirect URIs: an authorize request's `redirect_uri` must be one of them,
   * character for character (scheme, host, port and path). Default: any `http(s)` URL on
   * `localhost` or `127.0.0.1` (see `isAllowedRedirectURI`).
   */
  redirectURIs?: readonly string[];
}

/**
 * Behaviour the sandbox can be switched to, per provider. Every default is the documented
 * behaviour; each option is a reading the docs leave open, or a provider's own client's habit.
 */
export interface ProviderSettings {
  petjeaf?: {
    /**
     * Also accept the client credentials as HTTP Basic, as Petje.af's official PHP client sends
     * them besides the body. Default false: the tokens page documents the body only.
     */
    acceptBasicAuth?: boolean;
  };
  gofundo?: {
    /**
     * `documented` (default): access tokens 2 weeks, refresh tokens 1 hour, as the docs say;
     * `swapped`: access tokens 1 hour, refresh tokens 2 weeks (the docs "look swapped").
     */
    lifetimes?: 'documented' | 'swapped';
    /** Access token lifetime in seconds; overrides `lifetimes`. */
    accessTokenLifetime?: number;
    /** Refresh token lifetime in seconds; overrides `lifetimes`. */
    refreshTokenLifetime?: number;
  };
  altdentifier?: {
    /**
     * Where the token endpoint reads the client credentials. Default `either`: the body or HTTP
     * Basic, both documented ("You can also use the HTTP Auth username/password field"). `basic`
     * or `body`: only there, as an application whose provider side expects one way would; the
     * other way is answered `401 {"error": "Provided client credentials are incorrect"}`.
     */
    clientAuth?: 'either' | 'body' | 'basic';
  };
  mijnklantportaal?: {
    /**
     * Header that must carry the bearer token on API calls. Default `Authorization` (every
     * API reference page); `Authentication` (the authentication page's wording); `either`.
     */
    bearerHeader?: 'Authorization' | 'Authentication' | 'either';
  };
}

/** Connection counts of one provider's server since start or the last `resetStats()`. */
export interface SandboxStats {
  /** New TCP connections accepted. */
  connections: number;
  /** Completed TLS handshakes (0 over plain HTTP). */
  tlsHandshakes: number;
  /** HTTP requests received, of any kind. */
  requests: number;
}

/**
 * A seeded user of one provider, shown on its authorize page. `id` is always a string here;
 * the provider's answers use its own type (Gofundo answers an integer).
 */
export interface SandboxUser {
  /** The id in the provider's own style (Firebase-like, integer, `usr_`, snowflake). */
  id: string;
  /** Full name as the provider shows it (AltDentifier: the username). */
  name: string;
  email: string;
  /** AltDentifier only: the Discord username. */
  username?: string;
  /** AltDentifier only: the Discord discriminator (`0001`). */
  discriminator?: string;
  /** MijnKlantportaal only: the portal's company name. */
  companyName?: string;
  /** Gofundo only: the password for the `password` grant (the username is the email). */
  password?: string;
}

/** The sandbox's registered client of one provider. */
export interface SandboxClient {
  clientID: string;
  clientSecret: string;
}

/** Where one provider stand-in is served and which client and users it has. */
export interface SandboxEndpoints {
  name: ProviderName;
  /** `http(s)://host:port` of this provider's server. */
  origin: string;
  authorizationURL: string;
  tokenURL: string;
  /** Where the profile is read (Petje.af: `/v1/users/me`, its profile normally comes from the JWT). */
  userProfileURL?: string;
  /** The provider's API base (Petje.af `/v1`, where its memberships are read), for a strategy's `apiBaseURL`. */
  apiBaseURL?: string;
  /** Petje.af only: `DELETE` here with the bearer token revokes it. */
  revocationURL?: string;
  /** The client registered with this provider; it accepts any localhost / 127.0.0.1 redirect URI. */
  client: SandboxClient;
  /** The seeded users, first one pre-selected on the authorize page. */
  users: SandboxUser[];
}

/** One running provider stand-in. */
export interface SandboxProvider extends SandboxEndpoints {
  /** Petje.af only: the HS256 secret its access tokens are signed with. */
  jwtSecret?: string;
  /** Connection counts since start or the last reset. */
  stats(): SandboxStats;
  /** Sets the counts back to zero. */
  resetStats(): void;
  /** The client connections open on this provider's server right now. */
  openConnections(): Promise<number>;
  /**
   * Takes the authorize page's decision in-process (no HTTP, so no connection counted):
   * validates `authorizeURL`'s parameters as the page does and returns the URL the browser
   * would be redirected to. Default: approve as the first user. Throws when the page would refuse.
   */
  decide(authorizeURL: string | URL, input?: { decision?: 'approve' | 'deny'; userId?: string }): string;
}

/** The running sandbox: one server per provider. */
export interface Sandbox {
  providers: Record<ProviderName, SandboxProvider>;
  /** PEM of the self-signed certificate, when serving HTTPS: trust it as a CA. */
  ca?: string;
  /** Stops every server and closes their connections. */
  close(): Promise<void>;
}
