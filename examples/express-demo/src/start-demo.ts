import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PROVIDER_NAMES,
  sandboxEndpoints,
  startSandbox,
  type ProviderName,
  type Sandbox,
  type SandboxEndpoints,
} from 'passport-nl-sandbox';
import { createDemoApp, type DemoApp } from './app';
import type { DemoConfig } from './config';
import { sandboxSettings, type ProviderSettings } from './providers';
import { connectRedisSessions, type RedisSessions } from './redis-store';

/** A running demo. */
export interface RunningDemo {
  /** The URL to open (`BASE_URL`, or `http://localhost:<port>`). */
  url: string;
  /** The port it listens on. */
  port: number;
  demo: DemoApp;
  /** The providers served by the sandbox (and whether this process started it). */
  sandbox?: { endpoints: Partial<Record<ProviderName, SandboxEndpoints>>; startedHere: boolean };
  /** Stops the server, the strategies' connections, Redis and the sandbox it started. */
  close(): Promise<void>;
}

/** Options of {@link startDemo}. */
export interface StartDemoOptions {
  /** Use this running sandbox instead of starting one. */
  sandbox?: Sandbox;
  /** Where to write one line per login event (`npm start`: the console). Default: no log. */
  logLine?: (line: string) => void;
}

/** The demo's port is taken: the message names it and what to do. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} on ${host} is already in use (another demo or app running?). ` +
        `Stop it, or start the demo on another port: PORT=${port + 1} npm start`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Starts the demo as `npm start` does: listens on `config.port`, starts the sandbox for the
 * providers without credentials (on `SANDBOX_PORT`.. when set, reusing a sandbox already
 * serving there), and keeps sessions in Redis when `REDIS_URL` is set.
 */
export async function startDemo(config: DemoConfig, options: StartDemoOptions = {}): Promise<RunningDemo> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(config.host, config.port) : error),
      );
      server.listen(config.port, config.host, () => resolve());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const url = config.baseURL ?? `http://localhost:${port}`;

    const providers: Partial<Record<ProviderName, ProviderSettings>> = {};
    const needSandbox = PROVIDER_NAMES.filter((name) => !config.credentials[name]);
    let sandbox: RunningDemo['sandbox'];
    if (needSandbox.length) {
      const found = await sandboxFor(config, options.sandbox);
      if (found.close) cleanups.push(found.close);
      sandbox = { endpoints: {}, startedHere: Boolean(found.close) };
      for (const name of needSandbox) {
        providers[name] = sandboxSettings(found.endpoints[name], found.ca);
        sandbox.endpoints[name] = found.endpoints[name];
      }
    }
    for (const name of PROVIDER_NAMES) {
      const credentials = config.credentials[name];
      if (credentials) providers[name] = { ...credentials, sandbox: false };
    }
    for (const name of config.skipUserProfile) {
      const settings = providers[name];
      if (settings) settings.skipUserProfile = true;
    }

    let sessionStore: RedisSessions['store'] | undefined;
    if (config.redisURL) {
      const redis = await connectRedisSessions(config.redisURL);
      cleanups.push(redis.close);
      sessionStore = redis.store;
    }

    const demo = createDemoApp({
      baseURL: url,
      sessionSecret: config.sessionSecret,
      providers,
      sessionStore,
      trustProxy: config.trustProxy,
      petjeafPage: config.petjeafPage,
      logLine: options.logLine,
    });
    cleanups.push(() => demo.close());
    server.on('request', demo.app);
    return { url, port, demo, sandbox, close };
  } catch (error) {
    await close();
    throw error;
  }
}

interface FoundSandbox {
  endpoints: Record<ProviderName, SandboxEndpoints>;
  ca?: string;
  /** Set when this process started it. */
  close?: () => Promise<void>;
}

async function sandboxFor(config: DemoConfig, given?: Sandbox): Promise<FoundSandbox> {
  if (given) return { endpoints: given.providers, ca: given.ca };
  const base = config.sandboxPort;
  const ports = base ? Object.fromEntries(PROVIDER_NAMES.map((name, index) => [name, base + index])) : undefined;
  try {
    const sandbox = await startSandbox({ ports });
    return { endpoints: sandbox.providers, ca: sandbox.ca, close: () => sandbox.close() };
  } catch (error) {
    if (!ports || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // Another instance (or `npm run sandbox`) already serves the sandbox there: share it.
    const endpoints = Object.fromEntries(
      PROVIDER_NAMES.map((name) => [name, sandboxEndpoints(name, `http://127.0.0.1:${ports[name]}`)]),
    ) as Record<ProviderName, SandboxEndpoints>;
    return { endpoints };
  }
}
