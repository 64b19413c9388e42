import { withDeadline } from "./abort.js";
import { sha256Hex } from "./crypto.js";
import { ScrmTimeoutError } from "./errors.js";
import { accountName } from "./keys.js";
import type { OperationMeta, VendorMeta } from "./meta.js";
import { resolveOptions, type VendorClientOptions } from "./options.js";
import type { AuthFactory } from "./pipeline/auth-token.js";
import { compose } from "./pipeline/compose.js";
import type { createLimiter } from "./pipeline/limiter.js";
import { retry } from "./pipeline/retry.js";
import { createRuntime, type Runtime } from "./pipeline/runtime.js";
import { createSend } from "./pipeline/send.js";
import type { Call, Outcome, Send } from "./pipeline/types.js";
import { type RequestContext, toCall } from "./request.js";
import type { CallOptions, OkClient, OkResult, RequestInitLike } from "./typed-client.js";

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

/**
 * A typed client for one vendor: openapi-fetch's API and types (`client.GET(path, { params, body })`), run through
 * the shared pipeline — [call span] → retry → auth (token cache, single flight, replay once; or per-request signing)
 * → rate limiter → your layers → [exchange span] → send. A call resolves with `{ data, response, requestId }` only for a success envelope; every failure is
 * thrown as a ScrmError. Options are checked here, so a misconfiguration fails at once, naming the option.
 */
export function createVendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta>(
  meta: Meta,
  options: VendorClientOptions,
  parts: ClientParts,
): VendorClient<Paths, Meta> {
  const resolved = resolveOptions(meta, options);
  const rt = createRuntime(meta, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
  });
  for (const value of Object.values(resolved.credentials)) rt.redactor.add(value);
  // Names the account in the keys of shared stores (Redis) without revealing a secret. Stores of one client need no
  // name, so the default path never waits for a digest.
  const tenant = options.tenant;
  const account: Promise<string> | string = resolved.sharedStores
    ? sha256Hex(JSON.stringify(Object.entries(resolved.credentials).sort())).then((hex) =>
        accountName(tenant, hex.slice(0, 16)),
      )
    : accountName(tenant, "local");
  const authLayer = parts.auth(rt, {
    baseUrl: resolved.baseUrl,
    credentials: resolved.credentials,
    getAccessToken: options.getAccessToken,
    tokenStore: options.tokenStore,
    marginSeconds: resolved.marginSeconds,
    ttlSeconds: resolved.ttlSeconds,
    settings: resolved.settings,
    account,
  });
  const { timeoutMs } = resolved.settings;
  const limiter = parts.limiter?.(rt, options.rateLimit, account, timeoutMs > 0 ? timeoutMs + 10_000 : 60_000);
  const traced = options.tracing?.layers(rt, resolved.baseUrl);
  // Without tracing both are undefined and compose skips them: no span, no cost.
  const pipeline = compose(
    [traced?.call, retry(rt), authLayer, limiter?.layer, ...(options.layers ?? []), traced?.exchange],
    // The global fetch is looked up per call, not captured here: interceptors installed after the client is created
    // (msw's setupServer, nock, a test's stub) still see its requests.
    createSend(rt, options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
  );
  const ctx: RequestContext = {
    vendor: meta.vendor.id,
    options: resolved,
    now: rt.now,
    routes: new Map(meta.operations.map((op) => [`${op.method} ${op.path}`, op as OperationMeta])),
  };
  const request = (method: string, path: string, init: RequestInitLike & CallOptions = {}) =>
    run(rt, pipeline, ctx, method, path, init);

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

/** One call through the pipeline; with a deadline, one signal for the caller's abort and the deadline. */
async function run(
  rt: Runtime,
  pipeline: Send,
  ctx: RequestContext,
  method: string,
  path: string,
  init: RequestInitLike & CallOptions,
): Promise<OkResult> {
  const { call, deadlineMs } = toCall(ctx, method, path, init);
  if (deadlineMs === undefined) return result(rt, call, await pipeline(call));
  const deadline = withDeadline(
    call.signal,
    deadlineMs,
    () => new ScrmTimeoutError(rt.context(call), { phase: "deadline", timeoutMs: deadlineMs }),
  );
  try {
    return result(rt, call, await pipeline({ ...call, signal: deadline.signal }));
  } finally {
    deadline.dispose();
  }
}

/**
 * What a call resolves to. `requestId` is a getter on the prototype, so a caller that never reads it costs neither a
 * header lookup nor an object with an accessor: the vendor's id from the spec's `requestIdHeader`, or, when the
 * answer carries none, the id this client gave the call in its log records and errors.
 */
class Result implements OkResult {
  readonly data: unknown;
  readonly response: Response;
  readonly #rt: Runtime;
  readonly #call: Call;
  readonly #headers: Headers;

  constructor(rt: Runtime, call: Call, outcome: Outcome) {
    this.data = outcome.body;
    this.response = outcome.response;
    this.#rt = rt;
    this.#call = call;
    this.#headers = outcome.headers;
  }

  get requestId(): string {
    return this.#rt.context(this.#call, this.#headers).requestId;
  }
}

function result(rt: Runtime, call: Call, outcome: Outcome): OkResult {
  return new Result(rt, call, outcome);
}
