import { ScrmStoreError } from "@scrm-openapi/core";
import { Redis, type RedisOptions } from "ioredis";

/** An ioredis client you own (never closed by us), or connection options for a client we create and close. */
export type RedisConnection = Redis | RedisOptions;

function isRedisClient(value: RedisConnection): value is Redis {
  // Duck-typed: a client from another copy of ioredis fails instanceof.
  return typeof (value as Partial<Redis>).duplicate === "function";
}

/**
 * Defaults for clients we create: fail fast instead of queueing commands while Redis is away, so a call gets a clear
 * error at once rather than hanging, and reconnect in the background (at most 500 ms apart) until close(), so calls
 * work again within a second of Redis coming back.
 */
function createRedisClient(options: RedisOptions): Redis {
  return new Redis({
    connectTimeout: 2000,
    commandTimeout: 5000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 50, 500),
    ...options,
  });
}

/** Where a client connects, for error messages: host:port or the socket path. */
function describeRedis(client: Redis): string {
  const { host, port, path } = client.options;
  return path ? path : `${host ?? "localhost"}:${port ?? 6379}`;
}

/** Remembers the last connection error a client reported (and keeps ioredis from logging "Unhandled error event"). */
function trackErrors(client: Redis): () => string | undefined {
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
function redisFailure(store: string, client: Redis, lastError: string | undefined, cause: unknown): ScrmStoreError {
  const detail = lastError ?? (cause instanceof Error ? cause.message : String(cause));
  return client.status === "ready"
    ? new ScrmStoreError(store, `redis at ${describeRedis(client)} failed: ${detail}`, { cause })
    : new ScrmStoreError(store, `cannot reach redis at ${describeRedis(client)} (${detail})`, { cause });
}

/** A Redis client and how its commands fail: every command error becomes a ScrmStoreError naming the store. */
export class RedisLink {
  readonly client: Redis;
  readonly #owned: boolean;
  readonly #store: string;
  readonly #lastError: () => string | undefined;

  constructor(store: string, redis: RedisConnection) {
    this.#store = store;
    this.#owned = !isRedisClient(redis);
    this.client = isRedisClient(redis) ? redis : createRedisClient(redis);
    this.#lastError = trackErrors(this.client);
  }

  async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    try {
      // Commands fail at once while Redis is away (no offline queue); only the very first connection is waited for.
      if (!this.#connected) await this.#firstConnection();
      return await command(this.client);
    } catch (error) {
      throw redisFailure(this.#store, this.client, this.#lastError(), error);
    }
  }

  #connected = false;
  #connecting: Promise<void> | undefined;

  #firstConnection(): Promise<void> {
    if (this.client.status === "ready") {
      this.#connected = true;
      return Promise.resolve();
    }
    this.#connecting ??= new Promise<void>((resolve, reject) => {
      const timeoutMs = this.client.options.connectTimeout ?? 2000;
      const timer = setTimeout(() => {
        this.client.off("ready", onReady);
        this.#connecting = undefined;
        reject(new Error(`not connected after ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        this.#connected = true;
        resolve();
      };
      this.client.once("ready", onReady);
      if (this.client.status === "wait") this.client.connect().catch(() => {});
    });
    return this.#connecting;
  }

  /** Closes the connection when we created it; a client you passed in stays open. */
  close(): void {
    if (this.#owned) this.client.disconnect();
  }
}
