import { sha256Hex } from "../crypto.js";
import { ScrmConfigError } from "../errors.js";
import type { AuthFactory } from "./auth-token.js";

/**
 * Per-request signing (Tanma): sign = SHA-256 hex of the spec's `parts` joined with no separator, e.g.
 * appId + timestamp + body + appKey, over the exact body text; computed afresh for every attempt, with a
 * whole-unit timestamp from the client's clock. Headers go out only where the operation lists them (x-auth-headers).
 */
export const signatureAuth: AuthFactory = (rt, { credentials }) => {
  const auth = rt.meta.auth;
  if (auth.style !== "signature") throw new TypeError(`[${rt.vendor}] signatureAuth needs a signature spec`);
  const { signature } = auth;
  for (const part of signature.parts) {
    if (part !== "timestamp" && part !== "body" && !credentials[part]) {
      throw new ScrmConfigError(rt.vendor, part, "is required: every request is signed with it");
    }
  }
  const headers = Object.entries(signature.headers)
    .filter(([role]) => role !== "body")
    .map(([role, name]) => [role, name.toLowerCase()] as const);
  const perSecond = signature.timestampUnit === "s";
  return (next) => async (call) => {
    const now = rt.now();
    const values: Record<string, string> = {
      ...credentials,
      timestamp: String(Math.floor(perSecond ? now / 1000 : now)),
      body: call.body ?? "",
    };
    values.sign = await sha256Hex(signature.parts.map((part) => values[part]).join(""));
    const roles = call.op.authHeaders;
    const signed: Record<string, string> = { ...call.headers };
    for (const [role, name] of headers) {
      const value = values[role];
      if (value !== undefined && (!roles || roles.includes(role))) signed[name] = value;
    }
    return next({ ...call, headers: signed });
  };
};
