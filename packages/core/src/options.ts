import { checkFunction, checkObject, msOption, numberOption } from "./checks.js";
import { ScrmConfigError } from "./errors.js";
import { checkRateLimit } from "./limit/check.js";
import type { RateLimitOptions } from "./limit/types.js";
import type { LogLevel } from "./log.js";
import type { VendorMeta } from "./meta.js";
import type { CallSettings, Layer, Logger, ResolvedRetry, Tracing } from "./pipeline/types.js";
import { hasControlCharacter } from "./text.js";
import type { FetchedToken, TokenStore } from "./token.js";

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. Default 2. */
  maxRetries?: number;
  /** Backoff before the first retry, doubled each time, with up to 25% jitter off. Default 500 ms. */
  initialDelayMs?: number;
  /** Backoff cap. Default 8000 ms. */
  maxDelayMs?: number;
  /**
   * Longest vendor-requested wait (Retry-After, or the spec's `retryAfterSeconds`: Weiban blocks an API for 60 s after
   * 10053) worth sleeping through before a retry. A longer one, or one past the call's deadline, fails at once with
   * the wait in the error (`retryAfterMs`). Default 60 000.
   */
  maxRetryAfterMs?: number;
  /**
   * Also retry writes after failures that do not prove the write was refused (a timeout, a reset connection, a 5xx,
   * a busy code). Only safe when the operation is idempotent (e.g. it carries your own request id). Default false.
   */
  retryUnsafeWrites?: boolean;
}

/** Options every vendor client accepts besides its credentials. */
export interface CommonClientOptions {
  /** Defaults to the spec's first server. Point it at a mock (`pnpm mock`) or a proxy. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
  /**
   * Where access tokens are cached; memory by default. A `RedisTokenStore` (@scrm-openapi/redis) lets several
   * processes share one token, and only one of them fetches it.
   */
  tokenStore?: TokenStore;
  /** Refresh a token this long before it expires (seconds, default 300, capped at half the lifetime). */
  tokenRefreshMarginSeconds?: number;
  /** Lifetime to assume when the vendor gives none (seconds). Default: keep until the vendor rejects it. */
  tokenTtlSeconds?: number;
  /** Extra layers around every HTTP exchange, outermost first (inside retry, auth and rate limiting). */
  layers?: readonly Layer[];
  /**
   * Retries with exponential backoff and jitter (default: 2 retries, 500 ms doubling to at most 8 s; `false` or
   * `{ maxRetries: 0 }` disables them) of errors whose `retryable` is true: network errors, HTTP 5xx/429, and the codes
   * the spec marks `rate-limit`, `concurrency-limit` or `busy`. A write (an operation the spec does not mark
   * idempotent; by default every non-GET) is retried only when the failure proves it was not processed, unless
   * `retryUnsafeWrites` is set. Overridable per call.
   */
  retry?: RetryOptions | false;
  /** Bound on one HTTP exchange in ms (ScrmTimeoutError, phase "attempt"); 0 = none. Default 30 000. Per call too. */
  timeoutMs?: number;
  /**
   * Bound on a whole call in ms: waiting for the rate limiter, every attempt and backoff (ScrmTimeoutError, phase
   * "deadline"). Default none. Per call too. A call's `signal` cancels it at any point (ScrmAbortError).
   */
  deadlineMs?: number;
  /** Largest answer read, decompressed (ScrmResponseError "too-large"). Default 10 MiB. */
  maxResponseBytes?: number;
  /**
   * Client-side limiter built from the spec's `x-limits` (Weiban: 5 in flight per corp, 600/min and 36 000/h per
   * API…), on by default for vendors that declare limits: calls wait their turn instead of failing. In memory per
   * client unless `store` is a shared one. `false` turns it off.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Where logs go: `console`, a pino or a winston logger, or any `{ debug, info?, warn?, error? }`. `debug` gets the
   * detailed lines (requests, retries, rate-limit waits, token refreshes) as strings; `info`, `warn` and `error` one
   * structured record per attempt (vendor, operation, status, code, attempt, duration, retry decision). Credentials
   * and tokens are masked. Default: the console when a level is set, else none.
   */
  logger?: Logger;
  /**
   * `off`, `error` (a call given up), `warn` (+ an attempt to be retried), `info` (+ every successful attempt) or
   * `debug` (+ the detailed lines). Default: the `SCRM_LOG` environment variable, else `debug` with a logger and `off`
   * without one. At `off` nothing is built.
   */
  logLevel?: LogLevel;
  /**
   * Spans for every call and every HTTP exchange: `openTelemetry()` from `@scrm-openapi/core/otel` (which needs
   * `@opentelemetry/api`). Default none: nothing is traced and nothing of OpenTelemetry is loaded.
   */
  tracing?: Tracing;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
  /** The tenant this client serves (see createClientPool): token and rate-limit keys name it. */
  tenant?: string;
}

export interface VendorClientOptions extends CommonClientOptions {
  /** Client option name → value, e.g. { corpId, secret } or { appId, appKey }: all required, all secret. */
  credentials: Readonly<Record<string, string | undefined>>;
  getAccessToken?: () => Promise<string | FetchedToken>;
}

/** A client's options once checked and defaulted: what the pipeline is built from. */
export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly credentials: Readonly<Record<string, string>>;
  readonly settings: CallSettings;
  /** undefined: no deadline. */
  readonly deadlineMs: number | undefined;
  readonly marginSeconds: number;
  readonly ttlSeconds: number | undefined;
  /** True when a store is shared between processes (Redis): its keys then name the account. */
  readonly sharedStores: boolean;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Checks every option and fills in the defaults, so a misconfiguration fails at creation, naming the option. */
export function resolveOptions(meta: VendorMeta, options: VendorClientOptions): ResolvedOptions {
  const vendor = meta.vendor.id;
  const baseUrl = meta.vendor.baseUrlRequired
    ? checkBaseUrl(vendor, options.baseUrl, "the spec declares no API host (its server is the docs host)")
    : checkBaseUrl(vendor, options.baseUrl ?? meta.vendor.baseUrl, "the spec declares no server");
  const credentials = checkCredentials(vendor, options.credentials);
  checkShapes(vendor, options);
  checkRateLimit(vendor, options.rateLimit);
  const timeoutMs = msOption(vendor, "timeoutMs", options.timeoutMs, 0, 30_000);
  return {
    baseUrl,
    credentials,
    settings: {
      timeoutMs,
      retry: resolveRetry(vendor, options.retry),
      maxResponseBytes: numberOption(
        vendor,
        "maxResponseBytes",
        options.maxResponseBytes,
        1,
        DEFAULT_MAX_RESPONSE_BYTES,
      ),
    },
    deadlineMs: options.deadlineMs === undefined ? undefined : msOption(vendor, "deadlineMs", options.deadlineMs, 1, 0),
    marginSeconds: numberOption(vendor, "tokenRefreshMarginSeconds", options.tokenRefreshMarginSeconds, 0, 300, 1e9),
    ttlSeconds:
      options.tokenTtlSeconds === undefined
        ? undefined
        : numberOption(vendor, "tokenTtlSeconds", options.tokenTtlSeconds, 1, 0, 1e9),
    sharedStores:
      options.tokenStore !== undefined || (options.rateLimit !== false && options.rateLimit?.store?.shared === true),
  };
}

export function resolveRetry(vendor: string, options: RetryOptions | false | undefined): ResolvedRetry {
  if (options !== undefined && options !== false && (typeof options !== "object" || options === null)) {
    throw new ScrmConfigError(vendor, "retry", "must be false or an object of retry options");
  }
  const o = options === false ? { maxRetries: 0 } : (options ?? {});
  const at = (name: keyof RetryOptions, value: number | undefined, fallback: number) =>
    msOption(vendor, `retry.${name}`, value, 0, fallback);
  if (o.retryUnsafeWrites !== undefined && typeof o.retryUnsafeWrites !== "boolean") {
    throw new ScrmConfigError(vendor, "retry.retryUnsafeWrites", "must be a boolean");
  }
  return {
    maxRetries: Math.floor(numberOption(vendor, "retry.maxRetries", o.maxRetries, 0, 2, 100)),
    initialDelayMs: at("initialDelayMs", o.initialDelayMs, 500),
    maxDelayMs: at("maxDelayMs", o.maxDelayMs, 8000),
    maxRetryAfterMs: at("maxRetryAfterMs", o.maxRetryAfterMs, 60_000),
    retryUnsafeWrites: o.retryUnsafeWrites ?? false,
  };
}

function checkBaseUrl(vendor: string, value: unknown, whyRequired: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ScrmConfigError(vendor, "baseUrl", `is required: ${whyRequired}`);
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // The value is never quoted: a baseUrl can carry a password or a token.
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ScrmConfigError(vendor, "baseUrl", "must be an absolute http(s) URL with a scheme, e.g. https://host");
  }
  if (url.username !== "" || url.password !== "") {
    throw new ScrmConfigError(
      vendor,
      "baseUrl",
      "must not carry credentials (user:password@): they would be sent and logged",
    );
  }
  if (value.includes("?") || value.includes("#")) {
    throw new ScrmConfigError(vendor, "baseUrl", "must not carry a ?query or #fragment: paths are appended to it");
  }
  return value.replace(/\/+$/, "");
}

/** The function and object options, checked by shape so that a wrong value fails here, not on the first call. */
function checkShapes(vendor: string, options: VendorClientOptions): void {
  if (typeof options.credentials !== "object" || options.credentials === null) {
    throw new ScrmConfigError(vendor, "credentials", "must be an object of credential strings");
  }
  checkFunction(vendor, "fetch", options.fetch, "a fetch function");
  checkFunction(vendor, "getAccessToken", options.getAccessToken, "a function returning a token");
  checkFunction(vendor, "now", options.now, "a function returning epoch ms");
  checkObject(vendor, "logger", options.logger, ["debug"]);
  checkObject(vendor, "tracing", options.tracing, ["layers"]);
  checkObject(vendor, "tokenStore", options.tokenStore, ["get", "set", "delete"]);
  if (options.tokenStore?.withRefreshLock !== undefined) {
    checkFunction(vendor, "tokenStore.withRefreshLock", options.tokenStore.withRefreshLock, "a function");
  }
  const layers: unknown = options.layers;
  if (layers !== undefined && (!Array.isArray(layers) || layers.some((layer) => typeof layer !== "function"))) {
    throw new ScrmConfigError(vendor, "layers", "must be an array of layer functions (next) => (call) => …");
  }
}

function checkCredentials(
  vendor: string,
  credentials: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(credentials)) {
    if (typeof value !== "string" || value === "") throw new ScrmConfigError(vendor, name, "is required");
    if (hasControlCharacter(value)) {
      throw new ScrmConfigError(vendor, name, "contains a line break or control character (copied with a newline?)");
    }
    checked[name] = value;
  }
  return checked;
}
