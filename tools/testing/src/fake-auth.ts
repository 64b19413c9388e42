// How a FakeVendor judges credentials, per the auth style in the vendor metadata: the token call's credentials, a
// query or bearer token on each API call, or a request signature checked from the raw bytes.
import { createHash, timingSafeEqual } from "node:crypto";
import { FAKE_CREDENTIALS, FAKE_SKEW_WINDOW_MS, type FakeSignatureAuth, type FakeVendorMeta } from "./fake-meta.js";

/** A request as the fake saw it. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text. */
  readonly body: string;
  /** The body as the exact bytes received (what a signature covers). */
  readonly bytes: Buffer;
  /** The fake's judgement of its credentials ("ok" when it passed, or the error kind it was answered with). */
  verdict: "ok" | "token-invalid" | "unauthorized" | "signature-invalid" | "clock-skew";
  /** The query or bearer token it carried, if any. */
  token?: string | undefined;
}

/** SHA-256 hex over the parts, concatenated in the order given (strings as UTF-8, bytes as they are). */
export function expectedSign(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(typeof part === "string" ? Buffer.from(part, "utf8") : part);
  return hash.digest("hex");
}

/** The value the fake expects for a credential field or signature role (`credentials` maps wire names). */
export function expected(
  meta: FakeVendorMeta,
  credentials: Readonly<Record<string, string>> | undefined,
  wire: string,
): string {
  const option = meta.auth.style === "signature" ? wire : (meta.auth.credentials?.fields[wire] ?? wire);
  return credentials?.[wire] ?? FAKE_CREDENTIALS[option] ?? "";
}

/** The credentials a token call carries, by wire name, from its body (JSON) or query. */
export function sentCredentials(meta: FakeVendorMeta, req: FakeRequest): Record<string, string> {
  if (meta.auth.style === "signature" || !meta.auth.credentials) return {};
  const { fields } = meta.auth.credentials;
  const body = meta.auth.credentials.in === "body" ? parseObject(req.body) : {};
  const sent: Record<string, string> = {};
  for (const wire of Object.keys(fields)) {
    const value = meta.auth.credentials.in === "body" ? body[wire] : req.query.get(wire);
    if (typeof value === "string") sent[wire] = value;
  }
  return sent;
}

/** The token an API call carries (query parameter or bearer header), if any. */
export function sentToken(meta: FakeVendorMeta, req: FakeRequest): string | undefined {
  if (meta.auth.style === "bearer-token") return /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (meta.auth.style === "query-token") return req.query.get(meta.auth.tokenParameter ?? "access_token") ?? undefined;
  return undefined;
}

/**
 * A signed request's verdict: the timestamp within the fake's window, every role header the operation sends equal to
 * the fake's credential, and the sign equal to the hash of the parts (the body as the bytes received).
 */
export function judgeSignature(
  meta: FakeVendorMeta,
  auth: FakeSignatureAuth,
  credentials: Readonly<Record<string, string>> | undefined,
  req: FakeRequest,
): "ok" | "signature-invalid" | "clock-skew" {
  const { headers, parts, timestampUnit } = auth.signature;
  const received = (role: string) => req.headers[(headers[role] ?? role).toLowerCase()];
  const timestamp = received("timestamp") ?? "";
  const ms = timestampUnit === "ms" ? Number(timestamp) : Number(timestamp) * 1000;
  const shape = timestampUnit === "ms" ? /^\d{13}$/ : /^\d{10}$/;
  if (!shape.test(timestamp) || Math.abs(Date.now() - ms) > FAKE_SKEW_WINDOW_MS) return "clock-skew";
  const op = meta.operations.find((o) => o.path === req.path);
  const roles = Object.keys(headers).filter((role) => role !== "sign" && role !== "timestamp");
  const sends = new Set(op?.authHeaders ?? Object.keys(headers));
  for (const role of roles) {
    const value = received(role);
    if (value === undefined ? sends.has(role) : value !== expected(meta, credentials, role)) return "signature-invalid";
  }
  const sign = Buffer.from(received("sign") ?? "", "utf8");
  const want = Buffer.from(
    expectedSign(
      ...parts.map((part) =>
        part === "body" ? req.bytes : part === "timestamp" ? timestamp : expected(meta, credentials, part),
      ),
    ),
    "utf8",
  );
  return sign.length === want.length && timingSafeEqual(sign, want) ? "ok" : "signature-invalid";
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text || "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
