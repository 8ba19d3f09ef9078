import type { Express } from 'express';
import type { AuthorizeRules } from './authorize';
import type { GrantStore } from './grants';
import type { RateLimitSettings } from './rate-limit';
import type { ProviderName, ProviderSettings, SandboxClient, SandboxUser } from './types';

/** What a provider module gets to build its app. */
export interface ProviderContext {
  client: SandboxClient;
  /** Whether a `redirect_uri` is registered for the client: set when the client has an exact list; otherwise the localhost rule applies. */
  redirectAllowed?: (redirectURI: string) => boolean;
  users: readonly SandboxUser[];
  store: GrantStore;
  /** Delay before every token and profile answer, in ms. */
  delayMs: number;
  /** The sandbox clock, epoch ms. */
  now: () => number;
  /** HS256 secret for providers that sign their tokens (Petje.af). */
  jwtSecret: string;
  /** The API rate limit of providers that document one (MijnKlantportaal). */
  rateLimit: RateLimitSettings;
  /** Behaviour other than the documented default, for every provider (each reads its own). */
  settings: ProviderSettings;
}

/** One provider stand-in: its documented paths and how to build its app. */
export interface ProviderModule {
  name: ProviderName;
  paths: { authorize: string; token: string; profile?: string; revocation?: string; apiBase?: string };
  /** The provider signs JWTs with `ProviderContext.jwtSecret` (exposed as `SandboxProvider.jwtSecret`). */
  signsTokens?: boolean;
  createApp(context: ProviderContext): BuiltProvider;
}

/** A provider's app and the rules of its authorize page (for decisions taken without HTTP). */
export interface BuiltProvider {
  app: Express;
  authorize: AuthorizeRules;
}
