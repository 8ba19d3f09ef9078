/**
 * What went wrong with a request, independent of how a provider words it; each provider
 * turns one into its documented error body ({@link ErrorWriter}).
 */
export type ErrorKind =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'unsupported_media_type';

const STATUS: Record<ErrorKind, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_token: 401,
  unsupported_media_type: 415,
};

/** A refused request: its kind, HTTP status and a sentence for the error body. */
export class SandboxError extends Error {
  /** The HTTP status the provider answers with. */
  readonly status: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = 'SandboxError';
    this.status = status ?? STATUS[kind];
  }
}

/** Turns a refusal into a provider's status and JSON body. */
export type ErrorWriter = (error: SandboxError) => { status: number; body: Record<string, unknown> };

/** The message as a sentence: first letter capitalized. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
