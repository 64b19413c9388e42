import { checkSignal, msOption } from "./checks.js";
import { ScrmConfigError } from "./errors.js";
import type { OperationMeta } from "./meta.js";
import { type ResolvedOptions, resolveRetry } from "./options.js";
import type { Call, CallSettings } from "./pipeline/types.js";
import type { CallOptions, RequestInitLike } from "./typed-client.js";
import { buildUrl } from "./url.js";

/** What turns a method call into a Call: the client's checked options, its clock and its operations by route. */
export interface RequestContext {
  readonly vendor: string;
  readonly options: ResolvedOptions;
  readonly now: () => number;
  /** `${method} ${path}` → the spec's operation. */
  readonly routes: ReadonlyMap<string, OperationMeta>;
}

/** One call as the pipeline sees it, and its deadline (ms from now; undefined for none). */
export interface PreparedCall {
  readonly call: Call;
  readonly deadlineMs: number | undefined;
}

/**
 * A call from openapi-fetch's init: the operation (or an ad-hoc one for a path the spec lacks), the URL, the body as
 * sent (JSON unless the init brings a bodySerializer), lower-case headers, the per-call settings and deadline.
 */
export function toCall(
  ctx: RequestContext,
  method: string,
  path: string,
  init: RequestInitLike & CallOptions,
): PreparedCall {
  const { vendor, options } = ctx;
  const verb = method.toLowerCase() as OperationMeta["method"];
  const op = ctx.routes.get(`${verb} ${path}`) ?? { operationId: `${verb.toUpperCase()} ${path}`, method: verb, path };
  checkSignal(vendor, init.signal);
  const serializer = init.querySerializer;
  if (serializer !== undefined && typeof serializer !== "function") {
    throw new ScrmConfigError(vendor, "querySerializer", "must be a function (query) => string");
  }
  const url = buildUrl(
    options.baseUrl,
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
  const deadlineMs =
    init.deadlineMs === undefined ? options.deadlineMs : msOption(vendor, "deadlineMs", init.deadlineMs, 1, 0);
  const call: Call = {
    op,
    method: verb.toUpperCase(),
    url,
    headers,
    body,
    signal: init.signal ?? undefined,
    deadlineAt: deadlineMs === undefined ? Number.POSITIVE_INFINITY : ctx.now() + deadlineMs,
    attempt: 1,
    settings: callSettings(vendor, options.settings, init),
    trace: {},
  };
  return { call, deadlineMs };
}

/** The client's settings, or a copy with this call's own timeout and retry policy. */
function callSettings(vendor: string, settings: CallSettings, init: CallOptions): CallSettings {
  if (init.timeoutMs === undefined && init.retry === undefined) return settings;
  return {
    ...settings,
    timeoutMs: msOption(vendor, "timeoutMs", init.timeoutMs, 0, settings.timeoutMs),
    retry: init.retry === undefined ? settings.retry : resolveRetry(vendor, init.retry),
  };
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
