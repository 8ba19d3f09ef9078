import type http from 'node:http';
import type { Dispatcher } from 'undici';
import { loadUndici } from './send-request';

/** The `https.Agent` options that say how to connect (trust, client certificate, address), kept from an `agent`. */
const CONNECT_OPTIONS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
  'ciphers',
  'minVersion',
  'maxVersion',
  'checkServerIdentity',
  'family',
  'lookup',
  'localAddress',
] as const;

/** The dispatcher a strategy sends through, and whether the strategy made it (and so closes it). */
export interface ChosenDispatcher {
  /** Undefined: the default (see `sendRequest`). A promise when made here (undici loads at the first request). */
  dispatcher?: Dispatcher | Promise<Dispatcher>;
  /** True when made here from an `agent`: `close()` closes it. */
  owned: boolean;
}

/**
 * The app's `dispatcher`; else, for an `agent` (the option of the kit before undici), an undici
 * pool that connects as that agent would (its CA, client certificate, address family); else
 * the default: undici's global dispatcher, or a pool of the kit's own (see `sendRequest`).
 */
export function chooseDispatcher(options: { dispatcher?: Dispatcher; agent?: http.Agent }): ChosenDispatcher {
  if (options.dispatcher) return { dispatcher: options.dispatcher, owned: false };
  if (!options.agent) return { owned: false };
  const agentOptions = (options.agent as http.Agent & { options?: Record<string, unknown> }).options ?? {};
  const connect: Record<string, unknown> = {};
  for (const name of CONNECT_OPTIONS) if (agentOptions[name] !== undefined) connect[name] = agentOptions[name];
  return { dispatcher: loadUndici().then(({ Agent }) => new Agent({ connect })), owned: true };
}
