import { ScrmApiError, ScrmRateLimitError, ScrmStoreError } from "../errors.js";
import {
  type Admission,
  isLease,
  type Lease,
  MemoryRateLimitStore,
  type RateLimitStore,
  type RateRule,
  type Refusal,
} from "../limit.js";
import type { LimitsMeta, OperationMeta } from "../meta.js";
import { type Runtime, sleep } from "./runtime.js";
import type { Call, Layer } from "./types.js";

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

export interface Limiter {
  readonly layer: Layer;
  /** Fails every waiting call (ScrmRateLimitError "closed") and every later one. */
  close(): void;
}

interface Waiter {
  readonly call: Call;
  readonly admission: Admission;
  readonly resolve: (lease: Lease) => void;
  readonly reject: (error: unknown) => void;
  readonly detach: () => void;
}

const WINDOWS = [
  ["perMinute", 60_000],
  ["perHour", 3_600_000],
] as const;

/**
 * The client-side limiter built from the spec's `x-limits`: per rate entry (`x-rate-class`), at most perMinute/perHour
 * calls (less `headroom`) per operation (scope `operation`) or per class; and `concurrency.max` calls in flight per
 * account. A call that fits goes at once, with no timer; the others wait in one FIFO line (an operation whose budget
 * is spent does not hold up others) and are woken by a release or by one timer set for the earliest budget to free.
 * Undefined when the spec declares no limits or `options` is false.
 */
export function createLimiter(
  rt: Runtime,
  options: RateLimitOptions | false | undefined,
  account: string | Promise<string>,
  leaseMs: number,
): Limiter | undefined {
  if (options === false) return undefined;
  const limits = options?.limits ?? rt.meta.limits;
  const rates = (limits?.rate ?? []).filter((r) => r.perMinute !== undefined || r.perHour !== undefined);
  const concurrency = limits?.concurrency?.max;
  if (rates.length === 0 && concurrency === undefined) return undefined;
  const headroom = options?.headroom ?? 0.05;
  const maxQueue = options?.maxQueue ?? 10_000;
  const pollMs = options?.pollMs ?? 25;
  const store = options?.store ?? new MemoryRateLimitStore();
  const local = store instanceof MemoryRateLimitStore ? store : undefined;

  // Keys name the account (a digest of the credentials) so that a shared store never mixes two accounts' budgets.
  let prefix = typeof account === "string" ? `scrm-openapi:limit:${rt.vendor}:${account}` : undefined;
  const ready =
    typeof account === "string"
      ? undefined
      : account.then((digest) => {
          prefix = `scrm-openapi:limit:${rt.vendor}:${digest}`;
        });
  const admissions = new Map<OperationMeta, Admission>();
  const admissionOf = (op: OperationMeta): Admission => {
    let admission = admissions.get(op);
    if (admission) return admission;
    const rate = op.rateClass === undefined ? undefined : rates.find((r) => r.class === op.rateClass);
    const scope = rate?.scope === "operation" ? `op:${op.operationId}` : `class:${rate?.class}`;
    const rules: RateRule[] = [];
    for (const [field, windowMs] of WINDOWS) {
      const limit = rate?.[field];
      if (limit === undefined || limit <= 0) continue;
      rules.push({
        key: `${prefix}:${scope}:${windowMs}`,
        limit: Math.max(1, Math.floor(limit * (1 - headroom))),
        windowMs,
      });
    }
    admission = {
      rates: rules,
      concurrency: concurrency === undefined ? undefined : { key: `${prefix}:concurrency`, max: concurrency },
      leaseMs,
    };
    admissions.set(op, admission);
    return admission;
  };

  const describe = (admission: Admission) =>
    [
      ...admission.rates.map((r) => `${r.limit} per ${r.windowMs / 1000} s`),
      ...(admission.concurrency ? [`${admission.concurrency.max} in flight`] : []),
    ].join(", ");

  const line: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let polling = 0;

  const refuse = (call: Call, reason: ScrmRateLimitError["reason"], description: string, waitMs?: number) =>
    new ScrmRateLimitError(rt.context(call), { reason, description, ...(waitMs === undefined ? {} : { waitMs }) });
  const storeError = (call: Call, error: unknown) =>
    error instanceof ScrmStoreError
      ? error.withContext(rt.context(call))
      : new ScrmStoreError("rate limit store", String(error), { cause: error, context: rt.context(call) });

  /** Hands free budget to waiters in line order; sets one timer for the earliest refusal that will lapse. */
  const pump = () => {
    if (!local) return;
    clearTimeout(timer);
    timer = undefined;
    const now = rt.now();
    let wake = Number.POSITIVE_INFINITY;
    const spent = new Set<Admission>();
    for (let i = 0; i < line.length; ) {
      const waiter = line[i] as Waiter;
      if (spent.has(waiter.admission)) {
        i++;
        continue;
      }
      const verdict = local.tryAcquire(waiter.admission, now);
      if (isLease(verdict)) {
        line.splice(i, 1);
        waiter.detach();
        waiter.resolve(verdict);
        continue;
      }
      // Every later call of this operation waits behind this one; a full concurrency budget stops them all.
      if (verdict.retryInMs === Number.POSITIVE_INFINITY) break;
      spent.add(waiter.admission);
      wake = Math.min(wake, verdict.retryInMs);
      i++;
    }
    if (line.length > 0 && wake !== Number.POSITIVE_INFINITY) timer = setTimeout(pump, wake);
  };
  if (local) local.onRelease = () => line.length > 0 && pump();

  const wait = (call: Call, admission: Admission, first: Refusal): Promise<Lease> => {
    if (line.length + polling >= maxQueue) {
      throw refuse(call, "queue-full", `rate limiter queue is full (${maxQueue} calls waiting)`);
    }
    const at = rt.now() + first.retryInMs;
    if (first.retryInMs !== Number.POSITIVE_INFINITY && at > call.deadlineAt) {
      throw refuse(
        call,
        "wait-exceeds-deadline",
        `the rate limit frees a slot in ${Math.ceil(first.retryInMs)} ms, after the call's deadline`,
        first.retryInMs,
      );
    }
    rt.log?.(
      `rate limit: ${call.op.operationId} ${rt.requestId(call)} waits (${line.length} ahead; ${describe(admission)})`,
    );
    return new Promise<Lease>((resolve, reject) => {
      const signal = call.signal;
      const onAbort = () => {
        const i = line.indexOf(waiter);
        if (i >= 0) line.splice(i, 1);
        if (line.length === 0) {
          clearTimeout(timer);
          timer = undefined;
        }
        reject(rt.aborted(call, signal?.reason));
      };
      const waiter: Waiter = {
        call,
        admission,
        resolve,
        reject,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      line.push(waiter);
      pump();
    });
  };

  /** A shared store cannot tell us when another process frees budget: ask again after its hint (at most pollMs). */
  const poll = async (call: Call, admission: Admission): Promise<Lease> => {
    if (polling + line.length >= maxQueue) {
      throw refuse(call, "queue-full", `rate limiter queue is full (${maxQueue} calls waiting)`);
    }
    polling++;
    try {
      for (;;) {
        if (closed) throw refuse(call, "closed", "client closed");
        let verdict: Lease | Refusal;
        try {
          verdict = await store.tryAcquire(admission, rt.now());
        } catch (error) {
          throw storeError(call, error);
        }
        if (isLease(verdict)) return verdict;
        const pause = Math.min(verdict.retryInMs, Math.max(pollMs, 1));
        if (verdict.retryInMs !== Number.POSITIVE_INFINITY && rt.now() + verdict.retryInMs > call.deadlineAt) {
          throw refuse(
            call,
            "wait-exceeds-deadline",
            `the shared rate limit frees a slot in ${Math.ceil(verdict.retryInMs)} ms, after the call's deadline`,
            verdict.retryInMs,
          );
        }
        try {
          await sleep(verdict.retryInMs === Number.POSITIVE_INFINITY ? pollMs : pause, call.signal);
        } catch (reason) {
          throw rt.aborted(call, reason);
        }
      }
    } finally {
      polling--;
    }
  };

  const acquire = (call: Call): Lease | Promise<Lease> => {
    if (closed) throw refuse(call, "closed", "client closed");
    const admission = admissionOf(call.op);
    if (local) {
      // The fast path: nobody waiting and budget left → admitted here, with no promise and no timer.
      const verdict = line.length === 0 ? local.tryAcquire(admission, rt.now()) : { retryInMs: 0 };
      return isLease(verdict) ? verdict : wait(call, admission, verdict);
    }
    return poll(call, admission);
  };

  const layer: Layer = (next) => async (call) => {
    if (prefix === undefined) await ready;
    const pending = acquire(call);
    const lease = pending instanceof Promise ? await pending : pending;
    try {
      return await next(call);
    } catch (error) {
      // The vendor asked everyone to wait (Weiban blocks an API for 60 s after 10053): hold this budget's callers too.
      if (error instanceof ScrmApiError && error.kind === "rate-limit" && error.retryAfterMs !== undefined) {
        const keys = admissionOf(call.op).rates.map((r) => r.key);
        await Promise.resolve(store.block(keys, rt.now() + error.retryAfterMs)).catch(() => {});
      }
      throw error;
    } finally {
      lease.release();
    }
  };

  return {
    layer,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const waiter of line.splice(0)) {
        waiter.detach();
        waiter.reject(refuse(waiter.call, "closed", "client closed while the call waited for the rate limiter"));
      }
    },
  };
}
