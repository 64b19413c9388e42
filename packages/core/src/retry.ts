import { linkSignal, sleep } from "./abort.js";
import { lookupCode } from "./envelope.js";
import {
  ScrmApiError,
  ScrmError,
  type ScrmErrorContext,
  ScrmNetworkError,
  ScrmResponseError,
  ScrmTimeoutError,
} from "./errors.js";
import type { ErrorKind, OperationMeta, VendorMeta } from "./meta.js";
import type { Call, Outcome, Send } from "./transport.js";

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. Default 2. */
  maxRetries?: number;
  /** Backoff before the first retry, doubled each time, with up to 25% jitter off. Default 500 ms. */
  initialDelayMs?: number;
  /** Backoff cap. Default 8000 ms. */
  maxDelayMs?: number;
  /**
   * Also retry writes after failures that do not prove the write was refused (a timeout, a reset connection, a 5xx,
   * a busy code). Only safe when the operation is idempotent (e.g. it carries your own request id). Default false.
   */
  retryUnsafeWrites?: boolean;
}

export interface ResolvedRetry {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  retryUnsafeWrites: boolean;
}

export function resolveRetry(options: RetryOptions | false | undefined): ResolvedRetry {
  const o = options === false ? { maxRetries: 0 } : (options ?? {});
  return {
    maxRetries: Math.max(0, Math.floor(o.maxRetries ?? 2)),
    initialDelayMs: Math.max(0, o.initialDelayMs ?? 500),
    maxDelayMs: Math.max(0, o.maxDelayMs ?? 8000),
    retryUnsafeWrites: o.retryUnsafeWrites ?? false,
  };
}

/** Kinds that mean "refused before processing": safe to retry for any operation. */
const REFUSED_KINDS: ReadonlySet<ErrorKind> = new Set(["rate-limit", "concurrency-limit"]);
/** Connection errors raised before a byte of the request reached the vendor. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Reads are safe to repeat. The spec's rate class says what an operation is (a POST list is a `read`); without one,
 * only GET counts as a read.
 */
export function isRead(op: OperationMeta): boolean {
  return op.rateClass !== undefined ? op.rateClass === "read" : op.method === "get";
}

/** Why an attempt failed, and whether repeating it is safe; `undefined` when it must not be retried. */
function retryReason(
  meta: VendorMeta,
  failure: { outcome: Outcome } | { error: unknown },
  safe: boolean,
): string | undefined {
  if ("outcome" in failure) {
    const { envelope, status } = failure.outcome;
    return classify(lookupCode(meta, envelope.code)?.kind, status, safe, `code ${String(envelope.code)}`);
  }
  const { error } = failure;
  if (error instanceof ScrmApiError) return classify(error.kind, error.status, safe, `code ${String(error.code)}`);
  if (error instanceof ScrmResponseError) return classify(undefined, error.status, safe, "a non-envelope answer");
  if (error instanceof ScrmTimeoutError) {
    return error.phase === "attempt" && safe ? `no answer within ${error.timeoutMs} ms` : undefined;
  }
  if (error instanceof ScrmNetworkError) {
    const code = errorCode(error.cause);
    return code !== undefined && NOT_SENT_CODES.has(code) ? code : safe ? (code ?? "network error") : undefined;
  }
  return undefined;
}

function classify(kind: ErrorKind | undefined, status: number, safe: boolean, what: string): string | undefined {
  if (kind !== undefined && REFUSED_KINDS.has(kind)) return `${what} (${kind})`;
  if (kind === "busy") return safe ? `${what} (busy)` : undefined;
  if (status === 429 || (status >= 500 && safe)) return `${what} (HTTP ${status})`;
  return undefined;
}

/** The first string `code` down the cause chain (undici wraps ECONNREFUSED in "fetch failed"). */
function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

export interface RetryLayerOptions {
  meta: VendorMeta;
  retry: ResolvedRetry;
  /** Bound on a whole call (queueing, attempts, backoff); undefined for none. */
  deadlineMs: number | undefined;
  context: (call: Call) => ScrmErrorContext;
  log: (message: string) => void;
}

/**
 * The outermost layer: owns the call's deadline and repeats the whole attempt (auth included, so every retry gets a
 * current token or a fresh signature) with exponential backoff and jitter, openai-node style.
 */
export function withRetry(next: Send, options: RetryLayerOptions): Send {
  const { meta, retry, log } = options;
  return async (call) => {
    const deadline = linkSignal(
      call.signal,
      options.deadlineMs,
      () => new ScrmTimeoutError(options.context(call), { phase: "deadline", timeoutMs: options.deadlineMs ?? 0 }),
    );
    const deadlineAt = options.deadlineMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.deadlineMs;
    const signal = deadline.signal;
    const writeSafe = isRead(call.op) || retry.retryUnsafeWrites;
    try {
      for (let attempt = 1; ; attempt++) {
        let failure: { outcome: Outcome } | { error: unknown };
        try {
          const outcome = await next({ ...call, signal, attempt });
          if (outcome.envelope.ok) return outcome;
          failure = { outcome };
        } catch (error) {
          if (signal.aborted) throw signal.reason ?? error;
          failure = { error };
        }
        // A failure of another operation (the token call) means this call was never sent.
        const safe =
          writeSafe ||
          ("error" in failure &&
            failure.error instanceof ScrmError &&
            failure.error.operationId !== call.op.operationId);
        const reason = attempt <= retry.maxRetries ? retryReason(meta, failure, safe) : undefined;
        const delay = backoff(retry, attempt);
        if (reason === undefined || Date.now() + delay >= deadlineAt) {
          if ("outcome" in failure) return failure.outcome;
          throw failure.error;
        }
        log(
          `retry ${attempt}/${retry.maxRetries} of ${call.op.operationId} ${call.requestId} in ${Math.round(delay)}ms after ${reason}`,
        );
        await sleep(delay, signal);
      }
    } finally {
      deadline.dispose();
    }
  };
}

function backoff(retry: ResolvedRetry, attempt: number): number {
  const base = Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
  return base * (1 - Math.random() * 0.25);
}
