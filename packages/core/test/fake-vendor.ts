import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { json, listenLocal, readBody } from "@scrm-openapi/testing";

/**
 * A real local HTTP server standing in for a WeCom SCRM vendor: issues tokens, checks them, and enforces the limits
 * it is given the way Weiban does — HTTP 200 with a limit code in the envelope.
 */
export interface FakeVendorOptions {
  /** At most this many API requests in flight; the next one is answered with `codes.concurrency`. */
  concurrency?: number;
  /** At most `limit` requests per path in any sliding window of `windowMs`; then `codes.rate`. */
  rate?: { limit: number; windowMs: number };
  /** How long an API call takes (ms). */
  latencyMs?: number;
  /** How long the token call takes (ms), so concurrent callers pile up on one refresh. */
  tokenDelayMs?: number;
  codes?: { tokenInvalid?: number; concurrency?: number; rate?: number };
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeVendor {
  url: string;
  tokenRequests: number;
  /** API requests (not token calls), in arrival order. */
  requests: SeenRequest[];
  /** Answers sent, by errcode. */
  answered: Map<number, number>;
  /** Most API requests in flight at once, and most accepted in one window per path. */
  maxInFlight: number;
  maxInWindow: number;
  /** Replaces the default success answer for API calls that passed the token and limit checks. */
  handle: Handler | undefined;
  /** Makes every token handed out so far invalid (the vendor expiring tokens early). */
  revokeTokens(): void;
  /** Connections currently open to the server. */
  openConnections(): number;
  close(): Promise<void>;
}

export const CORP_ID = "wwfakecorp0001";
export const SECRET = "s3cr3t-fake-vendor-app-secret";

export { json };

export function ok(res: ServerResponse, extra: Record<string, unknown> = {}): void {
  json(res, { errcode: 0, errmsg: "ok", ...extra });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeVendor(options: FakeVendorOptions = {}): Promise<FakeVendor> {
  const codes = { tokenInvalid: 10001, concurrency: 10052, rate: 10053, ...options.codes };
  let issued = 0;
  let valid = new Set<string>();
  let inFlight = 0;
  const windows = new Map<string, number[]>();
  const sockets = new Set<import("node:net").Socket>();

  const fake: FakeVendor = {
    url: "",
    tokenRequests: 0,
    requests: [],
    answered: new Map(),
    maxInFlight: 0,
    maxInWindow: 0,
    handle: undefined,
    revokeTokens: () => {
      valid = new Set();
    },
    openConnections: () => sockets.size,
    close: async () => {},
  };
  const answer = (res: ServerResponse, code: number, extra: Record<string, unknown> = {}) => {
    fake.answered.set(code, (fake.answered.get(code) ?? 0) + 1);
    json(res, { errcode: code, errmsg: code === 0 ? "ok" : `error ${code}`, ...extra });
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = (await readBody(req)).toString("utf8");
    if (url.pathname === "/token") {
      fake.tokenRequests++;
      const creds = JSON.parse(body || "{}") as { corp_id?: string; secret?: string };
      if (creds.corp_id !== CORP_ID || creds.secret !== SECRET) {
        answer(res, 10049);
        return;
      }
      await delay(options.tokenDelayMs ?? 20);
      const token = `tok-${++issued}-${"x".repeat(24)}`;
      valid.add(token);
      answer(res, 0, { access_token: token, expires_in: 7200 });
      return;
    }
    const seen: SeenRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    fake.requests.push(seen);
    const token = url.searchParams.get("access_token");
    if (token !== null && !valid.has(token)) {
      answer(res, codes.tokenInvalid);
      return;
    }
    if (options.concurrency !== undefined && inFlight >= options.concurrency) {
      answer(res, codes.concurrency);
      return;
    }
    if (options.rate) {
      const now = performance.now();
      const times = (windows.get(url.pathname) ?? []).filter((t) => t > now - options.rate!.windowMs);
      if (times.length >= options.rate.limit) {
        windows.set(url.pathname, times);
        answer(res, codes.rate);
        return;
      }
      times.push(now);
      windows.set(url.pathname, times);
      fake.maxInWindow = Math.max(fake.maxInWindow, times.length);
    }
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    try {
      if (options.latencyMs) await delay(options.latencyMs);
      if (fake.handle) await fake.handle(seen, res);
      else answer(res, 0, { items: [] });
    } finally {
      // Counted out before the client can see the answer, as a vendor counting its own work would.
      inFlight--;
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const local = await listenLocal(server);
  fake.url = local.url;
  fake.close = local.close;
  return fake;
}
