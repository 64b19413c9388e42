// Access tokens: one request for any number of callers, for success and failure alike; a bounded refresh; a replay
// after a rejected token — on fake time and an in-process vendor, so every figure is a count.
import { errorTexts } from "@scrm-openapi/testing";
import { describe, expect, it, vi } from "vitest";
import { ScrmAbortError, ScrmConfigError, ScrmResponseError, ScrmTimeoutError } from "../src/index.js";
import { fakeClient, flush, inProcessVendor, rejection, SECRET, until, useFakeTime } from "./helpers.js";
import { limitedMeta } from "./metas.js";

const bearerMeta = { ...limitedMeta, auth: { style: "bearer-token" } } as const;

describe("one token for many callers", () => {
  it("1,000 concurrent calls on a cold cache → exactly 1 token request", async () => {
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch, rateLimit: false });
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, n) => client.GET("/things", { params: { query: { n } } })),
    );
    expect(results).toHaveLength(1000);
    expect(vendor.tokenRequests).toBe(1);
    expect(vendor.count("/things")).toBe(1000);
  });

  it("a token revoked mid-flight → 1 refresh, each of 50 calls replayed once", async () => {
    const vendor = inProcessVendor();
    const client = fakeClient({ fetch: vendor.fetch, rateLimit: false });
    await client.GET("/things");
    vendor.route = () => "hold";
    const calls = Array.from({ length: 50 }, () => client.GET("/things"));
    await until(() => vendor.held === 50);
    vendor.revokeTokens();
    vendor.route = undefined;
    // The held calls were sent with the old token: their answers now say 10001.
    vendor.release();
    await Promise.all(calls);
    expect(vendor.tokenRequests).toBe(2);
    expect(vendor.answered.get(10001)).toBe(50);
    expect(vendor.count("/things")).toBe(1 + 50 + 50);
  });

  it("a second rejection of the fresh token is the caller's error, never a loop", async () => {
    const vendor = inProcessVendor();
    vendor.route = () => ({ json: { errcode: 10001, errmsg: "invalid" } });
    const error = await rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false }).GET("/things"));
    expect(error).toMatchObject({ code: 10001, kind: "token-invalid" });
    expect(vendor.count("/things")).toBe(2);
    expect(vendor.tokenRequests).toBe(2);
  });
});

describe("a failing token endpoint draws no herd", () => {
  it("1,000 callers against an HTTP 500 token endpoint share one request per back-off window", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    vendor.tokenRoute = () => ({ status: 500, text: "<html>oops</html>" });
    const client = fakeClient({ fetch: vendor.fetch, rateLimit: false });
    const calls = Array.from({ length: 1000 }, () => rejection(client.GET("/things")));
    await until(() => vendor.tokenRequests === 1);
    await flush();
    // Each caller retries twice: at 375–500 ms (inside the shared 1 s back-off: answered with the same error, no
    // request) and at 1125–1500 ms, where the first of them makes the one new request and its failure (now backed off
    // 2 s) answers all the others.
    await vi.advanceTimersByTimeAsync(10_000);
    const errors = await Promise.all(calls);
    expect(errors.filter((e) => e instanceof ScrmResponseError && e.operationId === "getAccessToken")).toHaveLength(
      1000,
    );
    expect(vendor.tokenRequests).toBe(2);
    expect(vendor.count("/things")).toBe(0);
  });
});

describe("a hung token source never wedges the client", () => {
  it("getAccessToken() that never settles: callers fail after timeoutMs, and a later call starts a new refresh", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    let asked = 0;
    const tokens = [new Promise<string>(() => {}), Promise.resolve("tok-second-123456")];
    const { createVendorClient, tokenAuth } = await import("../src/vendor.js");
    const planyunLike = createVendorClient(
      bearerMeta,
      {
        baseUrl: "http://vendor.test",
        fetch: vendor.fetch,
        credentials: {},
        rateLimit: false,
        retry: false,
        timeoutMs: 5000,
        getAccessToken: () => tokens[asked++] as Promise<string>,
      },
      { auth: tokenAuth },
    );
    const first = rejection(planyunLike.request("get", "/things"));
    await vi.advanceTimersByTimeAsync(5000);
    expect(await first).toMatchObject({ phase: "token", timeoutMs: 5000 });
    expect(await first).toBeInstanceOf(ScrmTimeoutError);
    await vi.advanceTimersByTimeAsync(1000); // past the shared failure back-off
    await planyunLike.request("get", "/things");
    expect(asked).toBe(2);
    expect(vendor.requests[0]?.headers.authorization).toBe("Bearer tok-second-123456");
  });

  it("an abort while waiting for a hung token leaves no timer behind", async () => {
    useFakeTime();
    const vendor = inProcessVendor();
    vendor.tokenRoute = () => "hold";
    const client = fakeClient({ fetch: vendor.fetch, rateLimit: false });
    const controller = new AbortController();
    const call = rejection(client.GET("/things", { signal: controller.signal }));
    await until(() => vendor.held === 1);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    controller.abort();
    expect(await call).toBeInstanceOf(ScrmAbortError);
    expect(vi.getTimerCount()).toBe(0);
    expect(vendor.held).toBe(0); // nobody waited any more, so the token request itself was cancelled
  });
});

describe("unusable tokens become typed errors without the secret", () => {
  it("a vendor token with CR/LF", async () => {
    const vendor = inProcessVendor();
    vendor.tokenRoute = () => ({ json: { errcode: 0, access_token: "tok-abc\r\nX-Injected: 1", expires_in: 7200 } });
    const error = await rejection(fakeClient({ fetch: vendor.fetch, rateLimit: false, retry: false }).GET("/things"));
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ reason: "bad-token", operationId: "getAccessToken" });
    for (const text of errorTexts(error)) expect(text).not.toContain("tok-abc");
  });

  it("a getAccessToken() token with CR/LF", async () => {
    const { createVendorClient, tokenAuth } = await import("../src/vendor.js");
    const client = createVendorClient(
      bearerMeta,
      { baseUrl: "http://vendor.test", credentials: {}, getAccessToken: async () => "tok-secret-1\nX: y" },
      { auth: tokenAuth },
    );
    const error = await rejection(client.request("get", "/things"));
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ option: "getAccessToken" });
    for (const text of errorTexts(error)) expect(text).not.toContain("tok-secret-1");
  });

  it("an appKey with a line break is refused when the client is created, naming the option", async () => {
    const { signedMeta } = await import("./metas.js");
    const error = (() => {
      try {
        fakeClient({ credentials: { appId: "app", appKey: `${SECRET}\n` } }, signedMeta);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ option: "appKey", vendor: "fakema" });
    for (const text of errorTexts(error)) expect(text).not.toContain(SECRET);
  });
});
