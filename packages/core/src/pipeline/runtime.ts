import { randomId } from "../crypto.js";
import { compileEnvelope, type Envelope } from "../envelope.js";
import { ScrmAbortError, ScrmError, type ScrmErrorContext } from "../errors.js";
import type { ErrorCodeMeta, OperationMeta, VendorMeta } from "../meta.js";
import { Redactor } from "../redact.js";
import type { Call, Logger } from "./types.js";

/** What every layer of one client shares: the vendor's metadata, the clock, the redactor and the log. */
export interface Runtime {
  readonly meta: VendorMeta;
  readonly vendor: string;
  readonly now: () => number;
  readonly redactor: Redactor;
  /** Undefined without a logger, so that no log line is ever built for nobody. */
  readonly log: ((message: string) => void) | undefined;
  envelopeOf(op: OperationMeta): Envelope;
  errorCode(code: string | number | undefined): ErrorCodeMeta | undefined;
  /** The spec's meaning of a code (loads the vendor's table on first use). */
  meaning(code: string | number): Promise<string | undefined>;
  context(call: Call, headers?: Headers): ScrmErrorContext;
  /** The call's request id, made on first use. */
  requestId(call: Call): string;
  /** What a rejection by `call.signal` becomes: its own ScrmError (a deadline) or a ScrmAbortError. */
  aborted(call: Call, reason: unknown): ScrmError;
}

export function createRuntime(meta: VendorMeta, options: { now?: () => number; logger?: Logger }): Runtime {
  const redactor = new Redactor();
  const vendor = meta.vendor.id;
  const logger = options.logger;
  const standard = compileEnvelope(meta.envelope);
  const own = new Map<OperationMeta, Envelope>();
  let meanings: Promise<Readonly<Record<string, string>>> | undefined;
  const requestId = (call: Call) => {
    call.trace.id ??= `req_${randomId()}`;
    return call.trace.id;
  };
  const idHeader = meta.vendor.requestIdHeader;
  const context = (call: Call, headers?: Headers): ScrmErrorContext => {
    const sent = idHeader === undefined ? null : headers?.get(idHeader);
    return {
      vendor,
      operationId: call.op.operationId,
      requestId: sent ? redactor.redact(sent).slice(0, 128) : requestId(call),
    };
  };
  return {
    meta,
    vendor,
    now: options.now ?? Date.now,
    redactor,
    log: logger ? (message) => logger.debug(redactor.redact(`[${vendor}] ${message}`)) : undefined,
    envelopeOf(op) {
      if (!op.envelope) return standard;
      let envelope = own.get(op);
      if (!envelope) {
        envelope = compileEnvelope(op.envelope);
        own.set(op, envelope);
      }
      return envelope;
    },
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
