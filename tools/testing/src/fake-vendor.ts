import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type FakeAnswer, type Handler, type Route, seen, toResponse } from "./fake-answer.js";
import { expected, type FakeRequest, judgeSignature, sentCredentials, sentToken } from "./fake-auth.js";
import { codeOf, type FakeVendorMeta, SECRET_OPTIONS, setPath, tokenCall } from "./fake-meta.js";
import { type LocalServer, listenLocal, readBody } from "./http.js";

/**
 * A stand-in for any of the vendors, configured from its generated `meta`: the auth style (token call with its
 * credentials, query or bearer token, or a request signature checked from the raw bytes), the envelope, the token
 * answer's fields and the codes the metadata names (token-invalid, limits, signature, clock skew). Reachable two
 * ways: a real loopback HTTP server (`listen()` / `FakeVendor.start()`), and an in-process `fetch` for tests on fake
 * time. It records every request, enforces the limits it is given the way Weiban does (HTTP 200 with a limit code),
 * and can hold answers until the test releases them, so concurrency is shown by counts, never by timing.
 */
export interface FakeVendorOptions {
  /** Codes the metadata does not name, or overrides. credentials: a rejected token call (default 10049). */
  codes?: { tokenInvalid?: number; concurrency?: number; rate?: number; credentials?: number };
  /** The token path, when not the metadata's token operation. */
  tokenPath?: string;
  /** Accepted credentials by wire name (token call fields, signature roles); default FAKE_CREDENTIALS. */
  credentials?: Readonly<Record<string, string>>;
  /** At most this many API requests in flight; one more is answered with `codes.concurrency`. */
  concurrency?: number;
  /** At most `limit` requests per path in any `windowMs` (by Date.now, so fake timers drive it); then `codes.rate`. */
  rate?: { limit: number; windowMs: number };
  /** Token lifetime it reports (seconds, default 7200); null leaves the field out of the token answer. */
  expiresIn?: number | null;
  /** How long each API answer takes (ms, by setTimeout, so fake timers drive it). */
  latencyMs?: number;
  /** Tokens it issues are `${tokenPrefix}-${n}-xxx…` (default "tok"). */
  tokenPrefix?: string;
  /** The default success payload (in the envelope's data field, or at its top level). */
  payload?: Record<string, unknown>;
  /** Token calls are recorded in `requests` too (default: API calls only; `tokenRequests` counts them). */
  recordTokenCalls?: boolean;
  /** Rejections quote the secret credentials received (to prove the client masks them). */
  echoSecrets?: boolean;
}

export class FakeVendor {
  /** Set by listen(). */
  url = "";
  readonly requests: FakeRequest[] = [];
  tokenRequests = 0;
  /** Answers sent, by code. */
  readonly answered = new Map<number, number>();
  inFlight = 0;
  maxInFlight = 0;
  maxInWindow = 0;
  /** Tokens it accepts: the ones it issued, or (bearer style, no token call) the ones a test's tokenSource minted. */
  validTokens = new Set<string>();
  echoSecrets: boolean;
  /** Replaces the default success answer for API calls that passed the auth and limit checks. */
  route: Route | undefined;
  /** Like route, writing to the HTTP response itself; takes precedence over route. */
  handle: Handler | undefined;
  /** Answers for token calls instead of the credential check and a fresh token (e.g. an HTTP 500). */
  tokenRoute: ((req: FakeRequest) => FakeAnswer | "hold" | Promise<FakeAnswer | "hold">) | undefined;
  /** Answer to a bearer call without an accepted token; default HTTP 401 with an envelope (the code is the fake's). */
  unauthorized: Handler | undefined;

  readonly #meta: FakeVendorMeta;
  readonly #options: FakeVendorOptions;
  readonly #tokenPath: string | undefined;
  readonly #held: (() => void)[] = [];
  readonly #windows = new Map<string, number[]>();
  #meanings: Readonly<Record<string, string>> = {};
  #issued = 0;
  #server: LocalServer | undefined;

  constructor(meta: FakeVendorMeta, options: FakeVendorOptions = {}) {
    this.#meta = meta;
    this.#options = options;
    this.#tokenPath = options.tokenPath ?? tokenCall(meta)?.path;
    this.echoSecrets = options.echoSecrets ?? false;
  }

  /** A fake listening on a loopback port. */
  static async start(meta: FakeVendorMeta, options?: FakeVendorOptions): Promise<FakeVendor> {
    const vendor = new FakeVendor(meta, options);
    await vendor.listen();
    return vendor;
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
    this.validTokens = new Set();
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
    const body = String(init.body ?? "");
    const req = seen(init.method ?? "GET", url, headers, Buffer.from(body, "utf8"));
    return toResponse(await this.#answer(req, init.signal ?? undefined));
  };

  /** The vendor as a real HTTP server on a loopback port (its url also in `url`). */
  async listen(): Promise<LocalServer> {
    this.#meanings = (await this.#meta.meanings?.()) ?? {};
    const server = createServer((req, res) => void this.#serve(req, res));
    this.#server = await listenLocal(server);
    this.url = this.#server.url;
    return this.#server;
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  async #serve(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? "/", "http://localhost");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers[name] = value;
    const req = seen(incoming.method ?? "GET", url, headers, await readBody(incoming));
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    const answer = await this.#answer(req, controller.signal, res).catch(() => undefined);
    if (!answer || res.destroyed || res.headersSent) return;
    const text = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
    res.writeHead(answer.status ?? 200, {
      ...(answer.json === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      ...answer.headers,
    });
    res.end(text);
  }

  /** The answer, or undefined when a handler wrote it to `res`. */
  async #answer(req: FakeRequest, signal?: AbortSignal, res?: ServerResponse): Promise<FakeAnswer | undefined> {
    if (req.path === this.#tokenPath) return this.#tokenCall(req, signal);
    this.requests.push(req);
    const refused = this.#judge(req, res);
    if (refused !== "ok") return refused;
    const limited = this.#limit(req);
    if (limited) return limited;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.#options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.#options.latencyMs));
      if (this.handle) {
        if (!res) throw new Error("FakeVendor.handle answers over HTTP only (listen()); use route with fetch");
        this.handle(req, res);
        return undefined;
      }
      const custom = this.route ? await this.route(req) : undefined;
      // A held request is judged when released: a token revoked meanwhile is rejected, as a vendor would.
      if (custom === "hold") return await this.#hold(signal, () => this.#rejudged(req) ?? this.#ok());
      return custom ?? this.#ok();
    } finally {
      // Counted out before the client sees the answer, as a vendor counting its own work would.
      this.inFlight--;
    }
  }

  async #tokenCall(req: FakeRequest, signal: AbortSignal | undefined): Promise<FakeAnswer> {
    this.tokenRequests++;
    if (this.#options.recordTokenCalls) this.requests.push(req);
    if (this.tokenRoute) {
      const custom = await this.tokenRoute(req);
      return custom === "hold" ? this.#hold(signal, () => this.#token()) : custom;
    }
    const sent = sentCredentials(this.#meta, req);
    const method = tokenCall(this.#meta)?.method;
    const fields = this.#meta.auth.style === "signature" ? [] : Object.keys(this.#meta.auth.credentials?.fields ?? {});
    const wrong = fields.some((wire) => sent[wire] !== expected(this.#meta, this.#options.credentials, wire));
    if (!wrong && (method === undefined || req.method === method)) return this.#token();
    const echo = Object.entries(sent)
      .filter(([wire]) => this.#isSecret(wire))
      .map(([wire, value]) => ` ${wire}=${value}`);
    return this.#code(this.#options.codes?.credentials ?? 10049, {}, this.echoSecrets ? echo.join("") : "");
  }

  /** "ok", or the refusal of a call whose credentials the fake does not accept. */
  #judge(req: FakeRequest, res: ServerResponse | undefined): "ok" | FakeAnswer | undefined {
    const auth = this.#meta.auth;
    if (auth.style === "signature") {
      req.verdict = judgeSignature(this.#meta, auth, this.#options.credentials, req);
      if (req.verdict === "ok") return "ok";
      const echo = Object.keys(auth.signature.headers)
        .filter((role) => this.#isSecret(role) && req.headers[role.toLowerCase()] !== undefined)
        .map((role) => ` (${role} ${req.headers[role.toLowerCase()]})`);
      return this.#code(codeOf(this.#meta, req.verdict) ?? 0, {}, this.echoSecrets ? echo.join("") : "");
    }
    req.token = sentToken(this.#meta, req);
    if (auth.style === "bearer-token") {
      if (req.token !== undefined && this.validTokens.has(req.token)) return "ok";
      req.verdict = "unauthorized";
      if (!this.unauthorized) return { status: 401, json: this.#envelope(401, "unauthorized") };
      if (!res) throw new Error("FakeVendor.unauthorized answers over HTTP only (listen())");
      this.unauthorized(req, res);
      return undefined;
    }
    return this.#rejudged(req) ?? "ok";
  }

  /** A query token the fake no longer accepts, answered with the metadata's token-invalid code (when it names one). */
  #rejudged(req: FakeRequest): FakeAnswer | undefined {
    const code = this.#options.codes?.tokenInvalid ?? codeOf(this.#meta, "token-invalid");
    if (this.#meta.auth.style !== "query-token" || code === undefined) return undefined;
    if (req.token === undefined || this.validTokens.has(req.token)) return undefined;
    req.verdict = "token-invalid";
    return this.#code(code);
  }

  #limit(req: FakeRequest): FakeAnswer | undefined {
    const codes = this.#options.codes;
    const { concurrency, rate } = this.#options;
    if (concurrency !== undefined && this.inFlight >= concurrency) {
      return this.#code(codes?.concurrency ?? codeOf(this.#meta, "concurrency-limit") ?? 0);
    }
    if (!rate) return undefined;
    const now = Date.now();
    const times = (this.#windows.get(req.path) ?? []).filter((t) => t > now - rate.windowMs);
    this.#windows.set(req.path, times);
    if (times.length >= rate.limit) return this.#code(codes?.rate ?? codeOf(this.#meta, "rate-limit") ?? 0);
    times.push(now);
    this.maxInWindow = Math.max(this.maxInWindow, times.length);
    return undefined;
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

  #isSecret(wire: string): boolean {
    const auth = this.#meta.auth;
    return SECRET_OPTIONS.has(auth.style === "signature" ? wire : (auth.credentials?.fields[wire] ?? wire));
  }

  #token(): FakeAnswer {
    const token = `${this.#options.tokenPrefix ?? "tok"}-${++this.#issued}-${"x".repeat(24)}`;
    this.validTokens.add(token);
    const body = this.#envelope(this.#successCode(), "ok");
    const auth = this.#meta.auth;
    if (auth.style === "signature") return { json: body };
    setPath(body, auth.tokenField ?? "access_token", token);
    const expiresIn = this.#options.expiresIn === undefined ? 7200 : this.#options.expiresIn;
    if (expiresIn !== null) setPath(body, auth.expiresInField ?? "expires_in", expiresIn);
    return { json: body };
  }

  #ok(): FakeAnswer {
    const payload = this.#options.payload ?? {};
    const { dataField } = this.#meta.envelope;
    const body = this.#envelope(this.#successCode(), "ok");
    if (dataField) setPath(body, dataField, payload);
    else Object.assign(body, payload);
    this.#count(this.#successCode());
    return { json: body };
  }

  #code(code: number, extra: Record<string, unknown> = {}, echo = ""): FakeAnswer {
    this.#count(code);
    const message = `${this.#meanings[String(code)] ?? `error ${code}`}${echo}`;
    return { json: { ...this.#envelope(code, message), ...extra } };
  }

  #count(code: number): void {
    this.answered.set(code, (this.answered.get(code) ?? 0) + 1);
  }

  #successCode(): number {
    return Number(this.#meta.envelope.successCode);
  }

  #envelope(code: number, message: string): Record<string, unknown> {
    return { [this.#meta.envelope.codeField]: code, [this.#meta.envelope.messageField]: message };
  }
}
