// Waits that end early when their signal aborts, and the one signal of a call with a deadline.

/** Longest delay a timer takes (2^31 − 1 ms, ~24.8 days): a longer one fires at once, so every timer is clamped. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. The timer never outlives it. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
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
  const timer = setTimeout(() => controller.abort(onDeadline()), Math.min(ms, MAX_TIMER_MS));
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * `promise`, or its signal's reason as soon as the signal aborts: a wait on a store (a Redis command) ends with the
 * call. What the promise brings after that is handed to `leftover` (e.g. a lease to release), never lost.
 */
export function abortable<T>(
  promise: Promise<T> | T,
  signal: AbortSignal | undefined,
  leftover?: (value: T) => void,
): Promise<T> {
  if (!signal || !(promise instanceof Promise)) return Promise.resolve(promise);
  if (signal.aborted) {
    promise.then(leftover, () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.then(leftover, () => {});
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
