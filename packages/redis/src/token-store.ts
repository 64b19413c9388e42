import { randomUUID } from "node:crypto";
import { ScrmStoreError } from "@scrm-openapi/core";
import { refreshLockKey, type StoredToken, type TokenStore } from "@scrm-openapi/core/stores";
import { type RedisConnection, RedisLink } from "./connection.js";

export interface RedisTokenStoreOptions {
  /** An ioredis client (left open by close()) or connection options for a client the store owns. */
  redis: RedisConnection;
  /** How long a refresh lock lives if its holder dies mid-refresh. Default 30 000 ms. */
  lockTtlMs?: number;
  /** How often a process waiting for another's refresh looks again. Default 50 ms. */
  lockPollMs?: number;
  /** Give up waiting for another process's refresh after this long. Default lockTtlMs + 5000 ms. */
  lockWaitMs?: number;
  /** Told when a stored value was unreadable and has been dropped (it is then refreshed like a missing one). */
  onCorrupt?: (key: string) => void;
}

const STORE = "RedisTokenStore";

// Delete only while the key still holds this token, so N processes that saw the same token rejected cause one
// refresh. A value that is not our JSON is deleted too: it can only be replaced.
const DELETE_IF_TOKEN = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, parsed = pcall(cjson.decode, raw)
if not ok or type(parsed) ~= 'table' or parsed.value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Access tokens in Redis, shared by every process of a service. `withRefreshLock` is a Redis lock (SET NX PX with a
 * random owner, released only by its owner): one process fetches the token, the others wait for the lock and then
 * find the token it stored, so N processes cause one token request. A corrupt value is dropped and refreshed.
 */
export class RedisTokenStore implements TokenStore {
  readonly #link: RedisLink;
  readonly #lockTtlMs: number;
  readonly #lockPollMs: number;
  readonly #lockWaitMs: number;
  readonly #onCorrupt: ((key: string) => void) | undefined;

  constructor(options: RedisTokenStoreOptions) {
    this.#link = new RedisLink(STORE, options.redis);
    this.#lockTtlMs = options.lockTtlMs ?? 30_000;
    this.#lockPollMs = options.lockPollMs ?? 50;
    this.#lockWaitMs = options.lockWaitMs ?? this.#lockTtlMs + 5000;
    this.#onCorrupt = options.onCorrupt;
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const raw = await this.#link.run((r) => r.get(key));
    if (raw === null) return undefined;
    const token = parseToken(raw);
    if (token) return token;
    // Not ours (a hand edit, another program, a truncated write): drop it so the next refresh replaces it.
    await this.#link.run((r) => r.eval(DELETE_IF_TOKEN, 1, key, ""));
    this.#onCorrupt?.(key);
    return undefined;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    const json = JSON.stringify(token);
    // Let Redis drop the key with the token; skipped when expiresAt is not ahead of the wall clock (an injected clock).
    const ttl = token.expiresAt === undefined ? 0 : Math.ceil(token.expiresAt - Date.now());
    await this.#link.run((r) => (ttl > 0 ? r.set(key, json, "PX", ttl) : r.set(key, json)));
  }

  async delete(key: string, value?: string): Promise<void> {
    await this.#link.run((r) => (value === undefined ? r.del(key) : r.eval(DELETE_IF_TOKEN, 1, key, value)));
  }

  async withRefreshLock(key: string, fetch: () => Promise<StoredToken>): Promise<StoredToken> {
    const lock = refreshLockKey(key);
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.#lockWaitMs;
    while ((await this.#link.run((r) => r.set(lock, owner, "PX", this.#lockTtlMs, "NX"))) !== "OK") {
      if (Date.now() >= giveUpAt) {
        throw new ScrmStoreError(
          STORE,
          `gave up after ${this.#lockWaitMs} ms waiting for another process to refresh ${key}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.#lockPollMs));
    }
    try {
      // The caller's fetch looks at the store first, so a process that waited here finds the token just stored.
      return await fetch();
    } finally {
      await this.#link
        .run((r) => r.eval(RELEASE_LOCK, 1, lock, owner))
        .catch(() => {
          // Unreleased, the lock still expires after lockTtlMs.
        });
    }
  }

  /** Closes the connection when the store created it; a client you passed in stays open. */
  async close(): Promise<void> {
    this.#link.close();
  }
}

function parseToken(raw: string): StoredToken | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const { value, expiresAt } = (parsed ?? {}) as Partial<StoredToken>;
  if (typeof value !== "string" || value === "") return undefined;
  return typeof expiresAt === "number" ? { value, expiresAt } : { value };
}
