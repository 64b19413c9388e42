// Retries on fake time: every wait is played by advancing the clock, so the tests count attempts, never durations.
import { describe, expect, it, vi } from "vitest";
import { ScrmApiError, ScrmTimeoutError } from "../src/index.js";
import { fakeClient, inProcessVendor, rejection, until, useFakeTime } from "./helpers.js";

/** Answers /things (or `path`) with each code in turn; the last repeats. */
function scripted(codes: number[], path = "/things", headers: Record<string, string> = {}) {
  const vendor = inProcessVendor();
  let n = 0;
  vendor.route = (req) => {
    if (req.path !== path) return undefined;
    const code = codes[Math.min(n++, codes.length - 1)] as number;
    // Three digits are an HTTP status (with an HTML body); anything else is an envelope code.
    return code >= 100 && code <= 599
      ? { status: code, text: "<html>busy</html>", headers }
      : { json: { errcode: code, errmsg: code ? `error ${code}` : "ok" }, headers };
  };
  return vendor;
}

describe("retries (fake time)", () => {
  it("a rate-limit code is retried after the backoff, and the call succeeds", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0]);
    const lines: string[] = [];
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, logger: { debug: (l) => lines.push(l) } }).GET(
      "/things",
    );
    await until(() => vendor.count("/things") === 1);
    await vi.advanceTimersByTimeAsync(374); // the first backoff is 375–500 ms (500 less up to 25% jitter)
    expect(vendor.count("/things")).toBe(1);
    await vi.advanceTimersByTimeAsync(126);
    await expect(call).resolves.toMatchObject({ data: { errcode: 0 } });
    expect(vendor.count("/things")).toBe(2);
    expect(lines).toContainEqual(
      expect.stringMatching(/retry 1\/2 of listThings req_\S+ in \d+ms after: .*code 10053/),
    );
  });

  it("gives up after maxRetries (default 2): 3 requests, then the typed error", async () => {
    useFakeTime();
    const vendor = scripted([10052]);
    const call = rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false }).GET("/things"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await call).toMatchObject({ code: 10052, kind: "concurrency-limit", retryable: true });
    expect(vendor.count("/things")).toBe(3);
  });

  it("retry: false and maxRetries: 0 send once; a per-call retry overrides the client's", async () => {
    useFakeTime();
    const vendor = scripted([10053]);
    const client = fakeClient({ fetch: vendor.fetch, rateLimit: false, retry: false });
    const once = rejection(client.GET("/things"));
    await vi.advanceTimersByTimeAsync(10_000);
    await once;
    expect(vendor.count("/things")).toBe(1);
    const thrice = rejection(client.GET("/things", { retry: { maxRetries: 2, initialDelayMs: 10 } }));
    await vi.advanceTimersByTimeAsync(10_000);
    await thrice;
    expect(vendor.count("/things")).toBe(4);
  });

  it("does not retry other business codes", async () => {
    useFakeTime();
    const vendor = scripted([22201]);
    const call = rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false }).GET("/things"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await call).toMatchObject({ code: 22201, retryable: false });
    expect(vendor.count("/things")).toBe(1);
  });

  it("a busy code is retried on a read, not on a write (the write may have been done)", async () => {
    useFakeTime();
    const read = scripted([1017, 0]);
    const ok = fakeClient({ fetch: read.fetch, rateLimit: false }).GET("/things");
    await vi.advanceTimersByTimeAsync(10_000);
    await ok;
    expect(read.count("/things")).toBe(2);
    const write = scripted([1017, 0], "/thing/create");
    const failed = rejection(fakeClient({ fetch: write.fetch, rateLimit: false }).POST("/thing/create", { body: {} }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await failed).toMatchObject({ code: 1017, retryable: false });
    expect(write.count("/thing/create")).toBe(1);
  });

  it("a write refused with a limit code is retried: the vendor provably did not process it", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0], "/thing/create");
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false }).POST("/thing/create", { body: {} });
    await vi.advanceTimersByTimeAsync(10_000);
    await call;
    expect(vendor.count("/thing/create")).toBe(2);
  });

  it("retryUnsafeWrites retries a write after a 5xx", async () => {
    useFakeTime();
    const vendor = scripted([503, 0], "/thing/create");
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, retry: { retryUnsafeWrites: true } }).POST(
      "/thing/create",
      { body: {} },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await call;
    expect(vendor.count("/thing/create")).toBe(2);
  });
});

describe("vendor-requested waits (Retry-After, the spec's retryAfterSeconds)", () => {
  it("Retry-After is honoured: no retry before it has passed, one right after", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0], "/things", { "retry-after": "30" });
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false }).GET("/things");
    await vi.advanceTimersByTimeAsync(29_999);
    expect(vendor.count("/things")).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(vendor.count("/things")).toBe(2);
  });

  it("a wait past the call's deadline fails at once, with the wait in the error", async () => {
    useFakeTime();
    const vendor = scripted([10053], "/things", { "retry-after": "60" });
    const call = rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false, deadlineMs: 5_000 }).GET("/things"));
    await vi.advanceTimersByTimeAsync(0);
    const error = (await call) as ScrmApiError;
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.message).toContain("retry after 60 s");
    expect(vendor.count("/things")).toBe(1);
  });

  it("a wait over maxRetryAfterMs fails at once too", async () => {
    useFakeTime();
    const vendor = scripted([10053], "/things", { "retry-after": "120" });
    const call = rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false }).GET("/things"));
    await vi.advanceTimersByTimeAsync(0);
    expect(await call).toMatchObject({ retryAfterMs: 120_000 });
    expect(vendor.count("/things")).toBe(1);
  });

  it("the spec's retryAfterSeconds applies when the vendor sends no header", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0]);
    const meta = (await import("./metas.js")).limitedMeta;
    const withWait = {
      ...meta,
      errorCodes: {
        ...meta.errorCodes,
        "10053": { meaning: "超过频率限制", kind: "rate-limit", retryAfterSeconds: 60 },
      },
    } as const;
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false }, withWait).GET("/things");
    await vi.advanceTimersByTimeAsync(59_999);
    expect(vendor.count("/things")).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(vendor.count("/things")).toBe(2);
  });
});

describe("timeouts and deadline (fake time)", () => {
  it("a read that gets no answer times out per attempt and is retried; each attempt is bounded", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    vendor.route = (req) => (req.path === "/things" ? "hold" : undefined);
    const call = rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false, timeoutMs: 1000 }).GET("/things"));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await call).toMatchObject({ phase: "attempt", timeoutMs: 1000 });
    expect(vendor.count("/things")).toBe(3);
    expect(vendor.held).toBe(0); // every timed-out attempt was cancelled
  });

  it("a write that timed out is not sent again (it may have been processed)", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    vendor.route = (req) => (req.path === "/thing/create" ? "hold" : undefined);
    const call = rejection(
      fakeClient({ fetch: vendor.fetch, rateLimit: false, timeoutMs: 1000 }).POST("/thing/create", { body: {} }),
    );
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await call).toBeInstanceOf(ScrmTimeoutError);
    expect(vendor.count("/thing/create")).toBe(1);
  });

  it("deadlineMs bounds the whole call, retries included; a per-call timeout overrides the client's", async () => {
    useFakeTime();
    vi.spyOn(Math, "random").mockReturnValue(0); // no jitter: the backoff is exactly 500 ms
    const vendor = inProcessVendor();
    vendor.route = (req) => (req.path === "/things" ? "hold" : undefined);
    const call = rejection(
      fakeClient({ fetch: vendor.fetch, rateLimit: false, deadlineMs: 1600 }).GET("/things", { timeoutMs: 1000 }),
    );
    // attempt 1 times out at 1000, attempt 2 starts at 1500, the deadline passes at 1600 during it.
    await vi.advanceTimersByTimeAsync(1600);
    expect(await call).toMatchObject({ phase: "deadline", timeoutMs: 1600 });
    expect(vendor.count("/things")).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
