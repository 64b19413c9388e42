// A call waiting in the limiter's line whose deadline comes before its turn is refused at once (ScrmRateLimitError
// "wait-exceeds-deadline", with the wait), instead of waiting its whole deadline out.
import { describe, expect, it, vi } from "vitest";
import { ScrmRateLimitError } from "../src/index.js";
import { fakeClient, flush, inProcessVendor, rejection, useFakeTime } from "./helpers.js";

describe("deadlines in the limiter's line", () => {
  it("a call behind others of a spent budget is refused at once when its deadline comes first", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({
      fetch: vendor.fetch,
      retry: false,
      rateLimit: { headroom: 0, limits: { rate: [{ class: "read", perMinute: 3 }] } },
    });
    // The token call and two calls spend the minute's budget of 3.
    await Promise.all([client.GET("/things"), client.GET("/things")]);
    const patient = client.GET("/things"); // waits for the next minute's budget, with no deadline
    let settled: unknown;
    const hurried = rejection(client.GET("/things", { deadlineMs: 5_000 })).then((error) => {
      settled = error;
      return error;
    });
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    // Refused before any of its 5 s passed: the budget frees a slot only in the next minute.
    expect(settled).toBeInstanceOf(ScrmRateLimitError);
    expect(await hurried).toMatchObject({ reason: "wait-exceeds-deadline" });
    expect((settled as ScrmRateLimitError).waitMs).toBeGreaterThan(5_000);
    await vi.advanceTimersByTimeAsync(65_000);
    await patient;
    expect(vendor.count("/things")).toBe(3);
  });
});
