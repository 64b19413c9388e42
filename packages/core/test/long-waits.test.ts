// Waits longer than a timer can take (2^31 ms, ~24.8 days) neither fire at once nor spin: a 29-day Retry-After is
// refused with the wait in the error, and the callers it holds up are woken at the timer's limit, not every ms.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ScrmApiError } from "../src/index.js";
import { fakeClient, inProcessVendor, rejection, useFakeTime } from "./helpers.js";

const DAYS_29 = 29 * 24 * 3600;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a 29-day Retry-After", () => {
  it("is not retried, even with the longest maxRetryAfterMs: the error carries the wait", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    vendor.route = (req) =>
      req.path === "/things"
        ? { json: { errcode: 10053, errmsg: "限流" }, headers: { "retry-after": String(DAYS_29) } }
        : undefined;
    const client = fakeClient({ fetch: vendor.fetch, retry: { maxRetryAfterMs: 2 ** 31 - 1 } });
    const error = await rejection(client.GET("/things"));
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ code: 10053, retryAfterMs: DAYS_29 * 1000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vendor.count("/things")).toBe(1);
  });

  it("holds the operation's next caller without a timer firing every millisecond", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch, retry: false });
    vendor.route = (req) =>
      req.path === "/things"
        ? { json: { errcode: 10053, errmsg: "限流" }, headers: { "retry-after": String(DAYS_29) } }
        : undefined;
    await rejection(client.GET("/things"));
    vendor.route = undefined;
    const next = client.GET("/things").catch((e: unknown) => e);
    const timers = vi.spyOn(globalThis, "setTimeout");
    await vi.advanceTimersByTimeAsync(60_000);
    // One wake-up at most in a minute (the limit of one timer), not one per millisecond.
    expect(timers.mock.calls.length).toBeLessThanOrEqual(1);
    expect(vendor.count("/things")).toBe(1);
    await client.close();
    expect(await next).toMatchObject({ name: "ScrmRateLimitError", reason: "closed" });
  });
});
