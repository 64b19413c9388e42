import { createHash } from "node:crypto";
import type { SignatureAuthMeta } from "./meta.js";

/**
 * Per-request signature headers: hash of the spec's `parts` joined with no separator, e.g.
 * sha256(appId + timestamp + body + appKey) in lowercase hex. `body` is the exact text sent ("" when none).
 */
export function signRequest(
  auth: SignatureAuthMeta,
  values: Readonly<Record<string, string>>,
  body: string,
  now: number,
  /** Send only these header roles (an operation's x-auth-headers); all by default. */
  roles?: readonly string[],
): Record<string, string> {
  const { signature } = auth;
  // Whole units only: a fractional clock (e.g. performance-based) must not leak "…807.625" into the header.
  const timestamp = String(Math.floor(signature.timestampUnit === "s" ? now / 1000 : now));
  const parts: Record<string, string> = { ...values, timestamp, body };
  const text = signature.parts
    .map((part) => {
      const value = parts[part];
      if (value === undefined) throw new TypeError(`signature part "${part}" has no value`);
      return value;
    })
    .join("");
  const sign = createHash("sha256").update(text, "utf8").digest("hex");
  const headerValues: Record<string, string> = { ...parts, sign };
  const headers: Record<string, string> = {};
  for (const [role, header] of Object.entries(signature.headers)) {
    const value = headerValues[role];
    if (value !== undefined && role !== "body" && (!roles || roles.includes(role))) headers[header] = value;
  }
  return headers;
}
