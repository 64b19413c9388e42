import { randomId } from "../crypto.js";
import { compileEnvelope, type Envelope } from "../envelope.js";
import { ScrmAbortError, ScrmError, type ScrmErrorContext } from "../errors.js";
import { type AttemptFacts, attemptRecorder, type Logger, type LogLevel, resolveLogLevel } from "../log.js";
import type { ErrorCodeMeta, OperationMeta, VendorMeta } from "../meta.js";
import { Redactor } from "../redact.js";
import type { Call, Outcome } from "./types.js";

/** One attempt's end, for the per-attempt log record: an outcome, or an error and the wait before a retry. */
type RecordAttempt = (
  call: Call,
  attempt: number,
  startedAt: number,
  outcome: Outcome | undefined,
  error: unknown,
  retryInMs: number | undefined,
) => void;

/** What every layer of one client shares: the vendor's metadata, the clock, the redactor and the log. */
export interface Runtime {
  readonly meta: VendorMeta;
  readonly vendor: string;
  readonly now: () => number;
  readonly redactor: Redactor;
  /** Undefined without a logger, so that no log line is ever built for nobody. */
  readonly log: ((message: string) => void) | undefined;
  /** Undefined at level `off` (or with no logger method to call), so that no record is ever built for nobody. */
  readonly record: RecordAttempt | undefined;
  envelopeOf(op: OperationMeta): Envelope;
  /** The envelope code of an answer's body, when it has one. */
  code(call: Call, outcome: Outcome): string | number | undefined;
  errorCode(code: string | number | undefined): ErrorCodeMeta | undefined;
  /** The spec's meaning of a code (loads the vendor's table on first use). */
  meaning(code: string | number): Promise<string | undefined>;
  context(call: Call, headers?: Headers): ScrmErrorContext;
  /** The call's request id, made on first use. */
  requestId(call: Call): string;
  /** What a rejection by `call.signal` becomes: its own ScrmError (a deadline) or a ScrmAbortError. */
  aborted(call: Call, reason: unknown): ScrmError;
}

export function createRuntime(
  meta: VendorMeta,
  options: { now?: () => number; logger?: Logger; logLevel?: LogLevel },
): Runtime {
  const redactor = new Redactor();
  const vendor = meta.vendor.id;
  const now = options.now ?? Date.now;
  const level = resolveLogLevel(vendor, options.logLevel, options.logger);
  // A level without a logger (SCRM_LOG=info, or the option alone) writes to the console.
  const logger = options.logger ?? (level === "off" ? undefined : globalThis.console);
  const standard = compileEnvelope(meta.envelope);
  const own = new Map<OperationMeta, Envelope>();
  let meanings: Promise<Readonly<Record<string, string>>> | undefined;
  const requestId = (call: Call) => {
    call.trace.id ??= `req_${randomId()}`;
    return call.trace.id;
  };
  const envelopeOf = (op: OperationMeta): Envelope => {
    if (!op.envelope) return standard;
    let envelope = own.get(op);
    if (!envelope) {
      envelope = compileEnvelope(op.envelope);
      own.set(op, envelope);
    }
    return envelope;
  };
  const code = (call: Call, { body }: Outcome) =>
    body !== null && typeof body === "object" ? envelopeOf(call.op).code(body) : undefined;
  const idHeader = meta.vendor.requestIdHeader;
  const context = (call: Call, headers?: Headers): ScrmErrorContext => {
    const sent = idHeader === undefined ? null : headers?.get(idHeader);
    return {
      vendor,
      operationId: call.op.operationId,
      requestId: sent ? redactor.redact(sent).slice(0, 128) : requestId(call),
    };
  };
  const recordAttempt = (recorder: ((facts: AttemptFacts) => void) | undefined): RecordAttempt | undefined =>
    recorder &&
    ((call, attempt, startedAt, outcome, error, retryInMs) => {
      const failure = error as { status?: number; code?: string | number; requestId?: string } | undefined;
      recorder({
        operation: call.op.operationId,
        method: call.method,
        attempt,
        startedAt,
        status: outcome?.status ?? failure?.status,
        code: outcome ? code(call, outcome) : failure?.code,
        requestId: () => failure?.requestId || context(call, outcome?.headers).requestId,
        error,
        retryInMs,
      });
    });
  return {
    meta,
    vendor,
    now,
    redactor,
    log: logger && level === "debug" ? (message) => logger.debug(redactor.redact(`[${vendor}] ${message}`)) : undefined,
    record: logger && recordAttempt(attemptRecorder({ vendor, level, logger, now, redact: (t) => redactor.redact(t) })),
    envelopeOf,
    code,
    errorCode: (code) => (code === undefined ? undefined : meta.errorCodes[String(code)]),
    async meaning(code) {
      const inline = meta.errorCodes[String(code)]?.meaning;
      if (inline !== undefined || !meta.meanings) return inline;
      meanings ??= meta.meanings().catch(() => ({}));
      return (await meanings)[String(code)];
    },
    context,
    requestId,
    aborted: (call, reason) => (reason instanceof ScrmError ? reason : new ScrmAbortError(context(call), reason)),
  };
}
