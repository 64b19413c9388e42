import { createServer } from "node:http";
import { listenLocal, readBody } from "./index.js";

/**
 * A stand-in for a WeCom SCRM vendor, reachable two ways: as a real local HTTP server (`listen()`), and as an
 * in-process `fetch` (for tests on fake time, where a socket's real-time round trip would break the clock). Both run
 * the same logic: it issues and checks tokens, enforces the limits it is given the way Weiban does (HTTP 200 with a
 * limit code), records every request, and can hold answers until the test releases them — so concurrency is shown
 * by counts, never by timing.
 */
export interface FakeVendorOptions {
  /** Envelope field names and codes. Default: Weiban's (errcode/errmsg, 10001/10052/10053). */
  codes?: { tokenInvalid?: number; concurrency?: number; rate?: number };
  /** The token path (POST {corp_id, secret}). Default "/token". */
  tokenPath?: string;
  /** Valid credentials for the token call. */
  credentials?: { corp_id: string; secret: string };
  /** At most this many API requests in flight; one more is answered with `codes.concurrency`. */
  concurrency?: number;
  /** At most `limit` requests per path in any `windowMs` (by Date.now, so fake timers drive it); then `codes.rate`. */
  rate?: { limit: number; windowMs: number };
  /** Token lifetime it reports (seconds). */
  expiresIn?: number;
  /** How long each API answer takes (ms, by setTimeout, so fake timers drive it). */
  latencyMs?: number;
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An answer: a JSON body (with status/headers), or raw text; "hold" keeps the request waiting for release(). */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type Route = (req: FakeRequest) => FakeAnswer | "hold" | undefined | Promise<FakeAnswer | "hold" | undefined>;

export const CORP_ID = "wwfakecorp0001";
export const SECRET = "s3cr3t-fake-vendor-app-secret";

export class FakeVendor {
  readonly requests: FakeRequest[] = [];
  tokenRequests = 0;
  /** Answers sent, by code. */
  readonly answered = new Map<number, number>();
  inFlight = 0;
  maxInFlight = 0;
  maxInWindow = 0;
  /** Replaces the default success answer for API calls that passed the token and limit checks. */
  route: Route | undefined;
  /** Answers for token calls instead of a fresh token (e.g. an HTTP 500). */
  tokenRoute: ((req: FakeRequest) => FakeAnswer | "hold" | Promise<FakeAnswer | "hold">) | undefined;

  readonly #options: FakeVendorOptions;
  readonly #codes: { tokenInvalid: number; concurrency: number; rate: number };
  readonly #held: (() => void)[] = [];
  readonly #windows = new Map<string, number[]>();
  #valid = new Set<string>();
  #issued = 0;

  constructor(options: FakeVendorOptions = {}) {
    this.#options = options;
    this.#codes = { tokenInvalid: 10001, concurrency: 10052, rate: 10053, ...options.codes };
  }

  /** Requests currently held (route answered "hold"). */
  get held(): number {
    return this.#held.length;
  }

  /** Lets `count` held requests (oldest first) get their answers. */
  release(count = Number.POSITIVE_INFINITY): void {
    for (let i = 0; i < count && this.#held.length > 0; i++) this.#held.shift()?.();
  }

  /** Makes every token handed out so far invalid (the vendor expiring tokens early). */
  revokeTokens(): void {
    this.#valid = new Set();
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  /** The vendor as an in-process fetch: no socket, no real time. */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const signal = init.signal ?? undefined;
    const answer = this.#answer(
      {
        method: init.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: String(init.body ?? ""),
      },
      signal,
    );
    const settled = await answer;
    return toResponse(settled);
  };

  /** The vendor as a real HTTP server on a loopback port. */
  async listen(): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = (await readBody(req)).toString("utf8");
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers[name] = value;
      }
      const controller = new AbortController();
      res.on("close", () => controller.abort());
      const answer = await this.#answer(
        { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body },
        controller.signal,
      ).catch(() => undefined);
      if (!answer || res.destroyed) return;
      const text = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
      res.writeHead(answer.status ?? 200, {
        ...(answer.json === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        ...answer.headers,
      });
      res.end(text);
    });
    return listenLocal(server);
  }

  async #answer(req: FakeRequest, signal: AbortSignal | undefined): Promise<FakeAnswer> {
    const codes = this.#codes;
    if (req.path === (this.#options.tokenPath ?? "/token")) {
      this.tokenRequests++;
      if (this.tokenRoute) {
        const custom = await this.tokenRoute(req);
        if (custom === "hold") return this.#hold(signal, () => ({ json: this.#token() }));
        return custom;
      }
      const creds = JSON.parse(req.body || "{}") as { corp_id?: string; secret?: string };
      const want = this.#options.credentials ?? { corp_id: CORP_ID, secret: SECRET };
      if (creds.corp_id !== want.corp_id || creds.secret !== want.secret) return this.#code(10049);
      return { json: this.#token() };
    }
    this.requests.push(req);
    const token = req.query.get("access_token");
    if (token !== null && !this.#valid.has(token)) return this.#code(codes.tokenInvalid);
    if (this.#options.concurrency !== undefined && this.inFlight >= this.#options.concurrency) {
      return this.#code(codes.concurrency);
    }
    const rate = this.#options.rate;
    if (rate) {
      const now = Date.now();
      const times = (this.#windows.get(req.path) ?? []).filter((t) => t > now - rate.windowMs);
      this.#windows.set(req.path, times);
      if (times.length >= rate.limit) return this.#code(codes.rate);
      times.push(now);
      this.maxInWindow = Math.max(this.maxInWindow, times.length);
    }
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.#options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.#options.latencyMs));
      const custom = this.route ? await this.route(req) : undefined;
      // A held request is judged when released: a token revoked meanwhile is rejected, as a vendor would.
      if (custom === "hold") {
        return await this.#hold(signal, () =>
          token !== null && !this.#valid.has(token) ? this.#code(codes.tokenInvalid) : this.#ok(),
        );
      }
      return custom ?? this.#ok();
    } finally {
      // Counted out before the client sees the answer, as a vendor counting its own work would.
      this.inFlight--;
    }
  }

  #hold(signal: AbortSignal | undefined, answer: () => FakeAnswer): Promise<FakeAnswer> {
    return new Promise((resolve, reject) => {
      const release = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(answer());
      };
      const onAbort = () => {
        const i = this.#held.indexOf(release);
        if (i >= 0) this.#held.splice(i, 1);
        reject(signal?.reason ?? new Error("aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#held.push(release);
    });
  }

  #token(): Record<string, unknown> {
    const token = `tok-${++this.#issued}-${"x".repeat(24)}`;
    this.#valid.add(token);
    return { errcode: 0, errmsg: "ok", access_token: token, expires_in: this.#options.expiresIn ?? 7200 };
  }

  #ok(): FakeAnswer {
    return this.#code(0, { items: [] });
  }

  #code(code: number, extra: Record<string, unknown> = {}): FakeAnswer {
    this.answered.set(code, (this.answered.get(code) ?? 0) + 1);
    return { json: { errcode: code, errmsg: code === 0 ? "ok" : `error ${code}`, ...extra } };
  }
}

function toResponse(answer: FakeAnswer): Response {
  const text = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
  const headers = new Headers(answer.headers);
  if (answer.json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const status = answer.status ?? 200;
  // A Response cannot be built with a status outside 200–599; those only ever come over HTTP (use listen()).
  return new Response(status === 204 || status === 304 ? null : text, { status, headers });
}
