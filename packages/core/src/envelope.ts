import type { EnvelopeMeta, ErrorCodeMeta, VendorMeta } from "./meta.js";

/** Reads a dotted path (`data.cursor`) from parsed JSON. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export interface EnvelopeStatus {
  ok: boolean;
  code: string | number | undefined;
  message: string;
}

/** Code and message of a parsed body; `0` and `"0"` count alike. A body without the code field is not ok. */
export function readEnvelope(envelope: EnvelopeMeta, body: unknown): EnvelopeStatus {
  const raw = getPath(body, envelope.codeField);
  const code = typeof raw === "string" || typeof raw === "number" ? raw : undefined;
  const message = getPath(body, envelope.messageField);
  return {
    ok: code !== undefined && String(code) === String(envelope.successCode),
    code,
    message: typeof message === "string" ? message : "",
  };
}

export function lookupCode(meta: VendorMeta, code: string | number | undefined): ErrorCodeMeta | undefined {
  return code === undefined ? undefined : meta.errorCodes[String(code)];
}
