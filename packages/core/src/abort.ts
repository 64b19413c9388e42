// Waits that end early when their signal aborts, and the one signal of a call with a deadline.

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. The timer never outlives it. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * One signal for the caller's abort and a deadline `ms` away, aborted with `onDeadline()`; `dispose` clears its timer
 * and listener, so neither outlives the call.
 */
export function withDeadline(
  outer: AbortSignal | undefined,
  ms: number,
  onDeadline: () => unknown,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(onDeadline()), ms);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    },
  };
}
