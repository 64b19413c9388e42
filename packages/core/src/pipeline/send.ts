import { ScrmError, ScrmNetworkError, ScrmResponseError, ScrmTimeoutError } from "../errors.js";
import { isRetrySafe } from "../operation.js";
import { judge } from "./judge.js";
import type { Runtime } from "./runtime.js";
import type { Call, Outcome, Send } from "./types.js";

/** Same-origin redirects followed before giving up; fetch's own limit is 20, no API needs more than a couple. */
const MAX_REDIRECTS = 5;
/** Connection errors raised before a byte of the request left: safe to retry for any operation. */
const NOT_SENT = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_CONNECT_TIMEOUT"]);
const TIMED_OUT = Symbol("timed out");

/**
 * The innermost layer: one HTTP exchange. Reads the answer (bounded by `maxResponseBytes`), parses it once and
 * judges it by the operation's envelope, so that every layer above sees either a success or a typed ScrmError.
 * Redirects are followed only within the origin: credentials never travel to another host.
 */
export function createSend(rt: Runtime, fetchImpl: typeof fetch): Send {
  return async (call) => {
    const { timeoutMs } = call.settings;
    const retrySafe = isRetrySafe(call.op) || call.settings.retry.retryUnsafeWrites;
    const controller = new AbortController();
    const outer = call.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) throw rt.aborted(call, outer.reason);
    outer?.addEventListener("abort", onAbort, { once: true });
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(TIMED_OUT), timeoutMs) : undefined;
    rt.log?.(
      `→ ${call.method} ${describeUrl(call.url)} (${call.op.operationId}) ${rt.requestId(call)} #${call.attempt}`,
    );
    let response: Response;
    let text: string;
    try {
      response = await follow(rt, call, fetchImpl, controller.signal);
      text = await readText(rt, call, response);
    } catch (error) {
      if (error instanceof ScrmError) throw error;
      const reason: unknown = controller.signal.reason;
      if (controller.signal.aborted && reason === TIMED_OUT) {
        throw new ScrmTimeoutError(rt.context(call), { phase: "attempt", timeoutMs, retryable: retrySafe });
      }
      if (controller.signal.aborted) throw rt.aborted(call, reason);
      const code = errorCode(error);
      throw new ScrmNetworkError(
        rt.context(call),
        maskError(rt, error),
        rt.redactor.redact(describe(error)),
        (code !== undefined && NOT_SENT.has(code)) || retrySafe,
      );
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    }
    return judgeLogged(rt, call, response, text, retrySafe);
  };
}

async function judgeLogged(
  rt: Runtime,
  call: Call,
  response: Response,
  text: string,
  retrySafe: boolean,
): Promise<Outcome> {
  try {
    const outcome = await judge(rt, call, response, text, retrySafe);
    rt.log?.(`← ${response.status} ok (${call.op.operationId}) ${rt.requestId(call)}`);
    return outcome;
  } catch (error) {
    rt.log?.(`← ${response.status} ${(error as Error).message}`);
    throw error;
  }
}

/** A URL safe to log: path and parameter names only (tokens travel in the query). */
function describeUrl(url: string): string {
  const at = url.indexOf("?");
  const path = new URL(url).pathname;
  if (at < 0) return path;
  const names = [...new URLSearchParams(url.slice(at + 1)).keys()];
  return `${path}?${names.map((name) => `${name}=…`).join("&")}`;
}

async function follow(rt: Runtime, call: Call, fetchImpl: typeof fetch, signal: AbortSignal): Promise<Response> {
  let { url, method, body } = call;
  for (let hops = 0; ; hops++) {
    const init: RequestInit = { method, headers: call.headers, signal, redirect: "manual" };
    if (body !== undefined) init.body = body;
    const response = await fetchImpl(url, init);
    // Browsers hide a manual redirect behind an opaque response; Node shows it with its Location.
    const opaque = response.type === "opaqueredirect";
    const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
    if (!opaque && location === null) return response;
    const target = location === null ? undefined : safeUrl(location, url);
    if (!target || target.origin !== new URL(url).origin || hops >= MAX_REDIRECTS) {
      await response.body?.cancel().catch(() => {});
      throw new ScrmResponseError(rt.context(call), {
        reason: "redirect",
        description: `refused a redirect to ${target?.origin ?? "an undisclosed location"}: credentials are never sent to another origin`,
        status: response.status,
      });
    }
    await response.body?.cancel().catch(() => {});
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
    }
    url = target.href;
  }
}

function safeUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The body as text, refusing anything over `maxResponseBytes` (decompressed: a small gzip can inflate to gigabytes). */
async function readText(rt: Runtime, call: Call, response: Response): Promise<string> {
  const max = call.settings.maxResponseBytes;
  const declared = response.headers.get("content-length");
  const tooLarge = () =>
    new ScrmResponseError(rt.context(call, response.headers), {
      reason: "too-large",
      description: `answer larger than maxResponseBytes (${max} bytes)`,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      headers: rt.redactor.headers(response.headers),
    });
  if (declared !== null && Number(declared) > max) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (declared !== null && !response.headers.has("content-encoding")) return response.text();
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** The first string `code` down the cause chain (undici wraps ECONNREFUSED in "fetch failed"). */
function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const inner = error.cause instanceof Error ? describe(error.cause) : undefined;
  return [error.message, typeof code === "string" ? code : undefined, inner].filter(Boolean).join(" — ");
}

/** The cause as thrown, with secrets masked in its messages (undici may quote the URL, and so the token). */
function maskError(rt: Runtime, error: unknown): unknown {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    e.message = rt.redactor.redact(e.message);
  }
  return error;
}
