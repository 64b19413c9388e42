/** A cached access token. `expiresAt` is epoch ms; absent when the vendor gives no lifetime. */
export interface StoredToken {
  value: string;
  expiresAt?: number;
}

/**
 * Where tokens live between calls. Memory by default; a shared store (e.g. Redis) lets several processes use
 * one token. `delete` with a `value` removes the entry only while it still holds that token, so N calls that all
 * saw the same token rejected cause one refresh, not N.
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
  key: string;
  store: TokenStore;
  fetchToken: () => Promise<FetchedToken>;
  /** Refresh this long before expiry (capped at half the lifetime). */
  marginSeconds: number;
  /** Used when the vendor gives no lifetime; undefined keeps the token until the vendor rejects it. */
  fallbackTtlSeconds: number | undefined;
  now: () => number;
  onToken?: (token: string) => void;
}

/** Cache + single flight: any number of concurrent callers on a cold cache cause one token request. */
export class TokenProvider {
  readonly #options: TokenProviderOptions;
  #inflight: Promise<string> | undefined;

  constructor(options: TokenProviderOptions) {
    this.#options = options;
  }

  async get(): Promise<string> {
    const cached = await this.#options.store.get(this.#options.key);
    if (cached && this.#fresh(cached)) {
      // A shared store may hand us a token another process fetched: it must be masked here too.
      this.#options.onToken?.(cached.value);
      return cached.value;
    }
    this.#inflight ??= this.#refresh().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Drops `token` if it is still the cached one; the next get() fetches a new one. */
  async invalidate(token: string): Promise<void> {
    await this.#options.store.delete(this.#options.key, token);
  }

  async #refresh(): Promise<string> {
    const { store, key } = this.#options;
    const fetchAndStore = async (): Promise<StoredToken> => {
      const stored = this.#toStored(await this.#options.fetchToken());
      await store.set(key, stored);
      return stored;
    };
    // Under a cross-process lock, look again first: whoever held the lock before us may have just stored a token.
    const fetchUnderLock = async (): Promise<StoredToken> => {
      const current = await store.get(key);
      return current && this.#fresh(current) ? current : fetchAndStore();
    };
    const token = store.withRefreshLock ? await store.withRefreshLock(key, fetchUnderLock) : await fetchAndStore();
    this.#options.onToken?.(token.value);
    return token.value;
  }

  #fresh(token: StoredToken): boolean {
    return token.expiresAt === undefined || token.expiresAt > this.#options.now();
  }

  #toStored(token: FetchedToken): StoredToken {
    const { marginSeconds, fallbackTtlSeconds, now } = this.#options;
    const ttl = token.expiresIn ?? fallbackTtlSeconds;
    if (ttl === undefined || !(ttl > 0)) return { value: token.accessToken };
    const margin = Math.min(marginSeconds, ttl / 2);
    return { value: token.accessToken, expiresAt: now() + (ttl - margin) * 1000 };
  }
}
