import { createHash, randomUUID } from "node:crypto";
import { abortable, linkSignal } from "./abort.js";
import { type EnvelopeStatus, getPath, lookupCode, readEnvelope } from "./envelope.js";
import {
  ScrmApiError,
  type ScrmErrorContext,
  ScrmNetworkError,
  ScrmResponseError,
  ScrmStoreError,
  ScrmTimeoutError,
  StoreError,
} from "./errors.js";
import { createRateLimiter, type RateLimitOptions } from "./limiter.js";
import type { OperationMeta, TokenAuthMeta, VendorMeta } from "./meta.js";
import { describeUrl, Redactor } from "./redact.js";
import { type RetryOptions, resolveRetry, withRetry } from "./retry.js";
import { signRequest } from "./signature.js";
import { type FetchedToken, MemoryTokenStore, TokenProvider, type TokenStore } from "./token.js";

export interface Logger {
  debug(message: string): void;
}

export type FetchLike = (input: Request) => Promise<Response>;

/** One HTTP exchange as the layers see it. Layers copy it; they never mutate the caller's. */
export interface Call {
  readonly op: OperationMeta;
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The exact text sent (signatures are computed over it); undefined for no body. */
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly requestId: string;
  /** 1 for the first try, 2 for the first retry… (a token replay is within one attempt). */
  readonly attempt: number;
}

export interface Outcome {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
  readonly envelope: EnvelopeStatus;
}

export type Send = (call: Call) => Promise<Outcome>;
/** A composable piece of the pipeline (auth, retry, rate limiting…), Octokit-plugin style. */
export type Layer = (next: Send) => Send;

export interface TransportOptions {
  meta: VendorMeta;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /** Client option name → value, e.g. { corpId, secret } or { appId, appKey }. All are treated as secrets. */
  credentials: Readonly<Record<string, string | undefined>>;
  /** Caller-supplied token source, for vendors whose token endpoint is undocumented. */
  getAccessToken?: (() => Promise<string | FetchedToken>) | undefined;
  tokenStore?: TokenStore | undefined;
  /** Refresh a token this long before it expires. Default 300 s (capped at half its lifetime). */
  tokenRefreshMarginSeconds?: number | undefined;
  /** Lifetime to assume when the vendor gives none. Default: keep until the vendor rejects it. */
  tokenTtlSeconds?: number | undefined;
  /** Extra layers, outermost first, run around every HTTP exchange (inside retry, auth and rate limiting). */
  layers?: readonly Layer[] | undefined;
  /** Retry policy; false = never retry. */
  retry?: RetryOptions | false | undefined;
  /** Bound on one HTTP exchange in ms (0 = none). Default 30 000. */
  timeoutMs?: number | undefined;
  /** Bound on a whole call (queueing, retries, backoff) in ms. Default none. */
  deadlineMs?: number | undefined;
  /** Client-side limiter from the spec's x-limits; false = none. */
  rateLimit?: RateLimitOptions | false | undefined;
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
}

const SNIPPET_LENGTH = 200;

export interface Transport {
  /** The fetch openapi-fetch calls: resolves only with success envelopes, throws ScrmError otherwise. */
  fetch: FetchLike;
  redactor: Redactor;
  operationFor(method: string, url: URL): OperationMeta;
  /** Stops the rate limiter and closes the Redis connection it opened, if any. */
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const { meta, logger } = options;
  const now = options.now ?? Date.now;
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const basePath = base.pathname.replace(/\/$/, "");
  const redactor = new Redactor();
  for (const value of Object.values(options.credentials)) redactor.add(value);
  const log = (message: string) => logger?.debug(redactor.redact(`[${meta.vendor.id}] ${message}`));

  const byRoute = new Map(meta.operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op]));
  const operationFor = (method: string, url: URL): OperationMeta => {
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const found = byRoute.get(`${method.toUpperCase()} ${path}`);
    if (found) return found;
    return {
      operationId: `${method.toUpperCase()} ${path}`,
      method: method.toLowerCase() as OperationMeta["method"],
      path,
      summary: "",
      source: "",
      authenticated: true,
    };
  };

  const context = (call: Call, headers?: Headers): ScrmErrorContext => ({
    vendor: meta.vendor.id,
    operationId: call.op.operationId,
    requestId: headers?.get("x-request-id") ?? call.requestId,
  });

  const timeoutMs = options.timeoutMs ?? 30_000;

  /** One HTTP exchange: fetch, read, parse. Business codes are returned, transport failures thrown. */
  const send: Send = async (call) => {
    const started = now();
    log(`→ ${call.method} ${describeUrl(call.url)} (${call.op.operationId}) ${call.requestId} #${call.attempt}`);
    const bound = linkSignal(
      call.signal,
      timeoutMs,
      () => new ScrmTimeoutError(context(call), { phase: "attempt", timeoutMs }),
    );
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(call.url, {
        method: call.method,
        headers: call.headers,
        ...(call.body === undefined ? {} : { body: call.body }),
        signal: bound.signal,
      });
      text = await response.text();
    } catch (error) {
      if (bound.signal.aborted) throw bound.signal.reason ?? error;
      throw new ScrmNetworkError(context(call), redactError(error, redactor));
    } finally {
      bound.dispose();
    }
    const contentType = response.headers.get("content-type") ?? "";
    const snippet = () => redactor.redact(text.slice(0, SNIPPET_LENGTH));
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const envelope = readEnvelope(meta.envelope, body);
    log(`← ${response.status} ${meta.envelope.codeField}=${String(envelope.code)} in ${now() - started}ms`);
    if (body === undefined || typeof body !== "object" || (envelope.code === undefined && !response.ok)) {
      const reason =
        text === ""
          ? "empty response body"
          : body === undefined
            ? "response is not JSON"
            : "response is not a vendor envelope";
      throw new ScrmResponseError(context(call, response.headers), {
        status: response.status,
        contentType,
        snippet: snippet(),
        reason,
      });
    }
    return { status: response.status, headers: response.headers, text, body, envelope };
  };

  // retry → auth → rate limit → caller's layers → send. Retry is outermost so that every attempt re-runs auth (a
  // current token, a fresh signature); the limiter is inside auth so token calls count against the budget too.
  const layers = options.layers ?? [];
  const exchange: Send = layers.reduceRight<Send>((next, layer) => layer(next), send);
  const limiter = createRateLimiter({
    meta,
    options: options.rateLimit,
    account: credentialDigest(options.credentials),
    holdLimitMs: timeoutMs > 0 ? timeoutMs + 10_000 : undefined,
    context: (call) => context(call),
    log,
  });
  const limited = limiter ? limiter.layer(exchange) : exchange;
  const authenticated = withAuth(options, limited, redactor, now, log);
  const pipeline = withRetry(authenticated, {
    meta,
    retry: resolveRetry(options.retry),
    deadlineMs: options.deadlineMs,
    context: (call) => context(call),
    log,
  });

  const toApiError = (call: Call, outcome: Outcome): ScrmApiError => {
    const known = lookupCode(meta, outcome.envelope.code);
    return new ScrmApiError(context(call, outcome.headers), {
      code: outcome.envelope.code ?? `HTTP ${outcome.status}`,
      vendorMessage: redactor.redact(outcome.envelope.message),
      meaning: known?.meaning,
      kind: known?.kind,
      status: outcome.status,
    });
  };

  const fetchAdapter: FetchLike = async (request) => {
    const url = new URL(request.url);
    const body = request.body === null ? undefined : await request.text();
    const call: Call = {
      op: operationFor(request.method, url),
      method: request.method,
      url,
      headers: new Headers(request.headers),
      body,
      signal: request.signal,
      requestId: `req_${randomUUID()}`,
      attempt: 1,
    };
    const outcome = await pipeline(call);
    if (!outcome.envelope.ok) throw toApiError(call, outcome);
    return new Response(outcome.text, { status: outcome.status, headers: outcome.headers });
  };

  return { fetch: fetchAdapter, redactor, operationFor, close: async () => limiter?.close() };

  function withAuth(
    opts: TransportOptions,
    next: Send,
    secrets: Redactor,
    clock: () => number,
    debug: (m: string) => void,
  ): Send {
    const auth = opts.meta.auth;
    if (auth.style === "signature") {
      const values = Object.fromEntries(
        Object.entries(opts.credentials).filter((e): e is [string, string] => e[1] !== undefined),
      );
      return (call) => {
        const headers = new Headers(call.headers);
        for (const [name, value] of Object.entries(
          signRequest(auth, values, call.body ?? "", clock(), call.op.authHeaders),
        )) {
          headers.set(name, value);
        }
        return next({ ...call, headers });
      };
    }
    const provider = new TokenProvider({
      key: tokenKey(opts.meta, opts.credentials),
      store: opts.tokenStore ?? new MemoryTokenStore(),
      fetchToken: () => fetchToken(opts, auth, next, debug),
      marginSeconds: opts.tokenRefreshMarginSeconds ?? 300,
      fallbackTtlSeconds: opts.tokenTtlSeconds,
      now: clock,
      onToken: (token) => secrets.add(token),
    });
    const apply = (call: Call, token: string): Call => {
      if (auth.style === "query-token") {
        const url = new URL(call.url);
        url.searchParams.set(auth.tokenParameter ?? "access_token", token);
        return { ...call, url };
      }
      const headers = new Headers(call.headers);
      headers.set("authorization", `Bearer ${token}`);
      return { ...call, headers };
    };
    const rejected = (outcome: Outcome) =>
      lookupCode(opts.meta, outcome.envelope.code)?.kind === "token-invalid" ||
      (auth.style === "bearer-token" && outcome.status === 401);
    // The refresh is shared, so an aborted caller stops waiting for it without cancelling it for the others.
    const currentToken = async (call: Call, stale?: string): Promise<string> => {
      try {
        if (stale !== undefined) await provider.invalidate(stale);
        return await abortable(provider.get(), call.signal);
      } catch (error) {
        throw error instanceof StoreError ? new ScrmStoreError(context(call), error) : error;
      }
    };
    // A bearer 401 rejects the token whatever its body; Prism and most gateways send none (or not an envelope).
    const bearer401 = (error: unknown) =>
      auth.style === "bearer-token" && error instanceof ScrmResponseError && error.status === 401;
    return async (call) => {
      if (!call.op.authenticated) return next(call);
      const token = await currentToken(call);
      let reason = "401";
      try {
        const first = await next(apply(call, token));
        if (!rejected(first)) return first;
        reason = String(first.envelope.code ?? first.status);
      } catch (error) {
        if (!bearer401(error)) throw error;
      }
      // Replay once with a fresh token; a second rejection is the caller's error, never a loop.
      debug(`token rejected (${reason}); refreshing and replaying once`);
      return next(apply(call, await currentToken(call, token)));
    };
  }

  async function fetchToken(
    opts: TransportOptions,
    auth: TokenAuthMeta,
    next: Send,
    debug: (m: string) => void,
  ): Promise<FetchedToken> {
    if (opts.getAccessToken) {
      const token = await opts.getAccessToken();
      return typeof token === "string" ? { accessToken: token } : token;
    }
    const op = opts.meta.operations.find((o) => o.operationId === auth.tokenOperation);
    if (!op || !auth.credentials) {
      throw new TypeError(
        `[${opts.meta.vendor.id}] the token endpoint is not documented: pass getAccessToken() to the client`,
      );
    }
    const url = new URL(op.path.replace(/^\//, ""), base);
    const fields: Record<string, string> = {};
    for (const [wire, option] of Object.entries(auth.credentials.fields)) {
      const value = opts.credentials[option];
      if (!value) throw new TypeError(`[${opts.meta.vendor.id}] missing client option "${option}"`);
      fields[wire] = value;
    }
    const headers = new Headers({ accept: "application/json" });
    let body: string | undefined;
    if (auth.credentials.in === "query") {
      for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
    } else {
      body = JSON.stringify(fields);
      headers.set("content-type", "application/json");
    }
    const call: Call = {
      op,
      method: op.method.toUpperCase(),
      url,
      headers,
      body,
      // Shared by every caller waiting for it, so no single caller's signal may cancel it.
      signal: undefined,
      requestId: `req_${randomUUID()}`,
      attempt: 1,
    };
    debug("fetching a new access token");
    const outcome = await next(call);
    if (!outcome.envelope.ok) throw toApiError(call, outcome);
    const accessToken = getPath(outcome.body, auth.tokenField ?? "access_token");
    if (typeof accessToken !== "string" || accessToken === "") {
      throw new ScrmResponseError(context(call, outcome.headers), {
        status: outcome.status,
        contentType: outcome.headers.get("content-type") ?? "",
        snippet: "",
        reason: `token response has no ${auth.tokenField ?? "access_token"}`,
      });
    }
    const expiresIn = auth.expiresInField ? Number(getPath(outcome.body, auth.expiresInField)) : Number.NaN;
    return Number.isFinite(expiresIn) && expiresIn > 0 ? { accessToken, expiresIn } : { accessToken };
  }
}

/** Token cache key: vendor + a hash of the credentials, so apps don't collide and no secret is in the key. */
function tokenKey(meta: VendorMeta, credentials: Readonly<Record<string, string | undefined>>): string {
  return `scrm-openapi:token:${meta.vendor.id}:${credentialDigest(credentials)}`;
}

/** Names the account (corp, app) without revealing its secret: token and limiter keys are built from it. */
function credentialDigest(credentials: Readonly<Record<string, string | undefined>>): string {
  return createHash("sha256")
    .update(JSON.stringify(Object.entries(credentials).sort()))
    .digest("hex")
    .slice(0, 16);
}

function redactError(error: unknown, redactor: Redactor): unknown {
  if (error instanceof Error) error.message = redactor.redact(error.message);
  return error;
}
