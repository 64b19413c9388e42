// Cancellation: an AbortSignal (or the deadline) stops queued, in-flight and backing-off calls and leaves no timer.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type CommonClientOptions, createVendorClient, ScrmTimeoutError } from "../src/index.js";
import { CORP_ID, type FakeVendor, json, SECRET, startFakeVendor } from "./fake-vendor.js";
import { type FakePaths, limitedMeta } from "./metas.js";

let fake: FakeVendor;
beforeEach(async () => {
  fake = await startFakeVendor();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});

// 600/min played so that calls of one operation are ~50 ms apart: 20 calls make a queue.
const SLOW_LIMITS = { timeScale: 0.5 };
const client = (extra: CommonClientOptions = {}) =>
  createVendorClient<FakePaths>(limitedMeta, {
    baseUrl: fake.url,
    credentials: { corpId: CORP_ID, secret: SECRET },
    rateLimit: SLOW_LIMITS,
    ...extra,
  });

/**
 * Records every timer started from now on (by the client, Bottleneck, undici…) and returns those still pending that
 * would keep the process alive. Timers started before — vitest's own — are not counted.
 */
function trackTimers(): () => NodeJS.Timeout[] {
  const live = new Set<NodeJS.Timeout>();
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((
    fn: (...a: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const timer = realSetTimeout(() => {
      live.delete(timer);
      fn(...args);
    }, ms);
    live.add(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, "clearTimeout").mockImplementation((timer) => {
    live.delete(timer as NodeJS.Timeout);
    realClearTimeout(timer);
  });
  return () => [...live].filter((t) => t.hasRef());
}
const seen = (path: string) => fake.requests.filter((r) => r.path === path).length;
const hang = () => {
  fake.handle = (req, res) => {
    if (req.path === "/others") json(res, { errcode: 0, errmsg: "ok" });
  };
};

describe("abort", () => {
  it("cancels queued and in-flight calls; nothing more is sent and no timer is left running", async () => {
    const vendor = client();
    await vendor.GET("/others"); // a token, so only /things calls are pending below
    hang();
    const pendingTimers = trackTimers();
    const controller = new AbortController();
    const calls = Array.from({ length: 20 }, (_, n) =>
      vendor.GET("/things", { params: { query: { n } }, signal: controller.signal }).catch((e: unknown) => e),
    );
    await expect.poll(() => seen("/things")).toBeGreaterThan(0);
    controller.abort();
    const errors = await Promise.all(calls);
    expect(errors.every((e) => e instanceof DOMException && e.name === "AbortError")).toBe(true);
    const sent = seen("/things");
    expect(sent).toBeLessThan(20);
    // The in-flight requests' connections are closed by the abort, and the queue behind them is gone.
    await expect.poll(() => fake.openConnections()).toBeLessThanOrEqual(1);
    await expect.poll(() => pendingTimers()).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen("/things")).toBe(sent);
    // The limiter still works for later calls.
    fake.handle = undefined;
    await expect(vendor.GET("/things")).resolves.toMatchObject({ data: { errcode: 0 } });
  });

  it("cancels a call waiting to retry, clearing its backoff timer", async () => {
    fake.handle = (req, res) =>
      json(res, req.path === "/others" ? { errcode: 0, errmsg: "ok" } : { errcode: 10053, errmsg: "超过频率限制" });
    const lines: string[] = [];
    const vendor = client({
      retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      logger: { debug: (line) => lines.push(line) },
    });
    await vendor.GET("/others");
    const pendingTimers = trackTimers();
    const controller = new AbortController();
    const call = vendor.GET("/things", { signal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => lines.some((l) => l.includes("retry 1/2 of listThings"))).toBe(true);
    expect(pendingTimers()).toHaveLength(1); // the 60 s backoff
    controller.abort(new Error("user gave up"));
    expect(await call).toEqual(new Error("user gave up"));
    expect(pendingTimers()).toEqual([]);
    expect(seen("/things")).toBe(1);
  });

  it("stops waiting for a token refresh without cancelling it for the other callers", async () => {
    await fake.close();
    fake = await startFakeVendor({ tokenDelayMs: 200 });
    const vendor = client();
    const controller = new AbortController();
    const aborted = vendor.GET("/things", { signal: controller.signal }).catch((e: unknown) => e);
    const other = vendor.GET("/others");
    await expect.poll(() => fake.tokenRequests).toBe(1);
    controller.abort();
    expect(await aborted).toMatchObject({ name: "AbortError" });
    await expect(other).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(fake.tokenRequests).toBe(1);
    expect(seen("/things")).toBe(0);
  });

  it("a deadline reached while queued behind the limiter is a ScrmTimeoutError; the call is never sent", async () => {
    const vendor = client({ deadlineMs: 120 });
    await vendor.GET("/others");
    hang();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        vendor.GET("/things", { params: { query: { n } } }).catch((e: unknown) => e),
      ),
    );
    expect(results.every((e) => e instanceof ScrmTimeoutError && e.phase === "deadline")).toBe(true);
    // ~50 ms apart: within 120 ms only the first few calls can have left.
    expect(seen("/things")).toBeLessThan(10);
  });
});
