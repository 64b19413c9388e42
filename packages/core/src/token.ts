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
   * get in-process single flight only.
   */
  withRefreshLock?(key: string, fetch: () => Promise<StoredToken>): Promise<StoredToken>;
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

/**
 * Cache + single flight: any number of concurrent callers on a cold cache cause one token request, and share its
 * failure as they share its success (a short, growing back-off during which no new request is made). A refresh
 * is bounded by `refreshTimeoutMs` and cancelled once no caller waits for it, so no timer outlives its callers.
 */
export class TokenProvider {
  readonly #o: TokenProviderOptions;
  #flight: Flight | undefined;
  #failure: { error: unknown; until: number } | undefined;
  #failures = 0;

  constructor(options: TokenProviderOptions) {
    this.#o = options;
  }

  async get(signal?: AbortSignal): Promise<string> {
    const key = this.#o.key;
    const cached = await this.#o.store.get(typeof key === "string" ? key : await key);
    if (cached && this.#fresh(cached)) {
      // A shared store may hand us a token another process fetched: it must be masked here too.
      this.#o.onToken(cached.value);
      return cached.value;
    }
    const now = this.#o.now();
    if (this.#failure && now < this.#failure.until) throw this.#failure.error;
    let flight = this.#flight;
    if (flight && this.#o.refreshTimeoutMs > 0 && now - flight.startedAt >= this.#o.refreshTimeoutMs) {
      this.#timedOut(flight);
      flight = undefined;
    }
    return this.#wait(flight ?? this.#start(), signal);
  }

  /** Drops `token` if it is still the cached one; the next get() fetches a new one. */
  async invalidate(token: string): Promise<void> {
    await this.#o.store.delete(await this.#o.key, token);
  }

  #start(): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      promise: Promise.resolve(""),
      startedAt: this.#o.now(),
      controller,
      waiters: new Set(),
      timer: undefined,
    };
    flight.promise = this.#refresh(controller.signal).then(
      (token) => {
        if (this.#flight === flight) this.#flight = undefined;
        this.#failures = 0;
        this.#failure = undefined;
        return token;
      },
      (error: unknown) => {
        if (this.#flight === flight) {
          this.#flight = undefined;
          this.#fail(error);
        }
        throw error;
      },
    );
    flight.promise.catch(() => {}); // its waiters get the error; an abandoned refresh must not go unhandled
    this.#flight = flight;
    return flight;
  }

  #wait(flight: Flight, signal: AbortSignal | undefined): Promise<string> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<string>((resolve, reject) => {
      const leave = () => {
        flight.waiters.delete(fail);
        signal?.removeEventListener("abort", onAbort);
        if (flight.waiters.size > 0) return;
        clearTimeout(flight.timer);
        flight.timer = undefined;
        // Nobody waits any more: cancel the refresh instead of leaving it (and its timers) running.
        if (this.#flight === flight) {
          this.#flight = undefined;
          flight.controller.abort();
        }
      };
      const fail = (error: unknown) => {
        leave();
        reject(error);
      };
      const onAbort = () => fail(signal?.reason);
      flight.waiters.add(fail);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (flight.timer === undefined && this.#o.refreshTimeoutMs > 0) {
        const left = Math.max(0, this.#o.refreshTimeoutMs - (this.#o.now() - flight.startedAt));
        flight.timer = setTimeout(() => this.#timedOut(flight), left);
      }
      flight.promise.then(
        (token) => {
          if (!flight.waiters.has(fail)) return;
          leave();
          resolve(token);
        },
        (error: unknown) => {
          if (flight.waiters.has(fail)) fail(error);
        },
      );
    });
  }

  #timedOut(flight: Flight): void {
    const error = this.#o.timeoutError();
    if (this.#flight === flight) {
      this.#flight = undefined;
      this.#fail(error);
    }
    clearTimeout(flight.timer);
    flight.timer = undefined;
    flight.controller.abort(error);
    for (const fail of [...flight.waiters]) fail(error);
  }

  #fail(error: unknown): void {
    const backoff = Math.min(this.#o.failureBackoffMs * 2 ** this.#failures, this.#o.failureBackoffMaxMs);
    this.#failures++;
    this.#failure = { error, until: this.#o.now() + backoff };
  }

  async #refresh(signal: AbortSignal): Promise<string> {
    const { store } = this.#o;
    const key = await this.#o.key;
    const fetchAndStore = async (): Promise<StoredToken> => {
      const fetched = await this.#o.fetchToken(signal);
      this.#o.onToken(fetched.accessToken);
      const stored = this.#toStored(fetched);
      await store.set(key, stored);
      return stored;
    };
    // Under a cross-process lock, look again first: whoever held the lock before us may have just stored a token.
    const fetchUnderLock = async (): Promise<StoredToken> => {
      const current = await store.get(key);
      return current && this.#fresh(current) ? current : fetchAndStore();
    };
    const token = store.withRefreshLock ? await store.withRefreshLock(key, fetchUnderLock) : await fetchAndStore();
    this.#o.onToken(token.value);
    return token.value;
  }

  #fresh(token: StoredToken): boolean {
    return token.expiresAt === undefined || token.expiresAt > this.#o.now();
  }

  #toStored(token: FetchedToken): StoredToken {
    const { marginSeconds, fallbackTtlSeconds, now } = this.#o;
    const ttl = token.expiresIn ?? fallbackTtlSeconds;
    if (ttl === undefined || !(ttl > 0)) return { value: token.accessToken };
    const margin = Math.min(marginSeconds, ttl / 2);
    return { value: token.accessToken, expiresAt: now() + (ttl - margin) * 1000 };
  }
}
