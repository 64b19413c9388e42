import createClient, { type ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { RateLimitOptions } from "./limiter.js";
import type { VendorMeta } from "./meta.js";
import type { RetryOptions } from "./retry.js";
import type { FetchedToken, TokenStore } from "./token.js";
import { createTransport, type Layer, type Logger } from "./transport.js";
import type { OkClient } from "./typed-client.js";

/** Options every vendor client accepts besides its credentials. */
export interface CommonClientOptions {
  /** Defaults to the spec's first server. Point it at a mock (`pnpm mock`) or a proxy. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
  /**
   * Where access tokens are cached; memory by default. Pass a `RedisTokenStore` so several processes share one token
   * and only one of them fetches it.
   */
  tokenStore?: TokenStore;
  /** Refresh a token this long before it expires (seconds, default 300, capped at half the lifetime). */
  tokenRefreshMarginSeconds?: number;
  /** Lifetime to assume when the vendor gives none (seconds). Default: keep until the vendor rejects it. */
  tokenTtlSeconds?: number;
  /** Extra transport layers run around every HTTP exchange, outermost first (inside retry, auth and rate limiting). */
  layers?: readonly Layer[];
  /**
   * Retries with exponential backoff and jitter (default: 2 retries, 500 ms doubling to at most 8 s; `false` or
   * `{ maxRetries: 0 }` disables them) on network errors, HTTP 5xx/429, and the codes the spec marks as `rate-limit`,
   * `concurrency-limit` or `busy`. Each retry runs auth again (current token, fresh signature). A write (rate class
   * write/batch-write, or a non-GET without one) is retried only when the failure proves it was not processed (a
   * rate/concurrency-limit code, HTTP 429, a refused connection) unless `retryUnsafeWrites` is set.
   */
  retry?: RetryOptions | false;
  /** Bound on one HTTP exchange in ms; throws ScrmTimeoutError (phase "attempt"). 0 = none. Default 30 000. */
  timeoutMs?: number;
  /**
   * Bound on a whole call in ms — waiting for the rate limiter, every attempt and backoff; throws ScrmTimeoutError
   * (phase "deadline"). Default none. A call's `signal` (openapi-fetch passes it through) cancels it at any point.
   */
  deadlineMs?: number;
  /**
   * Client-side limiter built from the spec's `x-limits` (Weiban: 5 in flight per corp, 600/min and 36 000/h per API…),
   * on by default for vendors that declare limits: calls wait their turn instead of failing. In memory per client
   * unless `redis` is given, which shares the budget between processes. `false` turns it off.
   */
  rateLimit?: RateLimitOptions | false;
  /** Debug lines (requests, retries, rate-limit waits, token refreshes), with credentials and tokens redacted. */
  logger?: Logger;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export interface VendorClientOptions extends CommonClientOptions {
  credentials: Readonly<Record<string, string | undefined>>;
  getAccessToken?: () => Promise<string | FetchedToken>;
}

export type VendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta> = OkClient<
  Paths,
  "application/json"
> & {
  /** The spec's vendor metadata (operations, error codes, limits…). */
  readonly meta: Meta;
  /**
   * Releases the rate limiter: fails calls still waiting for it (and any later call) and closes the Redis connection
   * it opened. Needed with `rateLimit.redis`; an in-memory limiter holds no timer or socket while idle.
   */
  close(): Promise<void>;
};

/**
 * A typed openapi-fetch client whose fetch runs the shared pipeline: retries → auth (token cache, single flight,
 * replay once; or per-request signing) → rate limiter → send, with envelope → ScrmApiError and transport failures →
 * typed errors. A call resolves with `{ data }` only for a success envelope; every failure is thrown.
 */
export function createVendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta>(
  meta: Meta,
  options: VendorClientOptions,
): VendorClient<Paths, Meta> {
  const baseUrl = options.baseUrl ?? meta.vendor.baseUrl;
  if (!baseUrl) {
    throw new TypeError(`[${meta.vendor.id}] no baseUrl: the spec declares no server, so pass one`);
  }
  const transport = createTransport({
    meta,
    baseUrl,
    fetch: options.fetch ?? globalThis.fetch,
    credentials: options.credentials,
    getAccessToken: options.getAccessToken,
    tokenStore: options.tokenStore,
    tokenRefreshMarginSeconds: options.tokenRefreshMarginSeconds,
    tokenTtlSeconds: options.tokenTtlSeconds,
    layers: options.layers,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    deadlineMs: options.deadlineMs,
    rateLimit: options.rateLimit,
    now: options.now,
    logger: options.logger,
  });
  const fetchOptions: FetchClientOptions = { baseUrl, fetch: transport.fetch };
  const client = createClient<Paths, "application/json">(fetchOptions);
  // Same object, narrower type: the transport throws every failure, so a resolved call always has `data`.
  return Object.assign(client, { meta, close: transport.close }) as unknown as VendorClient<Paths, Meta>;
}
