import type { ErrorKind } from "./meta.js";

export interface ScrmErrorContext {
  vendor: string;
  operationId: string;
  /** The vendor's request id header when it sends one, otherwise the id this client gave the call. */
  requestId: string;
}

/** Base of every error a client throws. Messages never carry credentials or tokens. */
export class ScrmError extends Error {
  readonly vendor: string;
  readonly operationId: string;
  readonly requestId: string;

  constructor(context: ScrmErrorContext, message: string, options?: { cause?: unknown }) {
    super(`[${context.vendor}] ${context.operationId}: ${message}`, options);
    this.name = new.target.name;
    this.vendor = context.vendor;
    this.operationId = context.operationId;
    this.requestId = context.requestId;
  }
}

/** The vendor answered with a non-success code in its envelope (usually with HTTP 200). */
export class ScrmApiError extends ScrmError {
  readonly code: string | number;
  /** The vendor's own message text (`errmsg`, `msg`, `message`). */
  readonly vendorMessage: string;
  /** The meaning from the spec's error-code table, when the code is listed there. */
  readonly meaning: string | undefined;
  /** What kind of failure the spec marks this code as (token-invalid, rate-limit, …). */
  readonly kind: ErrorKind | undefined;
  readonly status: number;

  constructor(
    context: ScrmErrorContext,
    details: {
      code: string | number;
      vendorMessage: string;
      meaning: string | undefined;
      kind: ErrorKind | undefined;
      status: number;
    },
  ) {
    const meaning = details.meaning ? ` (${details.meaning})` : "";
    super(context, `code ${details.code}${meaning}: ${details.vendorMessage || "no message"}`);
    this.code = details.code;
    this.vendorMessage = details.vendorMessage;
    this.meaning = details.meaning;
    this.kind = details.kind;
    this.status = details.status;
  }
}

/** The answer was not a usable envelope: non-JSON, HTML, empty, or an HTTP error status. */
export class ScrmResponseError extends ScrmError {
  readonly status: number;
  readonly contentType: string;
  /** The first characters of the body, for diagnosis. */
  readonly snippet: string;

  constructor(
    context: ScrmErrorContext,
    details: { status: number; contentType: string; snippet: string; reason: string },
  ) {
    super(
      context,
      `${details.reason} (HTTP ${details.status}${details.contentType ? `, ${details.contentType}` : ""}): ${JSON.stringify(details.snippet)}`,
    );
    this.status = details.status;
    this.contentType = details.contentType;
    this.snippet = details.snippet;
  }
}

/** fetch itself failed: DNS, refused connection, reset, TLS. `cause` holds the original error. */
export class ScrmNetworkError extends ScrmError {
  constructor(context: ScrmErrorContext, cause: unknown, message = "network error") {
    const detail = cause instanceof Error ? describeCause(cause) : String(cause);
    super(context, `${message}: ${detail}`, { cause });
  }
}

function describeCause(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const inner = error.cause instanceof Error ? describeCause(error.cause) : undefined;
  return [error.message, typeof code === "string" ? code : undefined, inner].filter(Boolean).join(" — ");
}

/**
 * No answer in time. `phase` says which bound fired: `attempt` (one HTTP exchange, `timeoutMs`) or `deadline`
 * (the whole call including queueing and retries, `deadlineMs`). A write that timed out may have been processed.
 */
export class ScrmTimeoutError extends ScrmError {
  readonly phase: "attempt" | "deadline";
  readonly timeoutMs: number;

  constructor(context: ScrmErrorContext, details: { phase: "attempt" | "deadline"; timeoutMs: number }) {
    super(
      context,
      details.phase === "attempt"
        ? `no answer within ${details.timeoutMs} ms`
        : `deadline of ${details.timeoutMs} ms exceeded`,
    );
    this.phase = details.phase;
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * Thrown by a shared store (a token store, the Redis-backed rate limiter) when it cannot do its job; the message
 * starts with the store's name, e.g. "RedisTokenStore: cannot reach redis at 127.0.0.1:6379 (ECONNREFUSED)".
 */
export class StoreError extends Error {
  readonly store: string;

  constructor(store: string, message: string, options?: { cause?: unknown }) {
    super(`${store}: ${message}`, options);
    this.name = "StoreError";
    this.store = store;
  }
}

/** A StoreError met while making a call, with the call's vendor, operation and request id. `cause` is the StoreError. */
export class ScrmStoreError extends ScrmError {
  readonly store: string;

  constructor(context: ScrmErrorContext, cause: StoreError) {
    super(context, cause.message, { cause });
    this.store = cause.store;
  }
}
