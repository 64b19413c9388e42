// Retries, per-attempt timeouts and deadlines, through the public client against a real local HTTP server.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CommonClientOptions,
  createVendorClient,
  type Layer,
  ScrmApiError,
  ScrmNetworkError,
  ScrmResponseError,
  ScrmTimeoutError,
  type VendorMeta,
} from "../src/index.js";
import { CORP_ID, type FakeVendor, json, ok, SECRET, startFakeVendor } from "./fake-vendor.js";
import { type FakePaths, limitedMeta, signedMeta, unlimitedMeta } from "./metas.js";

let fake: FakeVendor;
beforeEach(async () => {
  fake = await startFakeVendor();
});
afterEach(async () => {
  await fake.close();
});

/** Fast backoff so retries take milliseconds; the limiter stays on, time-scaled. */
const client = (extra: CommonClientOptions = {}, meta: VendorMeta = limitedMeta) =>
  createVendorClient<FakePaths>(meta, {
    baseUrl: fake.url,
    credentials: { corpId: CORP_ID, secret: SECRET },
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    rateLimit: { timeScale: 0.0001 },
    ...extra,
  });

/** Answers with each entry in turn (the last one repeats): an errcode, an HTTP status (HTML body), or "hang". */
function script(path: string, steps: (number | `HTTP ${number}` | "hang")[]) {
  let n = 0;
  fake.handle = (req, res) => {
    if (req.path !== path) return ok(res);
    const step = steps[Math.min(n++, steps.length - 1)];
    if (step === "hang") return;
    if (typeof step === "string") {
      res.writeHead(Number(step.slice(5)), { "content-type": "text/html" });
      res.end("<html>busy</html>");
      return;
    }
    json(res, { errcode: step, errmsg: step === 0 ? "ok" : `error ${step}`, items: [] });
  };
}

const seen = (path: string) => fake.requests.filter((r) => r.path === path).length;

describe("retries", () => {
  it("retries a rate-limit code and succeeds, logging the retry without secrets", async () => {
    script("/things", [10053, 0]);
    const lines: string[] = [];
    const { data } = await client({ logger: { debug: (l) => lines.push(l) } }).GET("/things");
    expect(data?.errcode).toBe(0);
    expect(seen("/things")).toBe(2);
    expect(lines.some((l) => /retry 1\/2 of listThings req_\S+ in \d+ms after code 10053 \(rate-limit\)/.test(l))).toBe(
      true,
    );
    const token = fake.requests[0]?.query.get("access_token") ?? "";
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(token);
    }
  });

  it("gives up after maxRetries (default 2): 3 requests, then the typed error", async () => {
    script("/things", [10052]);
    const error = await client()
      .GET("/things")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "fakeban",
      operationId: "listThings",
      code: 10052,
      kind: "concurrency-limit",
    });
    expect((error as ScrmApiError).requestId).toMatch(/^req_/);
    expect(seen("/things")).toBe(3);
  });

  it("maxRetries: 0 and retry: false send once", async () => {
    script("/things", [10053]);
    await expect(client({ retry: { maxRetries: 0 } }).GET("/things")).rejects.toMatchObject({ code: 10053 });
    expect(seen("/things")).toBe(1);
    await expect(client({ retry: false }).GET("/things")).rejects.toMatchObject({ code: 10053 });
    expect(seen("/things")).toBe(2);
  });

  it("retries HTTP 5xx and 429 on a read", async () => {
    script("/things", ["HTTP 502", "HTTP 429", 0]);
    const { data } = await client().GET("/things");
    expect(data?.errcode).toBe(0);
    expect(seen("/things")).toBe(3);
  });

  it("does not retry other business codes", async () => {
    script("/things", [22201, 0]);
    await expect(client().GET("/things")).rejects.toMatchObject({ code: 22201, meaning: "未找到记录" });
    expect(seen("/things")).toBe(1);
  });

  it("retries a busy code on a read, not on a write", async () => {
    script("/things", [1017, 0]);
    await expect(client().GET("/things")).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(seen("/things")).toBe(2);
    script("/thing/create", [1017, 0]);
    await expect(client().POST("/thing/create", { body: {} })).rejects.toMatchObject({ code: 1017, kind: "busy" });
    expect(seen("/thing/create")).toBe(1);
  });

  it("retries a write refused with a rate or concurrency code (not processed), not after a 5xx", async () => {
    script("/thing/create", [10053, 10052, 0]);
    await expect(client().POST("/thing/create", { body: {} })).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(seen("/thing/create")).toBe(3);
    script("/thing/update", ["HTTP 502", 0]);
    await expect(client().POST("/thing/update", { body: {} })).rejects.toMatchObject({ status: 502 });
    expect(seen("/thing/update")).toBe(1);
  });

  it("a POST the spec classes as read is retried like a read", async () => {
    script("/things/search", ["HTTP 503", 0]);
    await expect(client().POST("/things/search", { body: {} })).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(seen("/things/search")).toBe(2);
  });

  it("retries a write whose connection was refused (never sent)", async () => {
    await fake.close();
    let exchanges = 0;
    const count: Layer = (next) => (call) => {
      exchanges++;
      return next(call);
    };
    const error = await client({ layers: [count] })
      .POST("/thing/create", { body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmNetworkError);
    // The token call is what meets the closed port first; the whole call is retried, the write never sent.
    expect(error).toMatchObject({ operationId: "getAccessToken", message: expect.stringMatching(/ECONNREFUSED/) });
    expect(exchanges).toBe(3);

    exchanges = 0;
    const withToken = createVendorClient<FakePaths>(limitedMeta, {
      baseUrl: fake.url,
      credentials: { corpId: CORP_ID, secret: SECRET },
      getAccessToken: async () => "a-token-from-elsewhere",
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
      layers: [count],
    });
    await expect(withToken.POST("/thing/create", { body: {} })).rejects.toMatchObject({
      operationId: "createThing",
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(exchanges).toBe(3);
  });

  it("retries a read whose connection was reset, but not a write", async () => {
    let n = 0;
    fake.handle = (_req, res) => {
      if (n++ === 0) {
        res.socket?.destroy();
        return;
      }
      ok(res);
    };
    await expect(client().GET("/things")).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(seen("/things")).toBe(2);
    n = 0;
    await expect(client().POST("/thing/create", { body: {} })).rejects.toBeInstanceOf(ScrmNetworkError);
    expect(seen("/thing/create")).toBe(1);
  });

  it("signs every attempt afresh (signature vendors)", async () => {
    let now = 1_700_000_000_000;
    const tanma = createVendorClient<FakePaths>(signedMeta, {
      baseUrl: fake.url,
      credentials: { appId: "app-1", appKey: "app-key-secret-1" },
      retry: { initialDelayMs: 1 },
      now: () => (now += 1000),
    });
    let n = 0;
    fake.handle = (_req, res) => (n++ === 0 ? json(res, {}, 429) : json(res, { code: 0, message: "ok" }));
    await tanma.POST("/things/search", { body: { size: 10 } });
    const attempts = fake.requests.filter((r) => r.path === "/things/search");
    expect(attempts).toHaveLength(2);
    const [first, second] = attempts.map((r) => ({
      timestamp: String(r.headers.timestamp),
      sign: String(r.headers.sign),
      body: r.body,
    }));
    expect(first?.timestamp).not.toBe(second?.timestamp);
    for (const a of [first, second]) {
      const expected = createHash("sha256").update(`app-1${a?.timestamp}${a?.body}app-key-secret-1`).digest("hex");
      expect(a?.sign).toBe(expected);
    }
  });

  it("vendors without declared limits still retry their rate-limit code", async () => {
    script("/things", [1009, 0]);
    await expect(client({}, unlimitedMeta).GET("/things")).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(seen("/things")).toBe(2);
  });
});

describe("timeouts and deadline", () => {
  it("a read that times out is retried; each attempt is bounded by timeoutMs", async () => {
    script("/things", ["hang", 0]);
    await expect(client({ timeoutMs: 100 }).GET("/things")).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(seen("/things")).toBe(2);
  });

  it("a write that timed out is not retried: the vendor sees exactly 1 request", async () => {
    script("/thing/create", ["hang", "hang", 0]);
    const error = await client({ timeoutMs: 100 })
      .POST("/thing/create", { body: { name: "x" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmTimeoutError);
    expect(error).toMatchObject({ vendor: "fakeban", operationId: "createThing", phase: "attempt", timeoutMs: 100 });
    expect((error as Error).message).toBe("[fakeban] createThing: no answer within 100 ms");
    expect(seen("/thing/create")).toBe(1);
  });

  it("…but is with retry.retryUnsafeWrites", async () => {
    script("/thing/create", ["hang", "hang", 0]);
    const { data } = await client({ timeoutMs: 100, retry: { initialDelayMs: 1, retryUnsafeWrites: true } }).POST(
      "/thing/create",
      { body: { name: "x" } },
    );
    expect(data?.errcode).toBe(0);
    expect(seen("/thing/create")).toBe(3);
  });

  it("a write with no rate class is a write too (non-GET)", async () => {
    script("/thing/update", ["hang", 0]);
    await expect(client({ timeoutMs: 100 }).POST("/thing/update", { body: {} })).rejects.toBeInstanceOf(
      ScrmTimeoutError,
    );
    expect(seen("/thing/update")).toBe(1);
  });

  it("deadlineMs bounds the whole call, retries included", async () => {
    script("/things", ["hang"]);
    const error = await client({ timeoutMs: 10_000, deadlineMs: 150 })
      .GET("/things")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmTimeoutError);
    expect(error).toMatchObject({ phase: "deadline", timeoutMs: 150, operationId: "listThings" });
    expect((error as Error).message).toBe("[fakeban] listThings: deadline of 150 ms exceeded");
    expect(seen("/things")).toBe(1);
  });

  it("stops retrying, with the attempt's own error, when the backoff would overrun the deadline", async () => {
    script("/things", ["HTTP 502"]);
    const error = await client({ deadlineMs: 1000, retry: { initialDelayMs: 5000 } })
      .GET("/things")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(seen("/things")).toBe(1);
  });
});
