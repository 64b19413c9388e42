// OpenTelemetry spans for one client. Reached only through `@scrm-openapi/core/otel`: the one module of core that
// imports the optional peer @opentelemetry/api.
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { Call, Layer, Outcome, Send, TracedClient } from "./types.js";

/** The attributes this client adds to the OpenTelemetry HTTP client conventions. */
export const SCRM_ATTRIBUTES = {
  /** The vendor's id: `weiban`, `weiling`, `tanma`, `planyun`. */
  vendor: "scrm.vendor",
  /** The spec's operationId, or `METHOD /path` for a path the spec lacks. */
  operation: "scrm.operation",
  /** The vendor's envelope code (`errcode`, `code`…), on a success as on a failure. */
  vendorCode: "scrm.vendor_code",
} as const;

/**
 * Each call's context (its span as parent), keyed by the `trace` object every copy of a call shares: exchange spans
 * find their call span even where no context manager is registered (a browser, a worker).
 */
const calls = new WeakMap<object, Context>();

/**
 * The call layer (outermost: one span per call, retries and waits included) and the exchange layer (innermost: one
 * span per HTTP request, `http.request.resend_count` on retries). Both are CLIENT spans; the URL is recorded only as
 * the path template, never with its query (where tokens travel).
 */
export function traceLayers(tracer: Tracer, client: TracedClient, baseUrl: string): { call: Layer; exchange: Layer } {
  const { address, port } = server(baseUrl);
  const attributes = (call: Call): Attributes => ({
    [SCRM_ATTRIBUTES.vendor]: client.vendor,
    [SCRM_ATTRIBUTES.operation]: bare(call.op.operationId),
    "http.request.method": call.method,
    "url.template": bare(call.op.path),
    "server.address": address,
    "server.port": port,
  });
  const call: Layer = (next) => (c) => {
    const parent = context.active();
    const span = tracer.startSpan(
      `${client.vendor} ${bare(c.op.operationId)}`,
      { kind: SpanKind.CLIENT, attributes: attributes(c) },
      parent,
    );
    const inner = trace.setSpan(parent, span);
    calls.set(c.trace, inner);
    return within(client, span, inner, next, c);
  };
  const exchange: Layer = (next) => (c) => {
    const parent = calls.get(c.trace) ?? context.active();
    const attrs = attributes(c);
    if (c.attempt > 1) attrs["http.request.resend_count"] = c.attempt - 1;
    const span = tracer.startSpan(
      `${c.method} ${bare(c.op.path)}`,
      { kind: SpanKind.CLIENT, attributes: attrs },
      parent,
    );
    return within(client, span, trace.setSpan(parent, span), next, c);
  };
  return { call, exchange };
}

/** Runs `next` with `span` active (so fetch instrumentation nests under it), then records the end and ends it. */
async function within(client: TracedClient, span: Span, active: Context, next: Send, call: Call): Promise<Outcome> {
  try {
    const outcome = await context.with(active, next, undefined, call);
    span.setAttribute("http.response.status_code", outcome.status);
    const code = client.code(call, outcome);
    if (code !== undefined) span.setAttribute(SCRM_ATTRIBUTES.vendorCode, code);
    return outcome;
  } catch (error) {
    failed(client, span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A failure: its status code when an answer came, the vendor code of an error envelope, `error.type` (the status for
 * an HTTP error, else the error's name: `ScrmApiError` for an error envelope on a 200) and an error status. Messages
 * are masked again: a layer of yours may throw an error that is not a ScrmError.
 */
function failed(client: TracedClient, span: Span, error: unknown): void {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number") span.setAttribute("http.response.status_code", status);
  const name = error instanceof Error ? error.name : "Error";
  // By name, not instanceof: this entry and the vendor packages may resolve two copies of core.
  const code = name === "ScrmApiError" ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string" || typeof code === "number") span.setAttribute(SCRM_ATTRIBUTES.vendorCode, code);
  const message = client.redactor.redact(error instanceof Error ? error.message : String(error));
  span.setAttribute("error.type", typeof status === "number" && status >= 400 ? String(status) : name);
  const stack = error instanceof Error && error.stack !== undefined ? client.redactor.redact(error.stack) : undefined;
  span.recordException(stack === undefined ? { name, message } : { name, message, stack });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/**
 * A path (or an off-spec operation's `METHOD /path`) without its query or fragment: `request("GET", "/x?k=v")` puts
 * the caller's query into the ad-hoc operation, and a query may carry a token.
 */
function bare(path: string): string {
  const at = path.search(/[?#]/);
  return at < 0 ? path : path.slice(0, at);
}

/** `server.address` and `server.port` (the scheme's default when the URL names none). */
function server(baseUrl: string): { address: string; port: number } {
  const url = new URL(baseUrl);
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  // An IPv6 host is written in brackets in a URL, and without them in server.address.
  return { address: url.hostname.replace(/^\[(.*)\]$/, "$1"), port };
}
