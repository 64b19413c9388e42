import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { sleep } from "./abort.js";
import { StoreError } from "./errors.js";
import { createRedisClient, isRedisClient, type RedisConnection, redisFailure, trackErrors } from "./redis.js";
import type { StoredToken, TokenStore } from "./token.js";

export interface RedisTokenStoreOptions {
  /** An ioredis client (left open by close()) or connection options for a client the store owns. */
  redis: RedisConnection;
  /** How long a refresh lock lives if its holder dies mid-refresh. Default 30 000 ms. */
  lockTtlMs?: number;
  /** How often a process waiting for another's refresh looks again. Default 50 ms. */
  lockPollMs?: number;
  /** Give up waiting for another process's refresh after this long. Default lockTtlMs + 5000 ms. */
  lockWaitMs?: number;
}

const STORE = "RedisTokenStore";

// Delete only while the key still holds this token (a JSON StoredToken), so N processes that saw the same token
// rejected cause one refresh.
const DELETE_IF_TOKEN = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Access tokens in Redis, shared by every process of a service. `withRefreshLock` is a Redis lock (SET NX PX with a
 * random owner, released only by its owner): one process fetches the token, the others wait for the lock and then
 * find the token it stored, so N processes cause one token request.
 */
export class RedisTokenStore implements TokenStore {
  readonly #redis: Redis;
  readonly #owned: boolean;
  readonly #lastError: () => string | undefined;
  readonly #lockTtlMs: number;
  readonly #lockPollMs: number;
  readonly #lockWaitMs: number;

  constructor(options: RedisTokenStoreOptions) {
    this.#owned = !isRedisClient(options.redis);
    this.#redis = isRedisClient(options.redis)
      ? options.redis
      : createRedisClient({ lazyConnect: true, ...options.redis });
    this.#lastError = trackErrors(this.#redis);
    this.#lockTtlMs = options.lockTtlMs ?? 30_000;
    this.#lockPollMs = options.lockPollMs ?? 50;
    this.#lockWaitMs = options.lockWaitMs ?? this.#lockTtlMs + 5000;
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const raw = await this.#run(() => this.#redis.get(key));
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredToken>;
    if (typeof parsed.value !== "string") return undefined;
    return typeof parsed.expiresAt === "number"
      ? { value: parsed.value, expiresAt: parsed.expiresAt }
      : { value: parsed.value };
  }

  async set(key: string, token: StoredToken): Promise<void> {
    const json = JSON.stringify(token);
    // Let Redis drop the key with the token; skipped when expiresAt is not ahead of the wall clock (an injected clock).
    const ttl = token.expiresAt === undefined ? 0 : Math.ceil(token.expiresAt - Date.now());
    await this.#run(() => (ttl > 0 ? this.#redis.set(key, json, "PX", ttl) : this.#redis.set(key, json)));
  }

  async delete(key: string, value?: string): Promise<void> {
    await this.#run(() =>
      value === undefined ? this.#redis.del(key) : this.#redis.eval(DELETE_IF_TOKEN, 1, key, value),
    );
  }

  async withRefreshLock(key: string, fetch: () => Promise<StoredToken>): Promise<StoredToken> {
    const lock = `${key}:refresh-lock`;
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.#lockWaitMs;
    while ((await this.#run(() => this.#redis.set(lock, owner, "PX", this.#lockTtlMs, "NX"))) !== "OK") {
      if (Date.now() >= giveUpAt) {
        throw new StoreError(
          STORE,
          `gave up after ${this.#lockWaitMs} ms waiting for another process to refresh ${key}`,
        );
      }
      await sleep(this.#lockPollMs);
    }
    try {
      // The caller's fetch looks at the store first, so a process that waited here finds the token just stored.
      return await fetch();
    } finally {
      await this.#run(() => this.#redis.eval(RELEASE_LOCK, 1, lock, owner)).catch(() => {
        // Unreleased, the lock still expires after lockTtlMs.
      });
    }
  }

  /** Closes the connection when the store created it; a client you passed in stays open. */
  async close(): Promise<void> {
    if (this.#owned) this.#redis.disconnect();
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw redisFailure(STORE, this.#redis, this.#lastError(), error);
    }
  }
}
