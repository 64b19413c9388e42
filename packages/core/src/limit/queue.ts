import { MAX_TIMER_MS } from "../abort.js";
import type { MemoryRateLimitStore } from "./memory-store.js";
import { type Admission, isLease, type Lease, type Refusal, type Ticket } from "./types.js";

interface Waiter {
  readonly ticket: Ticket;
  readonly resolve: (lease: Lease) => void;
  readonly reject: (error: unknown) => void;
  readonly detach: () => void;
}

/**
 * The line of calls waiting for an in-memory budget: one FIFO (an operation whose budget is spent does not hold up
 * others), woken by a release or by one timer set for the earliest budget to free. No timer while nobody waits.
 */
export class LocalQueue {
  readonly #store: MemoryRateLimitStore;
  readonly #now: () => number;
  readonly #line: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: MemoryRateLimitStore, now: () => number) {
    this.#store = store;
    this.#now = now;
    store.onRelease = () => {
      if (this.#line.length > 0) this.#pump();
    };
  }

  get size(): number {
    return this.#line.length;
  }

  /** Admits at once when nobody waits and the budget allows: no promise, no timer. */
  tryNow(admission: Admission): Lease | Refusal {
    return this.#line.length === 0 ? this.#store.tryAcquire(admission, this.#now()) : { retryInMs: 0 };
  }

  wait(ticket: Ticket, first: Refusal): Promise<Lease> {
    if (first.retryInMs !== Number.POSITIVE_INFINITY && this.#now() + first.retryInMs > ticket.deadlineAt) {
      throw ticket.fail.late(first.retryInMs);
    }
    return new Promise<Lease>((resolve, reject) => {
      const signal = ticket.signal;
      const onAbort = () => {
        this.#remove(waiter);
        reject(ticket.fail.aborted(signal?.reason));
      };
      const waiter: Waiter = { ticket, resolve, reject, detach: () => signal?.removeEventListener("abort", onAbort) };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#line.push(waiter);
      this.#pump();
    });
  }

  /** Fails every waiting call with its `closed()` error. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#line.splice(0)) {
      waiter.detach();
      waiter.reject(waiter.ticket.fail.closed());
    }
  }

  #remove(waiter: Waiter): void {
    const i = this.#line.indexOf(waiter);
    if (i >= 0) this.#line.splice(i, 1);
    if (this.#line.length === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Hands free budget to waiters in line order; sets one timer for the earliest refusal that will lapse. */
  #pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = this.#now();
    let wake = Number.POSITIVE_INFINITY;
    // Admissions refused this round, with the wait they were told: later callers of the same budget wait at least
    // as long, so one whose deadline comes first is refused now instead of waiting it out.
    const spent = new Map<Admission, number>();
    for (let i = 0; i < this.#line.length; ) {
      const waiter = this.#line[i] as Waiter;
      const { admission, deadlineAt, fail } = waiter.ticket;
      const known = spent.get(admission);
      const verdict = known === undefined ? this.#store.tryAcquire(admission, now) : { retryInMs: known };
      if (isLease(verdict)) {
        this.#line.splice(i, 1);
        waiter.detach();
        waiter.resolve(verdict);
        continue;
      }
      // Every later call of this operation waits behind this one; a full concurrency budget stops them all.
      if (verdict.retryInMs === Number.POSITIVE_INFINITY) break;
      spent.set(admission, verdict.retryInMs);
      if (now + verdict.retryInMs > deadlineAt) {
        this.#line.splice(i, 1);
        waiter.detach();
        waiter.reject(fail.late(verdict.retryInMs));
        continue;
      }
      wake = Math.min(wake, verdict.retryInMs);
      i++;
    }
    // A vendor-requested wait can exceed what a timer takes (a 29-day Retry-After): wake at the timer's limit instead.
    if (this.#line.length > 0 && wake !== Number.POSITIVE_INFINITY) {
      this.#timer = setTimeout(() => this.#pump(), Math.min(wake, MAX_TIMER_MS));
    }
  }
}
