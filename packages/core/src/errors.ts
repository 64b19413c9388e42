import type { ErrorKind } from "./meta.js";

/** Who failed: the vendor, the operation (operationId, or "METHOD /path" when the spec has none) and the request. */
export interface ScrmErrorContext {
  readonly vendor: string;
  readonly operationId: string;
  /** The vendor's request id header when it sent one, otherwise an id this client gave the call. */
  readonly requestId: string;
}

/** Longest vendor text (message, snippet) an error carries: a vendor answer can be megabytes. */
const MAX_VENDOR_TEXT = 500;

const cap = (text: string, max = MAX_VENDOR_TEXT) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Base of every error a client throws. The message names the vendor and the operation and never carries a
 * credential or a token. `retryable` says whether repeating the same call may succeed and is safe (for a write: the
 * vendor provably did not process it); the retry layer acts on it, and so can you.
 */
export class ScrmError extends Error {
  declare readonly vendor: string;
  declare readonly operationId: string;
  declare readonly requestId: string;
  declare readonly retryable: boolean;

  constructor(context: ScrmErrorContext, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    const where = context.vendor ? `[${context.vendor}] ${context.operationId}: ` : "";
    super(`${where}${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: a minifier renames classes, and the name is what logs show.
    this.name = "ScrmError";
    this.vendor = context.vendor;
    this.operationId = context.operationId;
    this.requestId = context.requestId;
    this.retryable = options.retryable ?? false;
  }
}

/** The vendor answered with a non-success code in its envelope (usually with HTTP 200). */
export class ScrmApiError extends ScrmError {
  declare readonly code: string | number;
  /** The vendor's own message text (`errmsg`, `msg`, `message`), at most 500 characters. */
  declare readonly vendorMessage: string;
  /** The meaning from the spec's error-code table, when the code is listed there. */
  declare readonly meaning: string | undefined;
  /** What kind of failure the spec marks this code as (token-invalid, rate-limit, …). */
  declare readonly kind: ErrorKind | undefined;
  declare readonly status: number;
  declare readonly headers: Headers | undefined;
  /** How long the vendor asks to wait before trying again (Retry-After, or the spec's `retryAfterSeconds`). */
  declare readonly retryAfterMs: number | undefined;

  constructor(
    context: ScrmErrorContext,
    details: {
      code: string | number;
      vendorMessage: string;
      meaning: string | undefined;
      kind: ErrorKind | undefined;
      status: number;
      headers?: Headers | undefined;
      retryAfterMs?: number | undefined;
      retryable: boolean;
    },
  ) {
    const vendorMessage = cap(details.vendorMessage);
    const meaning = details.meaning ? ` (${details.meaning})` : "";
    const wait = details.retryAfterMs === undefined ? "" : `; retry after ${Math.ceil(details.retryAfterMs / 1000)} s`;
    super(context, `code ${cap(String(details.code), 64)}${meaning}: ${vendorMessage || "no message"}${wait}`, {
      retryable: details.retryable,
    });
    this.name = "ScrmApiError";
    this.code = details.code;
    this.vendorMessage = vendorMessage;
    this.meaning = details.meaning;
    this.kind = details.kind;
    this.status = details.status;
    this.headers = details.headers;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Why an answer could not be used. */
export type ResponseFailure =
  | "empty"
  | "not-json"
  | "not-envelope"
  | "http-status"
  | "too-large"
  | "redirect"
  | "bad-token"
  | "cursor-cycle"
  | "no-progress";

/** One request violation reported by a validating mock or gateway (Prism's 422 `validation` list). */
export interface Violation {
  /** Where, e.g. "body.stage" or "query.limit". */
  readonly location: string;
  readonly message: string;
}

/**
 * The answer was not a usable success: not JSON, not the vendor's envelope, an HTTP error status, too large, a
 * redirect to another origin, an unusable token, or a pagination cursor that came back around or a page that made no
 * progress (the same items, or the same cursor, again).
 */
export class ScrmResponseError extends ScrmError {
  declare readonly reason: ResponseFailure;
  declare readonly status: number;
  declare readonly contentType: string;
  /** The first characters of the body (secrets masked), for diagnosis; empty for answers that may carry a token. */
  declare readonly snippet: string;
  declare readonly headers: Headers | undefined;
  /** What a validating mock or gateway said was wrong with the request (Prism's 422 list), if anything. */
  declare readonly violations: readonly Violation[];
  declare readonly retryAfterMs: number | undefined;

  constructor(
    context: ScrmErrorContext,
    details: {
      reason: ResponseFailure;
      description: string;
      status: number;
      contentType?: string;
      snippet?: string;
      headers?: Headers | undefined;
      violations?: readonly Violation[];
      retryAfterMs?: number | undefined;
      retryable?: boolean;
    },
  ) {
    const violations = details.violations ?? [];
    const type = details.contentType ? `, ${details.contentType}` : "";
    const what = violations.length
      ? `: ${violations.map((v) => `${v.location}: ${cap(v.message, 200)}`).join("; ")}`
      : details.snippet
        ? `: ${JSON.stringify(details.snippet)}`
        : "";
    super(context, `${details.description} (HTTP ${details.status}${type})${what}`, {
      retryable: details.retryable ?? false,
    });
    this.name = "ScrmResponseError";
    this.reason = details.reason;
    this.status = details.status;
    this.contentType = details.contentType ?? "";
    this.snippet = details.snippet ?? "";
    this.headers = details.headers;
    this.violations = violations;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** fetch itself failed: DNS, refused connection, reset, TLS. `cause` holds the original error (secrets masked). */
export class ScrmNetworkError extends ScrmError {
  constructor(context: ScrmErrorContext, cause: unknown, detail: string, retryable: boolean) {
    super(context, `network error: ${cap(detail)}`, { cause, retryable });
    this.name = "ScrmNetworkError";
  }
}

/**
 * No answer in time. `phase` says which bound fired: `attempt` (one HTTP exchange, `timeoutMs`), `deadline` (the whole
 * call with queueing and retries, `deadlineMs`) or `token` (waiting for an access token). A write that timed out
 * may have been processed.
 */
export class ScrmTimeoutError extends ScrmError {
  declare readonly phase: "attempt" | "deadline" | "token";
  declare readonly timeoutMs: number;

  constructor(
    context: ScrmErrorContext,
    details: { phase: "attempt" | "deadline" | "token"; timeoutMs: number; retryable?: boolean },
  ) {
    const text =
      details.phase === "attempt"
        ? `no answer within ${details.timeoutMs} ms`
        : details.phase === "token"
          ? `no access token within ${details.timeoutMs} ms`
          : `deadline of ${details.timeoutMs} ms exceeded`;
    super(context, text, { retryable: details.retryable ?? false });
    this.name = "ScrmTimeoutError";
    this.phase = details.phase;
    this.timeoutMs = details.timeoutMs;
  }
}

/** The caller aborted the call (its `signal`). `cause` is the signal's reason. */
export class ScrmAbortError extends ScrmError {
  constructor(context: ScrmErrorContext, reason: unknown) {
    super(context, "aborted by the caller", { cause: reason });
    this.name = "ScrmAbortError";
  }
}

/**
 * The client-side rate limiter refused to queue the call: its queue is full, the wait would pass the call's
 * deadline, or the client was closed. `waitMs` is the wait it would have needed, when known.
 */
export class ScrmRateLimitError extends ScrmError {
  declare readonly reason: "queue-full" | "wait-exceeds-deadline" | "closed";
  declare readonly waitMs: number | undefined;

  constructor(
    context: ScrmErrorContext,
    details: { reason: "queue-full" | "wait-exceeds-deadline" | "closed"; description: string; waitMs?: number },
  ) {
    super(context, details.description);
    this.name = "ScrmRateLimitError";
    this.reason = details.reason;
    this.waitMs = details.waitMs;
  }
}

/**
 * A shared store (a token store, a rate-limit store, a replay guard) could not do its job, e.g. Redis is down. Stores
 * throw it without a call; the client rethrows it with the call's vendor, operation and request id (`cause` is the
 * store's own).
 */
export class ScrmStoreError extends ScrmError {
  declare readonly store: string;

  constructor(store: string, message: string, options: { cause?: unknown; context?: ScrmErrorContext } = {}) {
    const context = options.context ?? { vendor: "", operationId: store, requestId: "" };
    super(context, `${store}: ${message}`, { cause: options.cause });
    this.name = "ScrmStoreError";
    this.store = store;
  }

  /** The same failure, named after the call it broke (once: an error that already names a call is kept). */
  withContext(context: ScrmErrorContext): ScrmStoreError {
    if (this.vendor) return this;
    const error = new ScrmStoreError(this.store, "", { context, cause: this });
    error.message = `[${context.vendor}] ${context.operationId}: ${this.message}`;
    return error;
  }
}

/** A client or receiver option is missing or wrong. Names the vendor and the option, never its value. */
export class ScrmConfigError extends ScrmError {
  declare readonly option: string;

  constructor(vendor: string, option: string, message: string) {
    super({ vendor, operationId: "options", requestId: "" }, `option "${option}" ${message}`);
    this.name = "ScrmConfigError";
    this.option = option;
  }
}

export type WebhookFailure =
  | "signature-mismatch"
  | "malformed"
  | "decrypt-failed"
  | "receive-id-mismatch"
  | "too-large"
  | "stale"
  | "replayed"
  /** The body was read by someone else first (a JSON parser mounted before the receiver): the message says what to do. */
  | "body-consumed"
  /** The body did not arrive within the receiver's readTimeoutMs. */
  | "read-timeout"
  /** An event handler threw: the callback is not acknowledged, so the vendor sends it again. */
  | "handler-failed";

/** A callback was rejected. `reason` says why; the message names the vendor and what failed, never a secret. */
export class ScrmWebhookError extends ScrmError {
  declare readonly reason: WebhookFailure;

  constructor(vendor: string, step: string, reason: WebhookFailure, message: string, options?: { cause?: unknown }) {
    super({ vendor, operationId: `webhook.${step}`, requestId: "" }, `${reason}: ${message}`, options);
    this.name = "ScrmWebhookError";
    this.reason = reason;
  }
}
