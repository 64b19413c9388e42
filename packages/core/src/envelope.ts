import type { EnvelopeMeta } from "./meta.js";

/** Reads a dotted path (`data.cursor`) from parsed JSON. */
export function getPath(value: unknown, path: string): unknown {
  return walk(value, path.split("."));
}

function walk(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** An envelope's fields, resolved once per client instead of on every answer. */
export interface Envelope {
  readonly codeField: string;
  /** The result code, or undefined when the body has none (then it is not this vendor's envelope). */
  code(body: unknown): string | number | undefined;
  message(body: unknown): string;
  /** `0` and `"0"` count alike. */
  ok(code: string | number): boolean;
}

export function compileEnvelope(meta: EnvelopeMeta): Envelope {
  const codePath = meta.codeField.split(".");
  const messagePath = meta.messageField.split(".");
  const success = String(meta.successCode);
  return {
    codeField: meta.codeField,
    code(body) {
      const raw = walk(body, codePath);
      return typeof raw === "string" || typeof raw === "number" ? raw : undefined;
    },
    message(body) {
      const raw = walk(body, messagePath);
      return typeof raw === "string" ? raw : "";
    },
    ok: (code) => String(code) === success,
  };
}
