import { createHash, randomUUID } from "node:crypto";
import { type EnvelopeStatus, getPath, lookupCode, readEnvelope } from "./envelope.js";
import { ScrmApiError, type ScrmErrorContext, ScrmNetworkError, ScrmResponseError } from "./errors.js";
import type { OperationMeta, TokenAuthMeta, VendorMeta } from "./meta.js";
import { describeUrl, Redactor } from "./redact.js";
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
  /** Extra layers, outermost first, run around every HTTP attempt after auth (rate limiting, retries…). */
  layers?: readonly Layer[] | undefined;
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
}

const SNIPPET_LENGTH = 200;

export interface Transport {
  /** The fetch openapi-fetch calls: resolves only with success envelopes, throws ScrmError otherwise. */
  fetch: FetchLike;
  redactor: Redactor;
  operationFor(method: string, url: URL): OperationMeta;
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

  /** One HTTP attempt: fetch, read, parse. Business codes are returned, transport failures thrown. */
  const send: Send = async (call) => {
    const started = now();
    log(`→ ${call.method} ${describeUrl(call.url)} (${call.op.operationId}) ${call.requestId}`);
    let response: Response;
    try {
      response = await options.fetch(call.url, {
        method: call.method,
        headers: call.headers,
        ...(call.body === undefined ? {} : { body: call.body }),
        ...(call.signal ? { signal: call.signal } : {}),
      });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason ?? error;
      throw new ScrmNetworkError(context(call), redactError(error, redactor));
    }
    const text = await response.text();
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

  const layers = options.layers ?? [];
  const attempt: Send = layers.reduceRight<Send>((next, layer) => layer(next), send);
  const authenticated = withAuth(options, attempt, redactor, now, log);

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
    };
    const outcome = await authenticated(call);
    if (!outcome.envelope.ok) throw toApiError(call, outcome);
    return new Response(outcome.text, { status: outcome.status, headers: outcome.headers });
  };

  return { fetch: fetchAdapter, redactor, operationFor };

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
    return async (call) => {
      if (!call.op.authenticated) return next(call);
      const token = await provider.get();
      const first = await next(apply(call, token));
      if (!rejected(first)) return first;
      // Replay once with a fresh token; a second rejection is the caller's error, never a loop.
      debug(`token rejected (${String(first.envelope.code ?? first.status)}); refreshing and replaying once`);
      await provider.invalidate(token);
      return next(apply(call, await provider.get()));
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
      signal: undefined,
      requestId: `req_${randomUUID()}`,
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
  const digest = createHash("sha256")
    .update(JSON.stringify(Object.entries(credentials).sort()))
    .digest("hex")
    .slice(0, 16);
  return `scrm-openapi:token:${meta.vendor.id}:${digest}`;
}

function redactError(error: unknown, redactor: Redactor): unknown {
  if (error instanceof Error) error.message = redactor.redact(error.message);
  return error;
}
