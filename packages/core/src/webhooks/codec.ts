// Byte and text helpers the schemes share, on web APIs only: strict Base64, fatal UTF-8, query and header lookup, a
// constant-time compare.
import { ScrmWebhookError, type WebhookFailure } from "../errors.js";
import type { HeadersInput, QueryInput } from "./types.js";

/** Equal texts, compared in time that depends only on the length (a signature is not leaked byte by byte). */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Strict Base64: a bad character or length is refused, never skipped (which would hide truncation or tampering). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are bounded.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const encoder = new TextEncoder();
export const utf8Bytes = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
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

/** `{ signedAt }` in epoch ms from a signed timestamp (`scale` ms per unit), or nothing when it is no number. */
export function signedAt(timestamp: string, scale: number): { signedAt?: number } {
  const ms = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) * scale : Number.NaN;
  return Number.isSafeInteger(ms) ? { signedAt: ms } : {};
}
