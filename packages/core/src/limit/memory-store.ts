import { type Admission, BUCKETS, bucketWidth, type Lease, type RateLimitStore, type Refusal } from "./types.js";

/** Counts of one window's buckets (current − BUCKETS … current) and their total. */
interface WindowCount {
  readonly width: number;
  readonly counts: number[];
  current: number;
  total: number;
}

const slot = (bucket: number) => ((bucket % (BUCKETS + 1)) + BUCKETS + 1) % (BUCKETS + 1);

/** ms until one more call fits in the window (0 = now); buckets that fell out of it are cleared first. */
function waitIn(w: WindowCount, now: number, limit: number): number {
  const current = Math.floor(now / w.width);
  for (let b = Math.max(w.current + 1, current - BUCKETS); b <= current; b++) {
    w.total -= w.counts[slot(b)] ?? 0;
    w.counts[slot(b)] = 0;
  }
  w.current = Math.max(w.current, current);
  if (w.total < limit) return 0;
  let left = w.total;
  for (let b = w.current - BUCKETS; b <= w.current; b++) {
    left -= w.counts[slot(b)] ?? 0;
    if (left < limit) return (b + BUCKETS + 1) * w.width - now;
  }
  return w.width;
}

const NO_SLOT: Lease = { release() {} };

/** The default store: budgets of one client, counted in this process. Answers synchronously. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly shared = false;
  readonly windows = new Map<string, WindowCount>();
  readonly inFlight = new Map<string, number>();
  readonly blocked = new Map<string, number>();
  /** Called when a slot is released, so the scheduler can hand it on. */
  onRelease: (() => void) | undefined;

  tryAcquire(admission: Admission, now: number): Lease | Refusal {
    let wait = 0;
    const windows: WindowCount[] = [];
    for (const rule of admission.rates) {
      wait = Math.max(wait, (this.blocked.get(rule.key) ?? 0) - now);
      const w = this.#window(rule.key, rule.windowMs);
      wait = Math.max(wait, waitIn(w, now, rule.limit));
      windows.push(w);
    }
    if (wait > 0) return { retryInMs: wait };
    const slots = admission.concurrency;
    const busy = slots ? (this.inFlight.get(slots.key) ?? 0) : 0;
    if (slots && busy >= slots.max) return { retryInMs: Number.POSITIVE_INFINITY };
    for (const w of windows) {
      w.counts[slot(w.current)] = (w.counts[slot(w.current)] ?? 0) + 1;
      w.total++;
    }
    if (!slots) return NO_SLOT;
    this.inFlight.set(slots.key, busy + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(slots.key, (this.inFlight.get(slots.key) ?? 1) - 1);
        this.onRelease?.();
      },
    };
  }

  block(keys: readonly string[], untilMs: number): void {
    for (const key of keys) this.blocked.set(key, Math.max(untilMs, this.blocked.get(key) ?? 0));
  }

  #window(key: string, windowMs: number): WindowCount {
    let w = this.windows.get(key);
    if (!w) {
      w = { width: bucketWidth(windowMs), counts: new Array<number>(BUCKETS + 1).fill(0), current: -1, total: 0 };
      this.windows.set(key, w);
    }
    return w;
  }
}
