// The client-side limiter built from x-limits, against a fake vendor that enforces the same limits (time-scaled).
import { redisPort as injectRedisPort, unusedPort } from "@scrm-openapi/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CommonClientOptions,
  createVendorClient,
  ScrmApiError,
  ScrmStoreError,
  type VendorMeta,
} from "../src/index.js";
import { CORP_ID, type FakeVendor, type FakeVendorOptions, SECRET, startFakeVendor } from "./fake-vendor.js";
import { type FakePaths, limitedMeta, unlimitedMeta } from "./metas.js";
import { runWorkers } from "./workers.js";

/** A minute of the vendor's clock lasts this long here: 3 s, so 600/min means 600 per 3 s. */
const SCALE = 0.05;
const MINUTE_MS = 60_000 * SCALE;
const WEIBAN_LIMITS: FakeVendorOptions = { concurrency: 5, rate: { limit: 600, windowMs: MINUTE_MS }, latencyMs: 1 };

let fake: FakeVendor | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(calls: number, options: CommonClientOptions, meta: VendorMeta = limitedMeta) {
  fake ??= await startFakeVendor(WEIBAN_LIMITS);
  const client = createVendorClient<FakePaths>(meta, {
    baseUrl: fake.url,
    credentials: { corpId: CORP_ID, secret: SECRET },
    // Every limit error would reach the caller: nothing hides it behind a retry.
    retry: { maxRetries: 0 },
    ...options,
  });
  const results = await Promise.allSettled(
    Array.from({ length: calls }, (_, n) => client.GET("/things", { params: { query: { n } } })),
  );
  await client.close();
  const codes = results.flatMap((r) =>
    r.status === "rejected" && r.reason instanceof ScrmApiError ? [r.reason.code] : [],
  );
  const other = results.filter((r) => r.status === "rejected" && !(r.reason instanceof ScrmApiError));
  return { ok: results.filter((r) => r.status === "fulfilled").length, codes, other };
}

describe("in-memory limiter (the default)", () => {
  it("2,000 queued calls under 600/min and 5 in flight: 0 limit errors reach the caller", async () => {
    const result = await run(2000, { rateLimit: { timeScale: SCALE } });
    expect(result.codes).toEqual([]);
    expect(result.other).toEqual([]);
    expect(result.ok).toBe(2000);
    expect(fake?.answered.get(10053) ?? 0).toBe(0);
    expect(fake?.answered.get(10052) ?? 0).toBe(0);
    expect(fake?.maxInWindow).toBeLessThanOrEqual(600);
    expect(fake?.maxInFlight).toBeLessThanOrEqual(5);
  }, 60_000);

  it("control: without the limiter the same fake vendor answers 10052 and 10053", async () => {
    const result = await run(2000, { rateLimit: false });
    expect(result.codes).toContain(10053);
    expect(result.codes).toContain(10052);
  });
});

describe("debug lines", () => {
  it("name the operation, the wait and the limits, never a secret or token", async () => {
    fake = await startFakeVendor();
    const lines: string[] = [];
    const client = createVendorClient<FakePaths>(limitedMeta, {
      baseUrl: fake.url,
      credentials: { corpId: CORP_ID, secret: SECRET },
      // ~53 ms between two calls of one API: the second and third call wait.
      rateLimit: { timeScale: 0.5 },
      logger: { debug: (line) => lines.push(line) },
    });
    await Promise.all([1, 2, 3].map(() => client.GET("/things")));
    const waits = lines.filter((l) => l.includes("rate limit: listThings"));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatch(
      /^\[fakeban\] rate limit: listThings req_\S+ waited \d+ms \(read: 600\/min, 36000\/h per listThings; 5 in flight\)$/,
    );
    const token = fake.requests[0]?.query.get("access_token") ?? "";
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(token);
    }
  });
});

describe("no limiter", () => {
  it("for a vendor whose spec declares no limits, calls go out at once", async () => {
    fake = await startFakeVendor({ latencyMs: 30 });
    const result = await run(20, {}, unlimitedMeta);
    expect(result.ok).toBe(20);
    expect(fake.maxInFlight).toBe(20);
  });

  it("with rateLimit: false", async () => {
    fake = await startFakeVendor({ latencyMs: 30 });
    const result = await run(20, { rateLimit: false });
    expect(result.ok).toBe(20);
    expect(fake.maxInFlight).toBe(20);
  });
});

describe("Redis-backed limiter shared by processes", () => {
  const redisPort = injectRedisPort();
  // Weiban's shape at a tenth of the rate, so four processes outrun it quickly: 60 per "minute" of 1 s, 5 in flight.
  const limits = {
    concurrency: { max: 5, scope: "corp" },
    rate: [{ class: "read", perMinute: 60, scope: "operation" }],
  } as const;
  const vendorLimits: FakeVendorOptions = { concurrency: 5, rate: { limit: 60, windowMs: 1000 }, latencyMs: 2 };
  const timeScale = 1000 / 60_000;

  it("4 worker processes share one budget: 0 limit errors", async () => {
    fake = await startFakeVendor(vendorLimits);
    const results = await runWorkers(4, {
      baseUrl: fake.url,
      calls: 40,
      rateLimit: { limits, timeScale, redis: { port: redisPort }, keyPrefix: `test:${Date.now()}:${Math.random()}` },
      retry: { maxRetries: 0 },
    });
    expect(results.flatMap((r) => Object.keys(r.errors))).toEqual([]);
    expect(results.map((r) => r.ok)).toEqual([40, 40, 40, 40]);
    expect(fake.maxInFlight).toBeLessThanOrEqual(5);
    expect(fake.maxInWindow).toBeLessThanOrEqual(60);
  }, 60_000);

  it("control: 4 processes with in-memory limiters overrun the vendor's limits", async () => {
    fake = await startFakeVendor(vendorLimits);
    const results = await runWorkers(4, {
      baseUrl: fake.url,
      calls: 40,
      rateLimit: { limits, timeScale },
      retry: { maxRetries: 0 },
    });
    expect(results.reduce((sum, r) => sum + (r.errors["10053"] ?? 0), 0)).toBeGreaterThan(0);
  }, 60_000);

  it("Redis unreachable: a clear error naming the limiter and the address, not a hang", async () => {
    fake = await startFakeVendor();
    const port = await unusedPort();
    const client = createVendorClient<FakePaths>(limitedMeta, {
      baseUrl: fake.url,
      credentials: { corpId: CORP_ID, secret: SECRET },
      rateLimit: { redis: { port, host: "127.0.0.1" }, connectTimeoutMs: 500 },
    });
    const error = await client.GET("/things").catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(ScrmStoreError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^\\[fakeban\\] getAccessToken: rate limiter: cannot reach redis at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`,
      ),
    );
    expect(error).toMatchObject({ store: "rate limiter", vendor: "fakeban" });
    expect((error as Error).message).not.toContain(SECRET);
  });
});
