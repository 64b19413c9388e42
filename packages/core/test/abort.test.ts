// Cancellation: the caller's signal stops a call wherever it is — queued, in flight, backing off — with a
// ScrmAbortError, and no timer of the client outlives it (fake timers count them).
import { describe, expect, it, vi } from "vitest";
import { ScrmAbortError } from "../src/index.js";
import { fakeClient, inProcessVendor, rejection, until, useFakeTime } from "./helpers.js";

describe("abort", () => {
  it("in flight: the request is cancelled, the error is ScrmAbortError, no timer is left", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch });
    await client.GET("/things");
    vendor.route = () => "hold";
    const controller = new AbortController();
    const call = rejection(client.GET("/things", { signal: controller.signal }));
    await until(() => vendor.held === 1);
    controller.abort(new Error("user left"));
    const error = await call;
    expect(error).toBeInstanceOf(ScrmAbortError);
    expect((error as Error).cause).toMatchObject({ message: "user left" });
    expect(vendor.held).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("while backing off before a retry: the backoff timer is cleared, nothing more is sent", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    vendor.route = (req) => (req.path === "/things" ? { json: { errcode: 10053, errmsg: "限流" } } : undefined);
    const controller = new AbortController();
    const call = rejection(
      fakeClient({ fetch: vendor.fetch, rateLimit: false }).GET("/things", { signal: controller.signal }),
    );
    await until(() => vendor.count("/things") === 1 && vi.getTimerCount() === 1);
    controller.abort();
    expect(await call).toBeInstanceOf(ScrmAbortError);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(vendor.count("/things")).toBe(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const vendor = inProcessVendor();
    const error = await rejection(fakeClient({ fetch: vendor.fetch }).GET("/things", { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(ScrmAbortError);
    expect(vendor.count("/things")).toBe(0);
  });
});
