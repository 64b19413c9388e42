/**
 * Rate and concurrency budgets. A window of W ms is counted in 60 buckets; a call is admitted while the buckets that
 * overlap the last W ms hold fewer than `limit` calls. That never lets more than `limit` calls into any W-ms window
 * (sliding or fixed, whichever the vendor counts) and, unlike even spacing, lets calls through at once while the
 * budget allows. `@scrm-openapi/redis` implements the same arithmetic in one Lua script to share a budget.
 */

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

export const BUCKETS = 60;

/** Width of one bucket; the Redis script uses the same rounding. */
export const bucketWidth = (windowMs: number) => Math.ceil(windowMs / BUCKETS);

class WindowCount {
  readonly #width: number;
  /** counts[b % (BUCKETS + 1)] for buckets current − BUCKETS … current. */
  readonly #counts = new Array<number>(BUCKETS + 1).fill(0);
  #current = Number.NEGATIVE_INFINITY;
  #total = 0;

  constructor(windowMs: number) {
    this.#width = bucketWidth(windowMs);
  }

  /** ms until one more call fits (0 = now). */
  wait(now: number, limit: number): number {
    this.#advance(now);
    if (this.#total < limit) return 0;
    let left = this.#total;
    for (let b = this.#current - BUCKETS; b <= this.#current; b++) {
      left -= this.#counts[slot(b)] ?? 0;
      if (left < limit) return (b + BUCKETS + 1) * this.#width - now;
    }
    return this.#width;
  }

  add(): void {
    const i = slot(this.#current);
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    this.#total++;
  }

  #advance(now: number): void {
    const current = Math.floor(now / this.#width);
    if (current <= this.#current) return;
    const stale = Math.min(current - this.#current, BUCKETS + 1);
    for (let k = 1; k <= stale; k++) {
      const i = slot(this.#current + k);
      this.#total -= this.#counts[i] ?? 0;
      this.#counts[i] = 0;
    }
    this.#current = current;
  }
}

const slot = (bucket: number) => ((bucket % (BUCKETS + 1)) + BUCKETS + 1) % (BUCKETS + 1);

/** The default store: budgets of one client, counted in this process. Answers synchronously. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly shared = false;
  readonly #windows = new Map<string, WindowCount>();
  readonly #inFlight = new Map<string, number>();
  readonly #blocked = new Map<string, number>();
  /** Called when a slot is released, so the scheduler can hand it on. */
  onRelease: (() => void) | undefined;

  tryAcquire(admission: Admission, now: number): Lease | Refusal {
    let wait = 0;
    const windows: WindowCount[] = [];
    for (const rule of admission.rates) {
      const until = this.#blocked.get(rule.key);
      if (until !== undefined && until > now) wait = Math.max(wait, until - now);
      let window = this.#windows.get(rule.key);
      if (!window) {
        window = new WindowCount(rule.windowMs);
        this.#windows.set(rule.key, window);
      }
      wait = Math.max(wait, window.wait(now, rule.limit));
      windows.push(window);
    }
    if (wait > 0) return { retryInMs: wait };
    const slots = admission.concurrency;
    if (slots && (this.#inFlight.get(slots.key) ?? 0) >= slots.max) return { retryInMs: Number.POSITIVE_INFINITY };
    for (const window of windows) window.add();
    if (!slots) return NO_SLOT;
    this.#inFlight.set(slots.key, (this.#inFlight.get(slots.key) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight.set(slots.key, (this.#inFlight.get(slots.key) ?? 1) - 1);
        this.onRelease?.();
      },
    };
  }

  block(keys: readonly string[], untilMs: number): void {
    for (const key of keys) this.#blocked.set(key, Math.max(untilMs, this.#blocked.get(key) ?? 0));
  }
}

const NO_SLOT: Lease = { release() {} };

export function isLease(value: Lease | Refusal): value is Lease {
  return "release" in value;
}
