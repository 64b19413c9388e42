/**
 * Rate and concurrency budgets. A window of W ms is counted in 60 buckets; a call is admitted while the buckets that
 * overlap the last W ms hold fewer than `limit` calls. That never lets more than `limit` calls into any W-ms window
 * (sliding or fixed, whichever the vendor counts) and, unlike even spacing, lets calls through at once while the
 * budget allows. `@scrm-openapi/redis` implements the same arithmetic in one Lua script to share a budget.
 */
import type { LimitsMeta } from "../meta.js";

/** At most `limit` admissions in any `windowMs`. */
export interface RateRule {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
}

/** At most `max` calls in flight. */
export interface ConcurrencyRule {
  readonly key: string;
  readonly max: number;
}

/** What one call needs to be sent. */
export interface Admission {
  readonly rates: readonly RateRule[];
  readonly concurrency: ConcurrencyRule | undefined;
  /** How long a shared store may keep the concurrency slot if its holder vanishes (a crashed process). */
  readonly leaseMs: number;
}

export interface Lease {
  release(): void;
}

/** Not admitted: ask again after `retryInMs`, or (Infinity) once a concurrency slot is released. */
export interface Refusal {
  readonly retryInMs: number;
}

/**
 * Where budgets are counted: in memory (one client) or shared (Redis: every process of a service). A shared store
 * answers asynchronously and cannot see other processes release slots, so the limiter polls it.
 */
export interface RateLimitStore {
  readonly shared: boolean;
  tryAcquire(admission: Admission, now: number): Lease | Refusal | Promise<Lease | Refusal>;
  /** Keeps `keys` closed until `untilMs` (the vendor asked to wait: Retry-After). */
  block(keys: readonly string[], untilMs: number): void | Promise<void>;
}

export interface RateLimitOptions {
  /**
   * Where budgets are counted. Default: in memory, per client. `RedisRateLimitStore` from @scrm-openapi/redis shares
   * them between the processes of a service.
   */
  store?: RateLimitStore;
  /** Replace the spec's `x-limits`, e.g. with a quota the vendor raised for your company. */
  limits?: LimitsMeta;
  /** Share of each declared rate left unused, so clock and network jitter never tip the vendor's counter. Default 0.05. */
  headroom?: number;
  /** Calls that may wait for the limiter at once; one more gets a ScrmRateLimitError ("queue-full"). Default 10 000. */
  maxQueue?: number;
  /** How often a shared store is asked again while another process holds every concurrency slot. Default 25 ms. */
  pollMs?: number;
}

export const BUCKETS = 60;

/** Width of one bucket; the Redis script uses the same rounding. */
export const bucketWidth = (windowMs: number) => Math.ceil(windowMs / BUCKETS);

export function isLease(value: Lease | Refusal): value is Lease {
  return "release" in value;
}

/**
 * How a waiting call fails, built by the limiter layer for each call (so that this folder knows nothing of calls,
 * vendors or error classes).
 */
export interface Failures {
  closed(): unknown;
  aborted(reason: unknown): unknown;
  /** The budget frees a slot in `waitMs`, after the call's deadline. */
  late(waitMs: number): unknown;
  full(): unknown;
  store(error: unknown): unknown;
}

/** One call waiting for its admission. */
export interface Ticket {
  readonly admission: Admission;
  /** Epoch ms (the client's clock); Infinity without a deadline. */
  readonly deadlineAt: number;
  readonly signal: AbortSignal | undefined;
  readonly fail: Failures;
}
