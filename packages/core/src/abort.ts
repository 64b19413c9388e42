/** Small AbortSignal helpers. Every timer they start is cleared on settle or dispose, so none outlives its call. */

export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Clears the timer and detaches from the parent; call it once the guarded work is over. */
  dispose(): void;
}

/**
 * A signal that aborts when `parent` does (with the parent's reason) or after `timeoutMs` (with `reason()`).
 * Written by hand rather than AbortSignal.any/timeout: those keep their timer alive until it fires.
 */
export function linkSignal(
  parent: AbortSignal | undefined,
  timeoutMs: number | undefined,
  reason: () => unknown,
): LinkedSignal {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener("abort", onAbort, { once: true });
  const timer =
    timeoutMs !== undefined && timeoutMs > 0 && !controller.signal.aborted
      ? setTimeout(() => controller.abort(reason()), timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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
 * Waits for `promise` but gives up when `signal` aborts. The work itself goes on (it may be shared, like a token
 * refresh other callers wait for); only this caller stops waiting.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
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
