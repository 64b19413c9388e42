import { sleep } from "../abort.js";
import { ScrmError } from "../errors.js";
import type { Runtime } from "./runtime.js";
import type { Call, Layer } from "./types.js";

/**
 * The outermost layer: repeats the whole attempt (auth included, so every retry gets a current token or a fresh
 * signature) when the error says it is `retryable`, with exponential backoff and jitter, openai-node style. A
 * vendor-requested wait (Retry-After, or the spec's `retryAfterSeconds`) is honoured when it fits the call's deadline
 * and `maxRetryAfterMs`; otherwise the error is thrown at once, carrying the wait.
 */
export function retry(rt: Runtime): Layer {
  return (next) => async (call) => {
    const record = rt.record;
    for (let attempt = 1; ; attempt++) {
      const startedAt = record ? rt.now() : 0;
      try {
        const outcome = await next(attempt === 1 ? call : { ...call, attempt });
        record?.(call, attempt, startedAt, outcome, undefined, undefined);
        return outcome;
      } catch (error) {
        const wait = waitBeforeRetry(rt, call, error, attempt);
        record?.(call, attempt, startedAt, undefined, error, wait);
        if (wait === undefined) throw error;
        rt.log?.(
          `retry ${attempt}/${call.settings.retry.maxRetries} of ${call.op.operationId} ${rt.requestId(call)} in ${Math.round(wait)}ms after: ${(error as Error).message}`,
        );
        try {
          await sleep(wait, call.signal);
        } catch (reason) {
          throw rt.aborted(call, reason);
        }
      }
    }
  };
}

function waitBeforeRetry(rt: Runtime, call: Call, error: unknown, attempt: number): number | undefined {
  const policy = call.settings.retry;
  if (!(error instanceof ScrmError) || !error.retryable || attempt > policy.maxRetries) return undefined;
  const asked = (error as { retryAfterMs?: number }).retryAfterMs;
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return undefined;
  const backoff = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs) * (1 - Math.random() * 0.25);
  const wait = Math.max(backoff, asked ?? 0);
  return rt.now() + wait > call.deadlineAt ? undefined : wait;
}
