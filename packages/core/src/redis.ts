import { createRequire } from "node:module";
import type { Redis, RedisOptions } from "ioredis";
import { StoreError } from "./errors.js";

const require = createRequire(import.meta.url);

/** ioredis is loaded only when a Redis store or limiter is configured, so plain clients never pay for it. */
export function loadIoredis(): typeof import("ioredis") {
  return require("ioredis") as typeof import("ioredis");
}

/** An ioredis client you own (never closed by us), or connection options for a client we create and close. */
export type RedisConnection = Redis | RedisOptions;

export function isRedisClient(value: RedisConnection): value is Redis {
  // Duck-typed: a client from another copy of ioredis fails instanceof.
  return typeof (value as Partial<Redis>).duplicate === "function";
}

/**
 * Defaults for clients we create: fail fast instead of queueing commands while Redis is away, so a call gets a clear
 * error in about a second rather than hanging. Reconnection goes on in the background until close().
 */
export function createRedisClient(options: RedisOptions): Redis {
  const { Redis } = loadIoredis();
  return new Redis({
    connectTimeout: 2000,
    commandTimeout: 5000,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    ...options,
  });
}

/** Where a client connects, for error messages: host:port or the socket path. */
export function describeRedis(client: Redis): string {
  const { host, port, path } = client.options;
  return path ? path : `${host ?? "localhost"}:${port ?? 6379}`;
}

/** Remembers the last connection error a client reported (and keeps ioredis from logging "Unhandled error event"). */
export function trackErrors(client: Redis): () => string | undefined {
  let last: string | undefined;
  client.on("error", (error: Error) => {
    const code = (error as { code?: unknown }).code;
    last = typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  });
  client.on("ready", () => {
    last = undefined;
  });
  return () => last;
}

/** The error a store throws when Redis fails: "cannot reach" while disconnected, else the command's own error. */
export function redisFailure(store: string, client: Redis, lastError: string | undefined, cause: unknown): StoreError {
  const detail = lastError ?? (cause instanceof Error ? cause.message : String(cause));
  return client.status === "ready"
    ? new StoreError(store, `redis at ${describeRedis(client)} failed: ${detail}`, { cause })
    : new StoreError(store, `cannot reach redis at ${describeRedis(client)} (${detail})`, { cause });
}

/** Resolves once `client` is connected; rejects with a StoreError after `timeoutMs`. */
export function waitForRedis(store: string, client: Redis, lastError: () => string | undefined, timeoutMs: number) {
  if (client.status === "ready") return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(redisFailure(store, client, lastError() ?? `not connected after ${timeoutMs} ms`, undefined));
    }, timeoutMs);
    client.once("ready", onReady);
    if (client.status === "wait") client.connect().catch(() => {});
  });
}
