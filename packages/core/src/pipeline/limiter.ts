import { ScrmApiError, ScrmRateLimitError, ScrmStoreError } from "../errors.js";
import { limitPrefix } from "../keys.js";
import { type AdmissionSpec, admissionFor, budgetsOf, describeAdmission } from "../limit/admission.js";
import { MemoryRateLimitStore } from "../limit/memory-store.js";
import { poll } from "../limit/poll.js";
import { LocalQueue } from "../limit/queue.js";
import {
  type Admission,
  type Failures,
  isLease,
  type Lease,
  type RateLimitOptions,
  type Ticket,
} from "../limit/types.js";
import type { OperationMeta } from "../meta.js";
import type { Runtime } from "./runtime.js";
import type { Call, Layer } from "./types.js";

export interface Limiter {
  readonly layer: Layer;
  /** Fails every waiting call (ScrmRateLimitError "closed") and every later one. */
  close(): void;
}

/**
 * The client-side limiter built from the spec's `x-limits` (see limit/admission.ts for the budgets). A call that fits
 * goes at once, with no timer; the others wait in line (memory store: limit/queue.ts) or poll a shared store
 * (limit/poll.ts). Undefined when the spec declares no limits or `options` is false.
 */
export function createLimiter(
  rt: Runtime,
  options: RateLimitOptions | false | undefined,
  account: string | Promise<string>,
  leaseMs: number,
): Limiter | undefined {
  if (options === false) return undefined;
  const budgets = budgetsOf(options?.limits ?? rt.meta.limits);
  if (!budgets) return undefined;
  const spec: AdmissionSpec = { ...budgets, headroom: options?.headroom ?? 0.05, leaseMs };
  const maxQueue = options?.maxQueue ?? 10_000;
  const pollMs = options?.pollMs ?? 25;
  const store = options?.store ?? new MemoryRateLimitStore();
  const queue = store instanceof MemoryRateLimitStore ? new LocalQueue(store, rt.now) : undefined;
  let closed = false;
  let polling = 0;

  // Keys name the account (a digest of the credentials) so that a shared store never mixes two accounts' budgets.
  let prefix = typeof account === "string" ? limitPrefix(rt.vendor, account) : undefined;
  const ready =
    typeof account === "string"
      ? undefined
      : account.then((digest) => {
          prefix = limitPrefix(rt.vendor, digest);
        });
  const admissions = new Map<OperationMeta, Admission>();
  const admissionOf = (op: OperationMeta): Admission => {
    let admission = admissions.get(op);
    if (!admission) {
      admission = admissionFor(spec, prefix ?? "", op);
      admissions.set(op, admission);
    }
    return admission;
  };

  const pollShared = async (ticket: Ticket): Promise<Lease> => {
    polling++;
    try {
      return await poll({ store, now: rt.now, pollMs, closed: () => closed }, ticket);
    } finally {
      polling--;
    }
  };

  const acquire = (call: Call): Lease | Promise<Lease> => {
    const fail = failures(rt, call, store.shared, maxQueue);
    if (closed) throw fail.closed();
    const ticket: Ticket = { admission: admissionOf(call.op), deadlineAt: call.deadlineAt, signal: call.signal, fail };
    if (!queue) {
      if (polling >= maxQueue) throw fail.full();
      return pollShared(ticket);
    }
    // The fast path: nobody waiting and budget left → admitted here, with no promise and no timer.
    const verdict = queue.tryNow(ticket.admission);
    if (isLease(verdict)) return verdict;
    if (queue.size + polling >= maxQueue) throw fail.full();
    logWait(rt, call, queue.size, ticket.admission);
    return queue.wait(ticket, verdict);
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
      queue?.close();
    },
  };
}

function logWait(rt: Runtime, call: Call, ahead: number, admission: Admission): void {
  rt.log?.(
    `rate limit: ${call.op.operationId} ${rt.requestId(call)} waits (${ahead} ahead; ${describeAdmission(admission)})`,
  );
}

/** The typed errors of one call's wait. */
function failures(rt: Runtime, call: Call, shared: boolean, maxQueue: number): Failures {
  const refuse = (reason: ScrmRateLimitError["reason"], description: string, waitMs?: number) =>
    new ScrmRateLimitError(rt.context(call), { reason, description, ...(waitMs === undefined ? {} : { waitMs }) });
  return {
    closed: () => refuse("closed", "client closed while the call waited for the rate limiter"),
    aborted: (reason) => rt.aborted(call, reason),
    late: (waitMs) =>
      refuse(
        "wait-exceeds-deadline",
        `the ${shared ? "shared " : ""}rate limit frees a slot in ${Math.ceil(waitMs)} ms, after the call's deadline`,
        waitMs,
      ),
    full: () => refuse("queue-full", `rate limiter queue is full (${maxQueue} calls waiting)`),
    store: (error) =>
      error instanceof ScrmStoreError
        ? error.withContext(rt.context(call))
        : new ScrmStoreError("rate limit store", String(error), { cause: error, context: rt.context(call) }),
  };
}
