import { createHash } from "node:crypto";
import Bottleneck from "bottleneck";
import type { Redis } from "ioredis";
import { type ScrmErrorContext, ScrmStoreError, StoreError } from "./errors.js";
import type { LimitsMeta, OperationMeta, RateLimitMeta, VendorMeta } from "./meta.js";
import {
  createRedisClient,
  isRedisClient,
  loadIoredis,
  type RedisConnection,
  redisFailure,
  trackErrors,
  waitForRedis,
} from "./redis.js";
import type { Call, Layer } from "./transport.js";

export interface RateLimitOptions {
  /**
   * Share the budget between processes through Redis: an ioredis client (we open one extra connection from it and
   * never close yours) or connection options. Without it the budget is per client instance, in memory.
   */
  redis?: RedisConnection;
  /** Replace the spec's `x-limits`, e.g. with a quota the vendor raised for your company. */
  limits?: LimitsMeta;
  /** Multiplies every window (1 = real time). Tests use a small value to play a minute in milliseconds. */
  timeScale?: number;
  /**
   * Share of each declared rate left unused so network jitter and clock differences never tip the vendor's own
   * counter over its limit. Default 0.05.
   */
  headroom?: number;
  /** Prefix of the Redis keys. Default "scrm-openapi:limit". */
  keyPrefix?: string;
  /** How long to wait for Redis before failing a call with a clear error. Default 2000 ms. */
  connectTimeoutMs?: number;
}

export interface RateLimiter {
  readonly layer: Layer;
  close(): Promise<void>;
}

export interface RateLimiterSetup {
  meta: VendorMeta;
  options: RateLimitOptions | false | undefined;
  /** Identifies the account the vendor counts against (a hash of the credentials); no secret. */
  account: string;
  /** Longest a slot may be held (Redis only): a crashed process's slots come back after it. */
  holdLimitMs: number | undefined;
  context: (call: Call) => ScrmErrorContext;
  log: (message: string) => void;
}

const STORE = "rate limiter";
/** Redis keys of an idle limiter expire after this. */
const IDLE_KEY_TTL_MS = 15 * 60_000;

/**
 * The client-side limiter built from the spec's `x-limits`, on Bottleneck (in memory, or clustered over Redis):
 * - per rate entry (`x-rate-class`), calls are spaced evenly at the strictest of its per-minute and per-hour rates
 *   (less `headroom`), per operation when the entry's scope is `operation`, else shared by its class. Even spacing
 *   keeps every sliding window under the limit, whatever window the vendor counts in;
 * - `concurrency.max` calls in flight per account.
 * Returns undefined when the spec declares no limits or `options` is false.
 */
export function createRateLimiter(setup: RateLimiterSetup): RateLimiter | undefined {
  const { meta, options, log } = setup;
  if (options === false) return undefined;
  const limits = options?.limits ?? meta.limits;
  const rates = (limits?.rate ?? []).filter((r) => r.perMinute !== undefined || r.perHour !== undefined);
  const concurrency = limits?.concurrency?.max;
  if (rates.length === 0 && concurrency === undefined) return undefined;

  const scale = options?.timeScale ?? 1;
  const headroom = options?.headroom ?? 0.05;
  if (!(scale > 0)) throw new TypeError(`[${meta.vendor.id}] rateLimit.timeScale must be > 0`);
  if (!(headroom >= 0 && headroom < 1)) throw new TypeError(`[${meta.vendor.id}] rateLimit.headroom must be in [0, 1)`);
  const prefix = `${options?.keyPrefix ?? "scrm-openapi:limit"}:${meta.vendor.id}:${setup.account}`;
  const redis = options?.redis ? new RedisLink(options.redis, options.connectTimeoutMs ?? 2000) : undefined;
  const jobOptions: Bottleneck.JobOptions =
    redis && setup.holdLimitMs !== undefined ? { expiration: setup.holdLimitMs } : {};

  const gates = new Map<string, Promise<Gate>>();
  const gate = (name: string, settings: { maxConcurrent: number; minTime?: number }, depth: number) => {
    // The settings are part of the id so processes configured differently never share (or overwrite) a budget.
    const id = `${prefix}:${name}:${createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 8)}`;
    let found = gates.get(id);
    if (!found) {
      found = (async () => {
        const limiter = redis
          ? new Bottleneck({ id, ...settings, connection: await redis.connection(), timeout: IDLE_KEY_TTL_MS })
          : new Bottleneck({ id, ...settings });
        return new Gate(limiter, depth, jobOptions, (error) => (redis ? redis.failure(error) : error));
      })();
      found.catch(() => gates.delete(id));
      gates.set(id, found);
    }
    return found;
  };

  // Calls of one rate entry that may hold their rate slot while waiting for a concurrency slot: more than the
  // concurrency limit could never be sent at once anyway.
  const pipeline = concurrency ?? 1;
  const rateFor = (op: OperationMeta): RateLimitMeta | undefined =>
    op.rateClass === undefined ? undefined : rates.find((r) => r.class === op.rateClass);
  const describe = (op: OperationMeta, rate: RateLimitMeta | undefined) => {
    const parts: string[] = [];
    if (rate) {
      const per = [rate.perMinute && `${rate.perMinute}/min`, rate.perHour && `${rate.perHour}/h`].filter(Boolean);
      parts.push(`${rate.class}: ${per.join(", ")} per ${rate.scope === "operation" ? op.operationId : rate.class}`);
    }
    if (concurrency !== undefined) parts.push(`${concurrency} in flight`);
    return parts.join("; ");
  };
  let closed = false;

  const layer: Layer = (next) => async (call) => {
    const rate = rateFor(call.op);
    const started = Date.now();
    let release: (() => void) | undefined;
    try {
      if (closed) throw new StoreError(STORE, "closed: client.close() was called");
      const rateGate = rate
        ? await gate(
            rate.scope === "operation" ? `op:${call.op.operationId}` : `class:${rate.class}`,
            { maxConcurrent: pipeline, minTime: spacingMs(rate, scale, headroom, pipeline) },
            pipeline,
          )
        : undefined;
      const slotGate =
        concurrency === undefined ? undefined : await gate("concurrency", { maxConcurrent: concurrency }, concurrency);
      // The rate slot is held until the call has its concurrency slot, so at most `pipeline` spaced calls can bunch up
      // behind a busy concurrency queue.
      const releaseRate = await rateGate?.acquire(call.signal);
      try {
        release = await slotGate?.acquire(call.signal);
      } finally {
        releaseRate?.();
      }
    } catch (error) {
      throw error instanceof StoreError ? new ScrmStoreError(setup.context(call), error) : error;
    }
    const waited = Date.now() - started;
    // Only real waits: the limiter's own bookkeeping takes a few milliseconds per call.
    if (waited >= 10)
      log(`rate limit: ${call.op.operationId} ${call.requestId} waited ${waited}ms (${describe(call.op, rate)})`);
    try {
      return await next(call);
    } finally {
      release?.();
    }
  };

  return {
    layer,
    async close() {
      closed = true;
      const all = await Promise.allSettled(gates.values());
      gates.clear();
      await Promise.all(all.map((g) => (g.status === "fulfilled" ? g.value.close() : undefined)));
      await redis?.close();
    },
  };
}

/**
 * Minimum gap between two calls so that no window of `w` ms holds more than `limit·(1 − headroom)` of them. Up to
 * `pipeline` calls that got their rate slot earlier may still be waiting for a concurrency slot and leave inside the
 * window, so they are taken off the budget: at most ⌈w/gap⌉ + pipeline calls are sent in any window.
 */
export function spacingMs(rate: RateLimitMeta, scale: number, headroom: number, pipeline: number): number {
  let spacing = 0;
  for (const [limit, windowMs] of [
    [rate.perMinute, 60_000],
    [rate.perHour, 3_600_000],
  ] as const) {
    if (limit === undefined || limit <= 0) continue;
    const allowed = Math.max(1, Math.floor(limit * (1 - headroom)) - pipeline);
    spacing = Math.max(spacing, (windowMs * scale) / allowed);
  }
  // Whole milliseconds: Bottleneck's Redis scripts use it in PEXPIRE, which rejects fractions.
  return Math.ceil(spacing);
}

interface Waiter {
  grant(release: () => void): void;
  fail(error: unknown): void;
  detach(): void;
}

/**
 * An abortable front for one Bottleneck limiter. Bottleneck cannot take back a queued job, so callers wait here and
 * at most `depth` jobs sit in Bottleneck; each job hands its slot to whoever is first in line when it starts. A caller
 * that aborts just leaves the line: no timer and no budget stays behind for it.
 */
class Gate {
  readonly #limiter: Bottleneck;
  readonly #depth: number;
  readonly #jobOptions: Bottleneck.JobOptions;
  readonly #toError: (error: unknown) => unknown;
  readonly #waiters = new Set<Waiter>();
  /** Jobs handed to Bottleneck that have not started yet. */
  readonly #jobs = new Set<object>();

  constructor(limiter: Bottleneck, depth: number, jobOptions: Bottleneck.JobOptions, toError: (e: unknown) => unknown) {
    this.#limiter = limiter;
    this.#depth = depth;
    this.#jobOptions = jobOptions;
    this.#toError = toError;
    // Bottleneck reports store failures while draining only as events; without this its queue would stall silently.
    limiter.on("error", (error: unknown) => this.#failAll(this.#toError(error)));
  }

  acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: resolve,
        fail: reject,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.add(waiter);
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#failAll(new StoreError(STORE, "closed"));
    await this.#limiter.disconnect(false);
  }

  #pump(): void {
    while (this.#jobs.size < Math.min(this.#depth, this.#waiters.size)) {
      const job = {};
      this.#jobs.add(job);
      this.#limiter
        .schedule(this.#jobOptions, () => this.#run(job))
        .catch((error: unknown) => {
          // Failing before it started means the store is broken; after (an expired hold), the holder still releases.
          if (this.#jobs.delete(job)) this.#failAll(this.#toError(error));
        });
    }
  }

  #run(job: object): Promise<void> {
    if (!this.#jobs.delete(job)) return Promise.resolve();
    const waiter = this.#waiters.values().next().value;
    if (!waiter) return Promise.resolve();
    this.#waiters.delete(waiter);
    waiter.detach();
    this.#pump();
    return new Promise<void>((release) => waiter.grant(once(release)));
  }

  #failAll(error: unknown): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    this.#jobs.clear();
    for (const waiter of waiters) {
      waiter.detach();
      waiter.fail(error);
    }
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

/** One Redis connection per client for all its limiters; waits (bounded) for Redis before the first use. */
class RedisLink {
  readonly #client: Redis;
  readonly #lastError: () => string | undefined;
  readonly #connectTimeoutMs: number;
  #connection: Promise<Bottleneck.IORedisConnection> | undefined;

  constructor(redis: RedisConnection, connectTimeoutMs: number) {
    // Our own connection even from your client: Bottleneck quits the clients it is given when it disconnects.
    this.#client = isRedisClient(redis) ? redis.duplicate() : createRedisClient(redis);
    this.#lastError = trackErrors(this.#client);
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  connection(): Promise<Bottleneck.IORedisConnection> {
    if (!this.#connection) {
      const pending = waitForRedis(STORE, this.#client, this.#lastError, this.#connectTimeoutMs).then(() => {
        const connection = new Bottleneck.IORedisConnection({ client: this.#client, Redis: loadIoredis().Redis });
        connection.on("error", () => {}); // reported per call through the limiters instead
        return connection;
      });
      // Try again on the next call: Redis may be back by then.
      pending.catch(() => {
        if (this.#connection === pending) this.#connection = undefined;
      });
      this.#connection = pending;
    }
    return this.#connection;
  }

  failure(error: unknown): unknown {
    return error instanceof StoreError ? error : redisFailure(STORE, this.#client, this.#lastError(), error);
  }

  async close(): Promise<void> {
    const connection = await this.#connection?.catch(() => undefined);
    if (connection) await connection.disconnect(false);
    else this.#client.disconnect();
  }
}
