// Options that could disarm a bound (NaN, Infinity, ≥ 2^31 ms timers, a concurrency of 0) or crash later (a logger
// without debug, a layer that is not a function) are refused when the client is created, naming the option.
import { errorTexts } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { ScrmConfigError } from "../src/index.js";
import { fakeClient, inProcessVendor, rejection } from "./helpers.js";
import { unlimitedMeta } from "./metas.js";

const thrown = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    return error;
  }
  throw new Error("expected a ScrmConfigError");
};
type Options = Parameters<typeof fakeClient>[0];

describe("numbers are finite and in range", () => {
  it.each([
    [{ timeoutMs: 2 ** 31 }, "timeoutMs"],
    [{ deadlineMs: 2 ** 31 }, "deadlineMs"],
    [{ deadlineMs: Number.NaN }, "deadlineMs"],
    [{ maxResponseBytes: 0 }, "maxResponseBytes"],
    [{ tokenRefreshMarginSeconds: Number.NaN }, "tokenRefreshMarginSeconds"],
    [{ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, "retry.maxDelayMs"],
    [{ retry: { maxRetryAfterMs: 29 * 24 * 3600 * 1000 } }, "retry.maxRetryAfterMs"],
    [{ retry: { maxRetries: 1e9 } }, "retry.maxRetries"],
    [{ rateLimit: { headroom: Number.NaN } }, "rateLimit.headroom"],
    [{ rateLimit: { headroom: 1 } }, "rateLimit.headroom"],
    [{ rateLimit: { pollMs: 0 } }, "rateLimit.pollMs"],
    [{ rateLimit: { maxQueue: Number.NaN } }, "rateLimit.maxQueue"],
    [
      { rateLimit: { limits: { rate: [{ class: "read", perMinute: Number.NaN }] } } },
      "rateLimit.limits.rate[0].perMinute",
    ],
    [{ rateLimit: { limits: { concurrency: { max: 0 } } } }, "rateLimit.limits.concurrency.max"],
    [{ rateLimit: { limits: { concurrency: { max: -1 } } } }, "rateLimit.limits.concurrency.max"],
  ] as const)("%o → %s", (options, option) => {
    const error = thrown(() => fakeClient(options as Options));
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ vendor: "fakeban", option });
  });

  it("limiter options are checked for a vendor that declares no limits too", () => {
    const error = thrown(() => fakeClient({ rateLimit: { headroom: Number.NaN } }, unlimitedMeta));
    expect(error).toMatchObject({ vendor: "fakeling", option: "rateLimit.headroom" });
  });

  it("a per-call timeout or deadline of 2^31 ms or more is refused, not fired at once", async () => {
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch });
    expect(await rejection(client.GET("/things", { timeoutMs: 2 ** 31 }))).toMatchObject({ option: "timeoutMs" });
    expect(await rejection(client.GET("/things", { deadlineMs: 2 ** 31 }))).toMatchObject({ option: "deadlineMs" });
    expect(vendor.count("/things")).toBe(0);
  });
});

describe("functions and objects are checked by shape", () => {
  it.each([
    [{ logger: {} }, "logger"],
    [{ logger: console.log }, "logger"],
    [{ now: 1_700_000_000_000 }, "now"],
    [{ layers: [1] }, "layers"],
    [{ layers: () => {} }, "layers"],
    [{ tokenStore: { get: async () => undefined } }, "tokenStore"],
    [{ fetch: "fetch" }, "fetch"],
    [{ rateLimit: { store: {} } }, "rateLimit.store"],
    [{ retry: "yes" }, "retry"],
  ] as const)("%o → %s", (options, option) => {
    const error = thrown(() => fakeClient(options as unknown as Options));
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ option });
  });

  it("a per-call signal that is not an AbortSignal is a ScrmConfigError, and nothing is sent", async () => {
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch });
    const error = await rejection(client.GET("/things", { signal: {} as AbortSignal }));
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ option: "signal" });
    expect(vendor.count("/things")).toBe(0);
  });
});

describe("baseUrl", () => {
  it.each([
    ["credentials", "https://admin:pa55w0rd-x9@vendor.test", /credentials/],
    ["a query", "https://vendor.test/api?access_token=tok-9f8e7d", /\?query/],
    ["a fragment", "https://vendor.test/api#tok-9f8e7d", /#fragment/],
  ])("with %s is refused without quoting it", (_, baseUrl, message) => {
    const error = thrown(() => fakeClient({ baseUrl }));
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect((error as Error).message).toMatch(message);
    for (const text of errorTexts(error)) {
      expect(text).not.toContain("pa55w0rd");
      expect(text).not.toContain("tok-9f8e7d");
      expect(text).not.toContain("vendor.test");
    }
  });

  it("a malformed one is refused without quoting it either", () => {
    const error = thrown(() => fakeClient({ baseUrl: "secret-host.example:8080/x" }));
    for (const text of errorTexts(error)) expect(text).not.toContain("secret-host");
  });
});
