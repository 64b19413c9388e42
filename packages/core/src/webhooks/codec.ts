// Byte and text helpers the schemes share: strict Base64, fatal UTF-8, query and header lookup, constant-time compare.
import { timingSafeEqual } from "node:crypto";
import { ScrmWebhookError, type WebhookFailure } from "../errors.js";
import type { HeadersInput, QueryInput } from "./types.js";

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Strict Base64 (node's decoder silently skips bad characters, which would hide truncation or tampering). */
export function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, "base64");
}

const decoder = new TextDecoder("utf-8", { fatal: true });
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function toQuery(input: QueryInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (typeof input === "string") {
    const at = input.indexOf("?");
    return new URLSearchParams(at >= 0 ? input.slice(at + 1) : input);
  }
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) {
    const first = typeof value === "string" ? value : value?.[0];
    if (first !== undefined) query.set(name, first);
  }
  return query;
}

export function header(headers: HeadersInput | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}

/** A rejected callback; the cause is kept only when there is one. */
export function fail(
  vendor: string,
  step: string,
  reason: WebhookFailure,
  message: string,
  cause?: unknown,
): ScrmWebhookError {
  return new ScrmWebhookError(vendor, step, reason, message, cause === undefined ? undefined : { cause });
}
