// What a plain createWeibanClient() gets from core with no extra code: Weiban's x-limits enforced client-side and its
// limit codes retried or waited out — against a local fake holding its answers until the test releases them, so
// every figure is a count, never a timing.
import { FakeVendor } from "@scrm-openapi/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWeibanClient, meta } from "../src/index.js";

const CORP_ID = "wwfakecorp0001";
const SECRET = "s3cr3t-weiban-app-secret-value";
const credentials = { corp_id: CORP_ID, secret: SECRET };

afterEach(() => {
  vi.useRealTimers();
});

async function weibanServer() {
  const vendor = new FakeVendor(meta, { credentials });
  const server = await vendor.listen();
  return Object.assign(vendor, { url: server.url, close: server.close });
}

/** Waits by event-loop turns (not a clock) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

// Two calls to each of 7 read APIs (each API has its own 600/min budget; the corp has 5 in-flight slots).
const burst = (weiban: ReturnType<typeof createWeibanClient>) =>
  [1, 2].flatMap(() => [
    weiban.GET("/open-api/sea/list"),
    weiban.GET("/open-api/opportunity/one", { params: { query: { id: "1" } } }),
    weiban.GET("/open-api/opportunity/list", { params: { query: {} } }),
    weiban.GET("/open-api/external_user/get", { params: { query: { id: "wm1" } } }),
    weiban.GET("/open-api/ltc/order/one", { params: { query: { order_id: "o1" } } }),
    weiban.GET("/open-api/external_user/list", { params: { query: {} } }),
    weiban.GET("/open-api/ltc/goods/list", { params: { query: {} } }),
  ]);

describe("defaults from specs/weiban x-limits", () => {
  it("the spec declares 5 in flight per corp and 600/min per API, and a 60 s block after 10053", () => {
    expect(meta.limits.concurrency.max).toBe(5);
    expect(meta.limits.rate.find((r) => r.class === "read")).toMatchObject({ perMinute: 600, scope: "operation" });
    expect(meta.errorCodes["10053"]).toMatchObject({ kind: "rate-limit", retryAfterSeconds: 60 });
  });

  it("14 calls over 7 APIs: never more than 5 in flight at the vendor, every call completes", async () => {
    const vendor = await weibanServer();
    try {
      const weiban = createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: vendor.url });
      vendor.route = () => "hold";
      const calls = burst(weiban);
      let done = 0;
      for (const call of calls) call.then(() => done++);
      while (done < calls.length) {
        await until(() => vendor.held === Math.min(5, calls.length - done));
        const before = done;
        vendor.release(1);
        await until(() => done > before);
      }
      expect(vendor.maxInFlight).toBe(5);
      expect(vendor.requests).toHaveLength(14);
    } finally {
      await vendor.close();
    }
  });

  it("rateLimit: false lets all 14 overlap", async () => {
    const vendor = await weibanServer();
    try {
      const weiban = createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: vendor.url, rateLimit: false });
      vendor.route = () => "hold";
      const calls = burst(weiban);
      await until(() => vendor.held === 14);
      vendor.release();
      await Promise.all(calls);
      expect(vendor.maxInFlight).toBe(14);
    } finally {
      await vendor.close();
    }
  });
});

describe("Weiban's limit codes", () => {
  it("10052 is retried at once (2 retries by default) and the call succeeds", async () => {
    const vendor = await weibanServer();
    try {
      const answers = [10052, 10052, 0];
      vendor.route = () => {
        const code = answers.shift() ?? 0;
        return { json: { errcode: code, errmsg: code ? "超过并发限制" : "ok", sea_list: [] } };
      };
      const weiban = createWeibanClient({
        corpId: CORP_ID,
        secret: SECRET,
        baseUrl: vendor.url,
        retry: { initialDelayMs: 1 },
      });
      await expect(weiban.GET("/open-api/sea/list")).resolves.toMatchObject({ data: { errcode: 0 } });
      expect(vendor.count("/open-api/sea/list")).toBe(3);
    } finally {
      await vendor.close();
    }
  });

  it("10053 blocks the API for 60 s: the retry waits it out, and the API's other callers wait too (fake time)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vendor = new FakeVendor(meta, { credentials });
    const weiban = createWeibanClient({ corpId: CORP_ID, secret: SECRET, fetch: vendor.fetch });
    await weiban.GET("/open-api/external_user/list", { params: { query: {} } });
    let blocked = true;
    vendor.route = (req) =>
      blocked && req.path === "/open-api/sea/list" ? { json: { errcode: 10053, errmsg: "超过频率限制" } } : undefined;
    const first = weiban.GET("/open-api/sea/list");
    await until(() => vendor.count("/open-api/sea/list") === 1);
    blocked = false;
    const second = weiban.GET("/open-api/sea/list");
    const other = weiban.GET("/open-api/external_user/list", { params: { query: {} } });
    await other; // another API is not blocked
    await vi.advanceTimersByTimeAsync(59_999);
    expect(vendor.count("/open-api/sea/list")).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([first, second]);
    expect(vendor.count("/open-api/sea/list")).toBe(3);
  });

  it("createLtcOrder (x-rate-class write) that timed out is not sent again", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vendor = new FakeVendor(meta, { credentials });
    vendor.route = (req) => (req.path === "/open-api/ltc/order/create" ? "hold" : undefined);
    const weiban = createWeibanClient({ corpId: CORP_ID, secret: SECRET, fetch: vendor.fetch, timeoutMs: 1000 });
    const call = weiban
      .POST("/open-api/ltc/order/create", { body: { request_id: "order-1" } })
      .catch((e: unknown) => e);
    await until(() => vendor.held === 1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await call).toMatchObject({ name: "ScrmTimeoutError", operationId: "createLtcOrder", phase: "attempt" });
    expect(vendor.count("/open-api/ltc/order/create")).toBe(1);
  });
});
