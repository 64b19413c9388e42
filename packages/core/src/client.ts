import { sha256Hex } from "./crypto.js";
import { ScrmConfigError, ScrmTimeoutError } from "./errors.js";
import type { OperationMeta, VendorMeta } from "./meta.js";
import type { AuthFactory } from "./pipeline/auth-token.js";
import { compose } from "./pipeline/compose.js";
import type { createLimiter, RateLimitOptions } from "./pipeline/limiter.js";
import { retry } from "./pipeline/retry.js";
import { createRuntime } from "./pipeline/runtime.js";
import { createSend } from "./pipeline/send.js";
import type { Call, CallSettings, Layer, Logger, ResolvedRetry } from "./pipeline/types.js";
import { hasControlCharacter } from "./text.js";
import type { FetchedToken, TokenStore } from "./token.js";
import type { CallOptions, OkClient, RequestInitLike } from "./typed-client.js";
import { buildUrl } from "./url.js";

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
   * the spec marks `rate-limit`, `concurrency-limit` or `busy`. A write (rate class write/batch-write, or a non-GET
   * without one) is retried only when the failure proves it was not processed, unless `retryUnsafeWrites` is set.
   * Overridable per call.
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
  /** Debug lines (requests, retries, rate-limit waits, token refreshes), with credentials and tokens masked. */
  logger?: Logger;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export interface VendorClientOptions extends CommonClientOptions {
  /** Client option name → value, e.g. { corpId, secret } or { appId, appKey }: all required, all secret. */
  credentials: Readonly<Record<string, string | undefined>>;
  getAccessToken?: () => Promise<string | FetchedToken>;
}

export type VendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta> = OkClient<Paths> & {
  /** The spec's vendor metadata (operations, error codes, limits…). */
  readonly meta: Meta;
  /** Fails calls still waiting for the rate limiter, and every later call (ScrmRateLimitError "closed"). */
  close(): Promise<void>;
};

/**
 * The pieces a vendor's spec needs, chosen by its package (so a bundle carries only those): the auth layer for its
 * `x-auth` style, and the limiter when it declares `x-limits`.
 */
export interface ClientParts {
  readonly auth: AuthFactory;
  readonly limiter?: typeof createLimiter;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * A typed client for one vendor: openapi-fetch's API and types (`client.GET(path, { params, body })`), run through
 * the shared pipeline — retry → auth (token cache, single flight, replay once; or per-request signing) → rate limiter
 * → your layers → send. A call resolves with `{ data, response }` only for a success envelope; every failure is
 * thrown as a ScrmError. Options are checked here, so a misconfiguration fails at once, naming the option.
 */
export function createVendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta>(
  meta: Meta,
  options: VendorClientOptions,
  parts: ClientParts,
): VendorClient<Paths, Meta> {
  const vendor = meta.vendor.id;
  const baseUrl = meta.vendor.baseUrlRequired
    ? checkBaseUrl(vendor, options.baseUrl, "the spec declares no API host (its server is the docs host)")
    : checkBaseUrl(vendor, options.baseUrl ?? meta.vendor.baseUrl, "the spec declares no server");
  const credentials = checkCredentials(vendor, options.credentials);
  const number = (name: keyof CommonClientOptions, value: number | undefined, min: number, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
      throw new ScrmConfigError(vendor, name, `must be a finite number ≥ ${min}`);
    }
    return value;
  };
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ScrmConfigError(vendor, "fetch", "must be a fetch function");
  }
  const timeoutMs = number("timeoutMs", options.timeoutMs, 0, 30_000);
  const deadlineMs = options.deadlineMs === undefined ? undefined : number("deadlineMs", options.deadlineMs, 1, 0);
  const settings: CallSettings = {
    timeoutMs,
    retry: resolveRetry(vendor, options.retry),
    maxResponseBytes: number("maxResponseBytes", options.maxResponseBytes, 1, DEFAULT_MAX_RESPONSE_BYTES),
  };
  const margin = number("tokenRefreshMarginSeconds", options.tokenRefreshMarginSeconds, 0, 300);
  const ttl =
    options.tokenTtlSeconds === undefined ? undefined : number("tokenTtlSeconds", options.tokenTtlSeconds, 1, 0);

  const rt = createRuntime(meta, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  for (const value of Object.values(credentials)) rt.redactor.add(value);
  // Names the account in the keys of shared stores (Redis) without revealing a secret. Stores of one client need no
  // name, so the default path never waits for a digest.
  const shared = options.tokenStore !== undefined || (options.rateLimit && options.rateLimit.store?.shared === true);
  const account: Promise<string> | string = shared
    ? sha256Hex(JSON.stringify(Object.entries(credentials).sort())).then((hex) => hex.slice(0, 16))
    : "local";

  if (options.getAccessToken !== undefined && typeof options.getAccessToken !== "function") {
    throw new ScrmConfigError(vendor, "getAccessToken", "must be a function returning a token");
  }
  const authLayer = parts.auth(rt, {
    baseUrl,
    credentials,
    getAccessToken: options.getAccessToken,
    tokenStore: options.tokenStore,
    marginSeconds: margin,
    ttlSeconds: ttl,
    settings,
    account,
  });
  const limiter = parts.limiter?.(rt, options.rateLimit, account, timeoutMs > 0 ? timeoutMs + 10_000 : 60_000);
  const pipeline = compose(
    [retry(rt), authLayer, limiter?.layer, ...(options.layers ?? [])],
    // The global fetch is looked up per call, not captured here: interceptors installed after the client is created
    // (msw's setupServer, nock, a test's stub) still see its requests.
    createSend(rt, options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
  );

  const routes = new Map(meta.operations.map((op) => [`${op.method} ${op.path}`, op as OperationMeta]));

  async function request(method: string, path: string, init: RequestInitLike & CallOptions = {}) {
    const verb = method.toLowerCase() as OperationMeta["method"];
    const op = routes.get(`${verb} ${path}`) ?? {
      operationId: `${verb.toUpperCase()} ${path}`,
      method: verb,
      path,
    };
    const serializer = init.querySerializer;
    if (serializer !== undefined && typeof serializer !== "function") {
      throw new ScrmConfigError(vendor, "querySerializer", "must be a function (query) => string");
    }
    const url = buildUrl(
      baseUrl,
      path,
      init.params ?? {},
      serializer as ((q: Record<string, unknown>) => string) | undefined,
    );
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (init.body !== undefined) {
      const serialize = init.bodySerializer as ((value: unknown) => unknown) | undefined;
      body = serialize ? String(serialize(init.body)) : JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    copyHeaders(headers, init.headers);
    copyHeaders(headers, init.params?.header);
    const own = init.timeoutMs !== undefined || init.retry !== undefined;
    const callSettings: CallSettings = own
      ? {
          ...settings,
          timeoutMs: number("timeoutMs", init.timeoutMs, 0, timeoutMs),
          retry: init.retry === undefined ? settings.retry : resolveRetry(vendor, init.retry),
        }
      : settings;
    const limit = init.deadlineMs === undefined ? deadlineMs : number("deadlineMs", init.deadlineMs, 1, 0);
    const call: Call = {
      op,
      method: verb.toUpperCase(),
      url,
      headers,
      body,
      signal: init.signal ?? undefined,
      deadlineAt: limit === undefined ? Number.POSITIVE_INFINITY : rt.now() + limit,
      attempt: 1,
      settings: callSettings,
      trace: {},
    };
    if (limit === undefined) {
      const outcome = await pipeline(call);
      return { data: outcome.body, response: outcome.response };
    }
    // One signal for the caller's abort and the deadline; its timer never outlives the call.
    const controller = new AbortController();
    const outer = call.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(
      () => controller.abort(new ScrmTimeoutError(rt.context(call), { phase: "deadline", timeoutMs: limit })),
      limit,
    );
    try {
      const outcome = await pipeline({ ...call, signal: controller.signal });
      return { data: outcome.body, response: outcome.response };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    }
  }

  const client = {
    meta,
    request,
    GET: (path: string, init?: RequestInitLike & CallOptions) => request("get", path, init),
    POST: (path: string, init?: RequestInitLike & CallOptions) => request("post", path, init),
    PUT: (path: string, init?: RequestInitLike & CallOptions) => request("put", path, init),
    PATCH: (path: string, init?: RequestInitLike & CallOptions) => request("patch", path, init),
    DELETE: (path: string, init?: RequestInitLike & CallOptions) => request("delete", path, init),
    close: async () => limiter?.close(),
  };
  // The methods take any path at run time; the type narrows them to the spec's paths, bodies and answers.
  return client as unknown as VendorClient<Paths, Meta>;
}

function resolveRetry(vendor: string, options: RetryOptions | false | undefined): ResolvedRetry {
  const o = options === false ? { maxRetries: 0 } : (options ?? {});
  const at = (name: keyof RetryOptions, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new ScrmConfigError(vendor, `retry.${name}`, "must be a finite number ≥ 0");
    }
    return value;
  };
  return {
    maxRetries: Math.floor(at("maxRetries", o.maxRetries, 2)),
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
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ScrmConfigError(
      vendor,
      "baseUrl",
      `must be an absolute http(s) URL with a scheme, e.g. "https://${value.replace(/^[a-z]+:\/*/i, "")}"`,
    );
  }
  return value.replace(/\/+$/, "");
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

function copyHeaders(into: Record<string, string>, headers: unknown): void {
  if (!headers) return;
  const entries =
    headers instanceof Headers
      ? [...headers.entries()]
      : Array.isArray(headers)
        ? (headers as [string, unknown][])
        : Object.entries(headers as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (value === undefined || value === null) delete into[name.toLowerCase()];
    else into[name.toLowerCase()] = String(value);
  }
}
