import { randomUUID } from "node:crypto";
import {
  type Admission,
  BUCKETS,
  blockKey,
  type Lease,
  type RateLimitStore,
  type Refusal,
} from "@scrm-openapi/core/stores";
import type { Redis } from "ioredis";
import { type RedisConnection, RedisLink } from "./connection.js";
import { checkConnection } from "./options.js";

export interface RedisRateLimitStoreOptions {
  /** An ioredis client (left open by close()) or connection options for a client the store owns. */
  redis: RedisConnection;
}

const STORE = "RedisRateLimitStore";

// One atomic step per call, the same arithmetic as core's MemoryRateLimitStore: each rate key is a hash of
// bucket → count over the last BUCKETS + 1 buckets; the concurrency key a sorted set of leases scored by expiry.
// Every key is created on demand and expires on its own, so a flush, a restart, an eviction or a long idle spell
// only resets budgets: nothing has to exist beforehand.
// KEYS: rate keys…, their block keys…, [concurrency key] (built by core's keys.ts). ARGV: now, buckets, leaseMs, leaseId, max (or -1), then limit, windowMs per rate key.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local B = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
local max = tonumber(ARGV[5])
local rates = (#KEYS - (max >= 0 and 1 or 0)) / 2
local wait = 0
local current = {}
for i = 1, rates do
  local key = KEYS[i]
  local limit = tonumber(ARGV[4 + i * 2])
  local width = math.ceil(tonumber(ARGV[5 + i * 2]) / B)
  local cur = math.floor(now / width)
  current[i] = {cur, width}
  local blocked = tonumber(redis.call('GET', KEYS[rates + i]) or '0')
  if blocked > now then wait = math.max(wait, blocked - now) end
  local fields = redis.call('HGETALL', key)
  local counts = {}
  local total = 0
  for j = 1, #fields, 2 do
    local b = tonumber(fields[j])
    if b < cur - B then
      redis.call('HDEL', key, fields[j])
    else
      local c = tonumber(fields[j + 1])
      counts[b] = c
      total = total + c
    end
  end
  if total >= limit then
    local left = total
    local free = width
    for b = cur - B, cur do
      left = left - (counts[b] or 0)
      if left < limit then free = (b + B + 1) * width - now; break end
    end
    wait = math.max(wait, free)
  end
end
if wait > 0 then return {0, tostring(wait)} end
if max >= 0 then
  local slots = KEYS[#KEYS]
  redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
  if redis.call('ZCARD', slots) >= max then return {0, '-1'} end
  redis.call('ZADD', slots, now + leaseMs, ARGV[4])
  redis.call('PEXPIRE', slots, leaseMs)
end
for i = 1, rates do
  redis.call('HINCRBY', KEYS[i], current[i][1], 1)
  redis.call('PEXPIRE', KEYS[i], (B + 1) * current[i][2])
end
return {1, '0'}`;

const BLOCK = `
for i = 1, #KEYS do
  local key = KEYS[i]
  local until = tonumber(ARGV[1])
  if until > tonumber(redis.call('GET', key) or '0') then
    redis.call('SET', key, ARGV[1], 'PX', math.max(1, until - tonumber(ARGV[2])))
  end
end
return 0`;

type Scripted = Redis & {
  scrmAcquire(keyCount: number, ...args: (string | number)[]): Promise<[number, string]>;
  scrmBlock(keyCount: number, ...args: (string | number)[]): Promise<number>;
};

/**
 * Rate and concurrency budgets shared by every process of a service, for `rateLimit: { store }`: one Lua script per
 * admission (atomic; ioredis re-sends it after a Redis restart), the same semantics as the in-memory limiter. A
 * concurrency slot is a lease that expires on its own if its process dies. The clock is the client's (`now`), so the
 * processes' clocks should agree within the spec's headroom.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly shared = true;
  readonly #link: RedisLink;
  readonly #redis: Scripted;
  /** Leases to give back once Redis answers again: slots key → lease ids. */
  readonly #owed = new Map<string, Set<string>>();

  constructor(options: RedisRateLimitStoreOptions) {
    checkConnection(STORE, options?.redis);
    this.#link = new RedisLink(STORE, options.redis);
    // After a reconnect, give back what could not be given back while Redis was away.
    this.#link.client.on("ready", () => {
      for (const [key, ids] of this.#owed) for (const id of ids) this.#giveBack(key, id);
    });
    const client = this.#link.client;
    if (typeof (client as unknown as Partial<Scripted>).scrmAcquire !== "function") {
      client.defineCommand("scrmAcquire", { lua: ACQUIRE });
      client.defineCommand("scrmBlock", { lua: BLOCK });
    }
    this.#redis = client as unknown as Scripted;
  }

  async tryAcquire(admission: Admission, now: number): Promise<Lease | Refusal> {
    const slots = admission.concurrency;
    const keys = admission.rates.map((r) => r.key);
    keys.push(...admission.rates.map((r) => blockKey(r.key)));
    if (slots) keys.push(slots.key);
    const id = randomUUID();
    const args: (string | number)[] = [now, BUCKETS, admission.leaseMs, id, slots ? slots.max : -1];
    for (const rule of admission.rates) args.push(rule.limit, rule.windowMs);
    let answer: [number, string];
    try {
      answer = await this.#link.run(() => this.#redis.scrmAcquire(keys.length, ...keys, ...args));
    } catch (error) {
      // A command that timed out may still run (a stalled Redis answers its backlog when it resumes): the lease it
      // would take is given back right after it, on the same connection, so no slot is held by a call that left.
      if (slots) this.#giveBack(slots.key, id);
      throw error;
    }
    const [ok, wait] = answer;
    if (ok === 1) {
      if (!slots) return { release() {} };
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          this.#giveBack(slots.key, id);
        },
      };
    }
    const ms = Number(wait);
    return { retryInMs: ms < 0 ? Number.POSITIVE_INFINITY : ms };
  }

  async block(keys: readonly string[], untilMs: number): Promise<void> {
    if (keys.length === 0) return;
    const blocks = keys.map(blockKey);
    await this.#link.run(() => this.#redis.scrmBlock(blocks.length, ...blocks, untilMs, Date.now()));
  }

  /**
   * Removes a lease; while Redis is away it is owed and removed on the next reconnect. A lease no process can give
   * back (its process died) expires after its leaseMs.
   */
  #giveBack(key: string, id: string): void {
    this.#link
      .run((r) => r.zrem(key, id))
      .then(
        () => {
          const ids = this.#owed.get(key);
          ids?.delete(id);
          if (ids?.size === 0) this.#owed.delete(key);
        },
        () => {
          const ids = this.#owed.get(key) ?? new Set<string>();
          ids.add(id);
          this.#owed.set(key, ids);
        },
      );
  }

  /** Closes the connection when the store created it; a client you passed in stays open. */
  async close(): Promise<void> {
    this.#link.close();
  }
}
