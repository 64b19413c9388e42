import { abortable } from "./abort.js";

/** A cached access token. `expiresAt` is epoch ms; absent when the vendor gives no lifetime. */
export interface StoredToken {
  value: string;
  expiresAt?: number;
}

/**
 * Where tokens live between calls. Memory by default; a shared store (`RedisTokenStore` from @scrm-openapi/redis)
 * lets several processes use one token. `delete` with a `value` removes the entry only while it still holds that
 * token, so N calls that all saw the same token rejected cause one refresh, not N. A store that cannot do its job
 * throws a ScrmStoreError.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  delete(key: string, value?: string): Promise<void>;
  /**
   * Optional cross-process single flight: run `fetch` while holding a lock on `key`, waiting while another process
   * holds it (`fetch` first looks in the store, so a waiter picks up the token the holder stored). Stores without it
   * get in-process single flight only. `signal` aborts when no caller waits for the refresh any more (or it timed
   * out): stop waiting for the lock then, rejecting with its reason.
   */
  withRefreshLock?(key: string, fetch: () => Promise<StoredToken>, signal?: AbortSignal): Promise<StoredToken>;
}

export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();

  async get(key: string): Promise<StoredToken | undefined> {
    return this.#tokens.get(key);
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.#tokens.set(key, token);
  }

  async delete(key: string, value?: string): Promise<void> {
    if (value === undefined || this.#tokens.get(key)?.value === value) this.#tokens.delete(key);
  }
}

export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds, when known. */
  expiresIn?: number;
}

export interface TokenProviderOptions {
  /** The store key; may still be computing (a digest of the credentials). */
  key: string | Promise<string>;
  store: TokenStore;
  /** Fetches a token; `signal` aborts when nobody waits for it any more or it took too long. */
  fetchToken(signal: AbortSignal): Promise<FetchedToken>;
  /** Refresh this long before expiry (capped at half the lifetime). */
  marginSeconds: number;
  /** Used when the vendor gives no lifetime; undefined keeps the token until the vendor rejects it. */
  fallbackTtlSeconds: number | undefined;
  now: () => number;
  onToken(token: string): void;
  /** Bound on one refresh (ms, 0 = none): past it, its waiters fail and the next call starts a new refresh. */
  refreshTimeoutMs: number;
  timeoutError(): unknown;
  /** After a failed refresh, callers share its error for this long (doubling per failure up to the max). */
  failureBackoffMs: number;
  failureBackoffMaxMs: number;
}

interface Flight {
  promise: Promise<string>;
  readonly startedAt: number;
  readonly controller: AbortController;
  /** Each waiter's way to fail it; when the last one leaves, the refresh is cancelled. */
  readonly waiters: Set<(error: unknown) => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface TokenProvider {
  get(signal?: AbortSignal): Promise<string>;
  /** Drops `token` if it is still the cached one; the next get() fetches a new one. */
  invalidate(token: string, signal?: AbortSignal): Promise<void>;
}

/**
 * Cache + single flight: any number of concurrent callers on a cold cache cause one token request, and share its
 * failure as they share its success (a short, growing back-off during which no new request is made). A refresh
 * is bounded by `refreshTimeoutMs` and cancelled once no caller waits for it, so no timer outlives its callers.
 */
export function createTokenProvider(o: TokenProviderOptions): TokenProvider {
  const { store, now } = o;
  let flight: Flight | undefined;
  let failure: { error: unknown; until: number } | undefined;
  let failures = 0;
  const key = async () => (typeof o.key === "string" ? o.key : await o.key);
  const fresh = (token: StoredToken) => token.expiresAt === undefined || token.expiresAt > now();

  const fail = (error: unknown) => {
    failure = { error, until: now() + Math.min(o.failureBackoffMs * 2 ** failures++, o.failureBackoffMaxMs) };
  };
  const timedOut = (f: Flight) => {
    const error = o.timeoutError();
    if (flight === f) {
      flight = undefined;
      fail(error);
    }
    clearTimeout(f.timer);
    f.timer = undefined;
    f.controller.abort(error);
    for (const waiter of [...f.waiters]) waiter(error);
  };

  const refresh = async (signal: AbortSignal): Promise<string> => {
    const k = await key();
    const fetchAndStore = async (): Promise<StoredToken> => {
      const fetched = await o.fetchToken(signal);
      o.onToken(fetched.accessToken);
      const ttl = fetched.expiresIn ?? o.fallbackTtlSeconds;
      const stored: StoredToken =
        ttl === undefined || !(ttl > 0)
          ? { value: fetched.accessToken }
          : { value: fetched.accessToken, expiresAt: now() + (ttl - Math.min(o.marginSeconds, ttl / 2)) * 1000 };
      await abortable(store.set(k, stored), signal);
      return stored;
    };
    // Under a cross-process lock, look again first: whoever held the lock before us may have just stored a token.
    const token = store.withRefreshLock
      ? await store.withRefreshLock(
          k,
          async () => {
            const current = await abortable(store.get(k), signal);
            return current && fresh(current) ? current : fetchAndStore();
          },
          signal,
        )
      : await fetchAndStore();
    o.onToken(token.value);
    return token.value;
  };

  const start = (): Flight => {
    const f: Flight = {
      promise: Promise.resolve(""),
      startedAt: now(),
      controller: new AbortController(),
      waiters: new Set(),
      timer: undefined,
    };
    f.promise = refresh(f.controller.signal).then(
      (token) => {
        if (flight === f) flight = undefined;
        failures = 0;
        failure = undefined;
        return token;
      },
      (error: unknown) => {
        if (flight === f) {
          flight = undefined;
          fail(error);
        }
        throw error;
      },
    );
    f.promise.catch(() => {}); // its waiters get the error; an abandoned refresh must not go unhandled
    flight = f;
    return f;
  };

  const wait = (f: Flight, signal: AbortSignal | undefined): Promise<string> =>
    signal?.aborted
      ? Promise.reject(signal.reason)
      : new Promise<string>((resolve, reject) => {
          const leave = () => {
            f.waiters.delete(waiter);
            signal?.removeEventListener("abort", onAbort);
            if (f.waiters.size > 0) return;
            clearTimeout(f.timer);
            f.timer = undefined;
            // Nobody waits any more: cancel the refresh instead of leaving it (and its timers) running.
            if (flight === f) {
              flight = undefined;
              f.controller.abort();
            }
          };
          const waiter = (error: unknown) => {
            leave();
            reject(error);
          };
          const onAbort = () => waiter(signal?.reason);
          f.waiters.add(waiter);
          signal?.addEventListener("abort", onAbort, { once: true });
          if (f.timer === undefined && o.refreshTimeoutMs > 0) {
            f.timer = setTimeout(() => timedOut(f), Math.max(0, o.refreshTimeoutMs - (now() - f.startedAt)));
          }
          f.promise.then(
            (token) => {
              if (!f.waiters.has(waiter)) return;
              leave();
              resolve(token);
            },
            (error: unknown) => {
              if (f.waiters.has(waiter)) waiter(error);
            },
          );
        });

  return {
    async get(signal) {
      // A stalled store (Redis frozen) does not hold the caller past its deadline or abort.
      const cached = await abortable(store.get(await key()), signal);
      if (cached && fresh(cached)) {
        // A shared store may hand us a token another process fetched: it must be masked here too.
        o.onToken(cached.value);
        return cached.value;
      }
      if (failure && now() < failure.until) throw failure.error;
      if (flight && o.refreshTimeoutMs > 0 && now() - flight.startedAt >= o.refreshTimeoutMs) timedOut(flight);
      return wait(flight ?? start(), signal);
    },
    async invalidate(token, signal) {
      await abortable(store.delete(await key(), token), signal);
    },
  };
}
