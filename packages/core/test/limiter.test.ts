// The client-side limiter: calls within budget go at once (no timer), the rest wait their turn; shown with held
// answers and fake time, so every assertion is a count.
import { describe, expect, it, vi } from "vitest";
import { ScrmAbortError, ScrmRateLimitError } from "../src/index.js";
import { fakeClient, httpVendor, inProcessVendor, rejection, SECRET, until, useFakeTime } from "./helpers.js";

const PATHS = ["/things", "/others"] as const;

describe("fast path", () => {
  it("a call within budget takes no timer and no wait", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch, timeoutMs: 0 });
    await client.GET("/things"); // the token
    vendor.route = () => "hold";
    const call = client.GET("/things");
    await until(() => vendor.held === 1);
    expect(vi.getTimerCount()).toBe(0);
    vendor.release();
    await call;
  });

  it("the per-minute budget is usable at once: 570 of 600/min (5% headroom) go out together, the 571st waits", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({
      fetch: vendor.fetch,
      timeoutMs: 0,
      rateLimit: { limits: { rate: [{ class: "read", perMinute: 600, scope: "operation" }] } },
    });
    vendor.route = () => "hold";
    const calls = Array.from({ length: 571 }, () => client.GET("/things"));
    await until(() => vendor.held === 570);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(vendor.count("/things")).toBe(570);
    await vi.advanceTimersByTimeAsync(2_000);
    await until(() => vendor.held === 571);
    vendor.release();
    await Promise.all(calls);
  });
});

describe("concurrency (answers held until released)", () => {
  /** Two calls to each of 7 read APIs of one account: 14 calls, 5 in-flight slots. */
  const burst = (client: ReturnType<typeof fakeClient>) =>
    Array.from({ length: 7 }, () => PATHS.map((path) => client.GET(path))).flat();

  it("never more than 5 in flight at the vendor, and every call completes", async () => {
    const vendor = await httpVendor();
    const client = fakeClient({ baseUrl: vendor.url });
    await client.GET("/things");
    vendor.route = () => "hold";
    const calls = burst(client);
    let done = 0;
    for (const call of calls) call.then(() => done++);
    // Release one answer at a time; after each, the next waiting call takes the freed slot.
    while (done < calls.length) {
      await until(() => vendor.held === Math.min(5, calls.length - done));
      expect(vendor.inFlight).toBeLessThanOrEqual(5);
      vendor.release(1);
      const before = done;
      await until(() => done > before);
    }
    expect(vendor.maxInFlight).toBe(5);
  });

  it("rateLimit: false lets all 14 overlap", async () => {
    const vendor = await httpVendor();
    const client = fakeClient({ baseUrl: vendor.url, rateLimit: false });
    await client.GET("/things");
    vendor.route = () => "hold";
    const calls = burst(client);
    await until(() => vendor.held === 14);
    vendor.release();
    await Promise.all(calls);
    expect(vendor.maxInFlight).toBe(14);
  });
});

describe("2,000 queued calls under 600/min and 5 in flight (fake time)", () => {
  const run = async (rateLimit: false | undefined) => {
    useFakeTime();
    // The vendor enforces Weiban's limits itself: 600/min per API, 5 in flight, each answer taking 100 ms.
    const vendor = inProcessVendor({ concurrency: 5, rate: { limit: 600, windowMs: 60_000 }, latencyMs: 100 });
    const client = fakeClient({ fetch: vendor.fetch, retry: false, ...(rateLimit === false ? { rateLimit } : {}) });
    const settled = Promise.allSettled(
      Array.from({ length: 2000 }, (_, n) => client.GET("/things", { params: { query: { n } } })),
    );
    let finished = false;
    settled.then(() => (finished = true));
    for (let minute = 0; !finished && minute < 10; ) {
      await vi.advanceTimersByTimeAsync(1000);
      if (Date.now() % 60_000 === 0) minute++;
    }
    const results = await settled;
    return { vendor, failed: results.filter((r) => r.status === "rejected").length };
  };

  it("with the limiter: 0 limit errors, all 2,000 succeed", async () => {
    const { vendor, failed } = await run(undefined);
    expect(failed).toBe(0);
    expect(vendor.answered.get(10052) ?? 0).toBe(0);
    expect(vendor.answered.get(10053) ?? 0).toBe(0);
    expect(vendor.maxInFlight).toBe(5);
    expect(vendor.maxInWindow).toBeLessThanOrEqual(600);
    expect(vendor.count("/things")).toBe(2000);
  });

  it("control: without it, the same vendor answers 10052 and 10053", async () => {
    const { vendor, failed } = await run(false);
    expect(failed).toBeGreaterThan(0);
    expect(vendor.answered.get(10052) ?? 0).toBeGreaterThan(0);
  });
});

describe("bounds and failures", () => {
  it("the waiting line is bounded: one more call than maxQueue gets ScrmRateLimitError queue-full", async () => {
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch, rateLimit: { maxQueue: 10 } });
    await client.GET("/things");
    vendor.route = () => "hold";
    const calls = Array.from({ length: 15 }, () => client.GET("/things"));
    await until(() => vendor.held === 5);
    const error = await rejection(client.GET("/things"));
    expect(error).toBeInstanceOf(ScrmRateLimitError);
    expect(error).toMatchObject({ reason: "queue-full", operationId: "listThings" });
    for (let round = 0; round < 3; round++) {
      await until(() => vendor.held === 5);
      vendor.release();
    }
    await Promise.all(calls);
    expect(vendor.count("/things")).toBe(16);
  });

  it("a wait that would pass the call's deadline fails at once, with the wait", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({
      fetch: vendor.fetch,
      rateLimit: { limits: { rate: [{ class: "read", perMinute: 2, scope: "operation" }] } },
    });
    await client.GET("/things"); // 2/min less 5% headroom: 1 call per minute
    const error = await rejection(client.GET("/things", { deadlineMs: 1000 }));
    expect(error).toMatchObject({ reason: "wait-exceeds-deadline" });
    expect((error as ScrmRateLimitError).waitMs).toBeGreaterThan(1000);
    expect(vendor.count("/things")).toBe(1);
  });

  it("an abort takes a waiting call out of line and leaves no timer", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({
      fetch: vendor.fetch,
      timeoutMs: 0,
      rateLimit: { limits: { rate: [{ class: "read", perMinute: 2, scope: "operation" }] } },
    });
    await client.GET("/things");
    const controller = new AbortController();
    const waiting = rejection(client.GET("/things", { signal: controller.signal }));
    await until(() => vi.getTimerCount() === 1);
    controller.abort();
    expect(await waiting).toBeInstanceOf(ScrmAbortError);
    expect(vi.getTimerCount()).toBe(0);
    expect(vendor.count("/things")).toBe(1);
  });

  it("close() fails the waiting calls and every later one", async () => {
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch });
    await client.GET("/things");
    vendor.route = () => "hold";
    const calls = Promise.allSettled(Array.from({ length: 7 }, () => client.GET("/things")));
    await until(() => vendor.held === 5);
    await client.close();
    vendor.release();
    const results = await calls;
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const closed = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(closed.filter((e) => e instanceof ScrmRateLimitError && e.reason === "closed")).toHaveLength(2);
    expect(await rejection(client.GET("/things"))).toMatchObject({ reason: "closed" });
  });

  it("after a rate-limit answer with Retry-After, the operation's other callers wait it out too", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch, retry: false });
    await client.GET("/things");
    vendor.route = (req) =>
      req.path === "/things"
        ? { json: { errcode: 10053, errmsg: "限流" }, headers: { "retry-after": "60" } }
        : undefined;
    expect(await rejection(client.GET("/things"))).toMatchObject({ code: 10053, retryAfterMs: 60_000 });
    vendor.route = undefined;
    const next = client.GET("/things");
    const other = client.GET("/others"); // another API's budget is untouched
    await other;
    await vi.advanceTimersByTimeAsync(59_000);
    expect(vendor.count("/things")).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    await next;
    expect(vendor.count("/things")).toBe(3);
  });

  it("debug lines name the operation and the limits it waits for, never a secret or a token", async () => {
    const vendor = inProcessVendor();
    const lines: string[] = [];
    const client = fakeClient({ fetch: vendor.fetch, logger: { debug: (l) => lines.push(l) } });
    await client.GET("/things");
    vendor.route = () => "hold";
    const calls = Array.from({ length: 6 }, () => client.GET("/things"));
    await until(() => vendor.held === 5);
    vendor.release();
    await until(() => vendor.held === 1);
    vendor.release();
    await Promise.all(calls);
    expect(lines).toContainEqual(expect.stringMatching(/rate limit: listThings req_\S+ waits .*5 in flight/));
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toMatch(/tok-\d+/);
    }
  });
});
