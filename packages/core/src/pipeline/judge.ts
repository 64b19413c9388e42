import { ScrmApiError, ScrmResponseError, type Violation } from "../errors.js";
import type { Runtime } from "./runtime.js";
import type { Call, Outcome } from "./types.js";

/**
 * Judges an answer by the operation's envelope: a success envelope on a 2xx is an Outcome; anything else is thrown as
 * a ScrmApiError (the vendor's code, its meaning, whether it may be retried) or a ScrmResponseError (not the vendor's
 * envelope, with a masked snippet). `retrySafe`: the operation may be repeated after a failure that does not prove it
 * was refused (a 5xx, a busy code).
 */
export async function judge(
  rt: Runtime,
  call: Call,
  response: Response,
  text: string,
  retrySafe: boolean,
): Promise<Outcome> {
  const { status, headers } = response;
  const contentType = headers.get("content-type") ?? "";
  const context = () => rt.context(call, headers);
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const envelope = rt.envelopeOf(call.op);
  const code = body !== null && typeof body === "object" ? envelope.code(body) : undefined;
  if (code !== undefined && !envelope.ok(code)) {
    const known = rt.errorCode(code);
    const kind = known?.kind;
    const retryAfterMs =
      retryAfter(headers, rt.now()) ??
      (known?.retryAfterSeconds === undefined ? undefined : known.retryAfterSeconds * 1000);
    const refused = kind === "rate-limit" || kind === "concurrency-limit" || status === 429;
    throw new ScrmApiError(context(), {
      code,
      vendorMessage: rt.redactor.redact(envelope.message(body)),
      meaning: await rt.meaning(code),
      kind,
      status,
      headers: rt.redactor.headers(headers),
      retryAfterMs,
      retryable: refused || ((kind === "busy" || status >= 500) && retrySafe),
    });
  }
  if (code !== undefined && status >= 200 && status < 300) {
    return { status, headers, body, response };
  }
  const description =
    code !== undefined
      ? `success envelope on a failure status`
      : text === ""
        ? "empty answer"
        : body === undefined
          ? "answer is not JSON"
          : status >= 200 && status < 300
            ? `answer has no ${envelope.codeField} (not the vendor's envelope)`
            : "HTTP error";
  // The token call's answer can carry a token: never quote it.
  const quotable = call.op.authenticated !== false;
  throw new ScrmResponseError(context(), {
    reason:
      status < 200 || status >= 300
        ? "http-status"
        : text === ""
          ? "empty"
          : body === undefined
            ? "not-json"
            : "not-envelope",
    description,
    status,
    contentType,
    snippet: quotable ? rt.redactor.snippet(text) : "",
    headers: rt.redactor.headers(headers),
    violations: violations(body).map((v) => ({
      location: rt.redactor.redact(v.location),
      message: rt.redactor.redact(v.message),
    })),
    retryAfterMs: retryAfter(headers, rt.now()),
    retryable: status === 429 || (status >= 500 && retrySafe),
  });
}

/** Prism (and RFC 7807 gateways) list what was wrong with the request in `validation` / `errors`. */
function violations(body: unknown): Violation[] {
  const list = (body as { validation?: unknown; errors?: unknown } | undefined)?.validation;
  if (!Array.isArray(list)) return [];
  return list.slice(0, 20).flatMap((item) => {
    const { location, message } = (item ?? {}) as { location?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    const where = Array.isArray(location) ? location.map(String).join(".") : String(location ?? "");
    return [{ location: where, message }];
  });
}

/** Retry-After in ms: delta-seconds or an HTTP date. */
function retryAfter(headers: Headers, now: number): number | undefined {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
