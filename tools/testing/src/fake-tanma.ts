import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import { json, listenLocal, readBody } from "./index.js";

/**
 * A real local HTTP server standing in for Tanma. It checks every request's signature itself, from the raw
 * request bytes: sign = lowercase hex SHA-256 of appId + timestamp + body + appKey.
 */
export interface FakeTanma {
  url: string;
  /** Every request seen, with the raw body bytes and the fake's verdict. */
  requests: SeenRequest[];
  /** Answer for requests that pass the checks; default: a success envelope with empty `data`. */
  handle: (req: SeenRequest, res: ServerResponse) => void;
  /** Append the received appKey header to rejection messages, to prove the client redacts it. */
  echoAppKey: boolean;
  close(): Promise<void>;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  verdict: "ok" | "signature-invalid" | "clock-skew";
}

export const APP_ID = "ww51046ddc4f4df510_FakeApp";
export const APP_KEY = "fake-tanma-app-key-9f8e7d6c5b4a";

/**
 * The fake's own tolerance for |server clock − timestamp|. Tanma does not document its window (only that it
 * answers 1003 when exceeded), so this number is the fake's, not the vendor's.
 */
export const FAKE_SKEW_WINDOW_MS = 5 * 60_000;

export { json };

/** The expected sign over the exact bytes received (never a re-serialised body). */
export function expectedSign(appId: string, timestamp: string, body: Buffer, appKey: string): string {
  return createHash("sha256")
    .update(Buffer.from(appId + timestamp, "utf8"))
    .update(body)
    .update(Buffer.from(appKey, "utf8"))
    .digest("hex");
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function verify(headers: IncomingHttpHeaders, body: Buffer): SeenRequest["verdict"] {
  const timestamp = header(headers, "timestamp");
  if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > FAKE_SKEW_WINDOW_MS) {
    return "clock-skew";
  }
  const sign = Buffer.from(header(headers, "sign"), "utf8");
  const expected = Buffer.from(expectedSign(header(headers, "appId"), timestamp, body, APP_KEY), "utf8");
  const appKeyHeader = header(headers, "appKey");
  const appKeyOk = appKeyHeader === "" || appKeyHeader === APP_KEY;
  const signOk = sign.length === expected.length && timingSafeEqual(sign, expected);
  return header(headers, "appId") === APP_ID && appKeyOk && signOk ? "ok" : "signature-invalid";
}

export async function startFakeTanma(): Promise<FakeTanma> {
  const fake: FakeTanma = {
    url: "",
    requests: [],
    echoAppKey: false,
    handle: (_req, res) => json(res, { code: 0, message: "ok", data: {} }),
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const seen: SeenRequest = {
      method: req.method ?? "",
      path: new URL(req.url ?? "/", "http://localhost").pathname,
      headers: req.headers,
      body,
      verdict: verify(req.headers, body),
    };
    fake.requests.push(seen);
    const echo = fake.echoAppKey ? ` (appKey ${header(req.headers, "appKey")})` : "";
    if (seen.verdict === "clock-skew") {
      json(res, { code: 1003, message: `请求时间与服务器时间相差过大，请校对时间后重新请求${echo}` });
    } else if (seen.verdict === "signature-invalid") {
      json(res, { code: 1002, message: `签名校验未通过${echo}` });
    } else {
      fake.handle(seen, res);
    }
  });
  const local = await listenLocal(server);
  fake.url = local.url;
  fake.close = local.close;
  return fake;
}
