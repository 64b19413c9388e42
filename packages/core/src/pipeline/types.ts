import type { OperationMeta } from "../meta.js";

/** Retry policy of one call, after defaults and per-call overrides. */
export interface ResolvedRetry {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Longest vendor-requested wait (Retry-After) worth sleeping through; a longer one fails at once. */
  readonly maxRetryAfterMs: number;
  readonly retryUnsafeWrites: boolean;
}

/** Settings of one call: the client's, or the call's own overrides. */
export interface CallSettings {
  readonly timeoutMs: number;
  readonly retry: ResolvedRetry;
  readonly maxResponseBytes: number;
}

/** One HTTP exchange as the layers see it. Layers copy it (`{ ...call, headers }`); they never mutate it. */
export interface Call {
  readonly op: OperationMeta;
  /** Upper case. */
  readonly method: string;
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact text sent (signatures are computed over it); undefined for no body. */
  readonly body: string | undefined;
  /** The caller's signal, linked with the call's deadline when it has one. */
  readonly signal: AbortSignal | undefined;
  /** Epoch ms (the client's clock) when the call's deadline passes; Infinity without one. */
  readonly deadlineAt: number;
  /** 1 for the first try, 2 for the first retry… (a token replay stays within its attempt). */
  readonly attempt: number;
  readonly settings: CallSettings;
  /** Shared by every copy of the call, so that an id made for one log line or error is the call's id. */
  readonly trace: { id?: string };
}

/** A success: the envelope said so and the status was 2xx. Every failure is thrown as a ScrmError. */
export interface Outcome {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body. */
  readonly body: unknown;
  /** The raw Response; its body has been read into `body`. */
  readonly response: Response;
}

export type Send = (call: Call) => Promise<Outcome>;
/** A composable piece of the pipeline (auth, retry, rate limiting…), Octokit-plugin style. */
export type Layer = (next: Send) => Send;

/** What a client tells its tracing about itself, once, when it is created (its runtime fits this shape). */
export interface TracedClient {
  readonly vendor: string;
  /** The envelope code of a success answer, when the vendor's envelope has one. */
  code(call: Call, outcome: Outcome): string | number | undefined;
  /** Masks credentials and tokens, as in log lines and errors. */
  readonly redactor: { redact(text: string): string };
}

/**
 * Tracing for one client: a layer around the whole call (outside retry) and one around each HTTP exchange (after
 * your layers, next to send). Core declares only this shape and loads no tracing library: `openTelemetry()` from
 * `@scrm-openapi/core/otel` makes one, so a bundle without tracing carries neither the OpenTelemetry API nor the layers.
 */
export interface Tracing {
  /** `baseUrl`: the client's checked base URL (`server.address`, `server.port`; redirects stay in its origin). */
  layers(client: TracedClient, baseUrl: string): { readonly call: Layer; readonly exchange: Layer };
}

export type { Logger } from "../log.js";
