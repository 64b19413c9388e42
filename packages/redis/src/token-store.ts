import { randomUUID } from "node:crypto";
import { ScrmConfigError, ScrmStoreError } from "@scrm-openapi/core";
import { abortable, refreshLockKey, type StoredToken, sleep, type TokenStore } from "@scrm-openapi/core/stores";
import { type RedisConnection, RedisLink } from "./connection.js";
import { checkConnection, msOption } from "./options.js";

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
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'string' and kind ~= 'none' then return redis.call('DEL', KEYS[1]) end
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, parsed = pcall(cjson.decode, raw)
if not ok or type(parsed) ~= 'table' or parsed.value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Takes the lock; a lock key without an expiry (not ours: ours always expire) or of another type is replaced.
const TAKE_LOCK = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
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
    checkConnection(STORE, options?.redis);
    this.#lockTtlMs = msOption(STORE, "lockTtlMs", options.lockTtlMs, 1, 30_000);
    this.#lockPollMs = msOption(STORE, "lockPollMs", options.lockPollMs, 1, 50);
    this.#lockWaitMs = msOption(
      STORE,
      "lockWaitMs",
      options.lockWaitMs,
      0,
      Math.min(this.#lockTtlMs + 5000, 2 ** 31 - 1),
    );
    if (options.onCorrupt !== undefined && typeof options.onCorrupt !== "function") {
      throw new ScrmConfigError(STORE, "onCorrupt", "must be a function (key) => void");
    }
    this.#onCorrupt = options.onCorrupt;
    this.#link = new RedisLink(STORE, options.redis);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    // A key of another type (a hash, a list…) answers WRONGTYPE: it is dropped and refreshed like a corrupt value.
    const raw = await this.#link.run((r) =>
      r.get(key).catch((error: unknown) => (isWrongType(error) ? "" : Promise.reject(error))),
    );
    if (raw === null) return undefined;
    const token = parseToken(raw);
    if (token) return token;
    if (raw === "") {
      await this.#link.run((r) => r.del(key));
      this.#onCorrupt?.(key);
      return undefined;
    }
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

  async withRefreshLock(key: string, fetch: () => Promise<StoredToken>, signal?: AbortSignal): Promise<StoredToken> {
    const lock = refreshLockKey(key);
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.#lockWaitMs;
    const release = () => this.#link.run((r) => r.eval(RELEASE_LOCK, 1, lock, owner)).catch(() => {});
    for (;;) {
      // Nobody waits any more (an abort, a deadline, the refresh's own bound): stop asking for the lock.
      signal?.throwIfAborted();
      const taken = await abortable(
        this.#link.run((r) => r.eval(TAKE_LOCK, 1, lock, owner, this.#lockTtlMs)),
        signal,
        (late) => late === 1 && release(),
      );
      if (taken === 1) break;
      if (Date.now() >= giveUpAt) {
        throw new ScrmStoreError(
          STORE,
          `gave up after ${this.#lockWaitMs} ms waiting for another process to refresh ${key}`,
        );
      }
      await sleep(this.#lockPollMs, signal);
    }
    try {
      // The caller's fetch looks at the store first, so a process that waited here finds the token just stored.
      return await fetch();
    } finally {
      // Unreleased (Redis away), the lock still expires after lockTtlMs.
      await release();
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

function isWrongType(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("WRONGTYPE");
}
