// Log levels and the structured record of one attempt. Bottom layer: imports only errors.ts, so the runtime and the
// option checks can both use it.
import { ScrmConfigError } from "./errors.js";

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

const RANK: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/**
 * One attempt of one call, as handed to `logger.info` (success), `logger.warn` (failed, will be retried) or
 * `logger.error` (failed, given up). A single argument that every common logger reads as structured data: pino takes
 * the message from `msg`, winston from `message`, console prints the object.
 */
export interface LogRecord {
  readonly msg: string;
  readonly message: string;
  readonly vendor: string;
  /** The spec's operationId, or `METHOD /path` for a path the spec lacks. */
  readonly operation: string;
  readonly method: string;
  /** 1 for the first try, 2 for the first retry… */
  readonly attempt: number;
  /** HTTP status, when an answer came. */
  readonly status: number | undefined;
  /** The vendor's envelope code, when the answer had one. */
  readonly code: string | number | undefined;
  /** By the client's clock (`now`). */
  readonly durationMs: number;
  /** Whether the call tries again; `retryInMs` is the wait before it does. */
  readonly retry: boolean;
  readonly retryInMs: number | undefined;
  readonly requestId: string;
  /** The error's name and (masked) message, on a failure. */
  readonly error: string | undefined;
}

/**
 * A logger: `console`, pino and winston fit as they are. `debug` receives the detailed lines (requests, retries, waits,
 * token refreshes) as strings; `info`/`warn`/`error` receive one LogRecord per attempt.
 */
export interface Logger {
  debug(message: string): void;
  info?(record: LogRecord): void;
  warn?(record: LogRecord): void;
  error?(record: LogRecord): void;
}

/**
 * The level: the option, else the `SCRM_LOG` environment variable (where there is one), else `debug` when a logger
 * is given (every line, as before levels existed) and `off` without one.
 */
export function resolveLogLevel(vendor: string, option: unknown, logger: Logger | undefined): LogLevel {
  if (option !== undefined) return checkLevel(vendor, "logLevel", option);
  const env = readEnv("SCRM_LOG");
  if (env !== undefined && env !== "") return checkLevel(vendor, "SCRM_LOG", env.toLowerCase());
  return logger ? "debug" : "off";
}

/** An environment variable where the platform has one and lets us read it (Deno without --allow-env throws). */
function readEnv(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}

function checkLevel(vendor: string, name: string, value: unknown): LogLevel {
  if (typeof value === "string" && Object.hasOwn(RANK, value)) return value as LogLevel;
  throw new ScrmConfigError(vendor, name, `must be one of ${Object.keys(RANK).join(", ")}`);
}

/** What the recorder needs from the runtime (passed in, so this file imports nothing above it). */
export interface RecorderParts {
  readonly vendor: string;
  readonly level: LogLevel;
  readonly logger: Logger;
  readonly now: () => number;
  readonly redact: (text: string) => string;
}

/** What one attempt's record is built from. */
export interface AttemptFacts {
  readonly operation: string;
  readonly method: string;
  readonly attempt: number;
  readonly startedAt: number;
  readonly status: number | undefined;
  readonly code: string | number | undefined;
  readonly requestId: () => string;
  readonly error: unknown;
  readonly retryInMs: number | undefined;
}

/** The per-attempt recorder, or undefined when no record would be written (so none is ever built). */
export function attemptRecorder(parts: RecorderParts): ((facts: AttemptFacts) => void) | undefined {
  const rank = RANK[parts.level];
  if (rank < RANK.error) return undefined;
  const { vendor, logger, now, redact } = parts;
  return (facts) => {
    const failed = facts.error !== undefined;
    const level = !failed ? "info" : facts.retryInMs !== undefined ? "warn" : "error";
    const write = logger[level];
    if (RANK[level] > rank || typeof write !== "function") return;
    const error = failed ? redact(describe(facts.error)) : undefined;
    const outcome = failed
      ? facts.retryInMs !== undefined
        ? `retry in ${Math.round(facts.retryInMs)}ms`
        : "failed"
      : "ok";
    const text = `[${vendor}] ${facts.operation} #${facts.attempt} ${facts.status ?? "-"} ${outcome}${error ? `: ${error}` : ""}`;
    const record: LogRecord = {
      msg: text,
      message: text,
      vendor,
      operation: facts.operation,
      method: facts.method,
      attempt: facts.attempt,
      status: facts.status,
      code: facts.code,
      durationMs: now() - facts.startedAt,
      retry: facts.retryInMs !== undefined,
      retryInMs: facts.retryInMs,
      requestId: facts.requestId(),
      error,
    };
    write.call(logger, record);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
