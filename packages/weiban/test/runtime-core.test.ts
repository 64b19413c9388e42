// What a plain createWeibanClient() gets from core with no extra code: Weiban's x-limits enforced client-side and
// retries on its limit codes — against a local fake that answers the way Weiban does.
import { ScrmTimeoutError } from "@scrm-openapi/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWeibanClient, meta } from "../src/index.js";
import { CORP_ID, type FakeWeiban, json, SECRET, startFakeWeiban } from "./fake-weiban.js";

let fake: FakeWeiban;
let inFlight = 0;
let maxInFlight = 0;
beforeEach(async () => {
  fake = await startFakeWeiban();
  inFlight = 0;
  maxInFlight = 0;
  // Every API call takes 30 ms, and the fake records how many overlap.
  fake.handle = (_req, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      json(res, { errcode: 0, errmsg: "ok" });
    }, 30);
  };
});
afterEach(async () => {
  await fake.close();
});

// Two calls to each of 7 read APIs (each API has its own 600/min budget; the corp has 5 in-flight slots).
const burst = (weiban: ReturnType<typeof createWeibanClient>) =>
  Promise.all(
    [1, 2].flatMap(() => [
      weiban.GET("/open-api/sea/list"),
      weiban.GET("/open-api/opportunity/one", { params: { query: { id: "1" } } }),
      weiban.GET("/open-api/opportunity/list", { params: { query: {} } }),
      weiban.GET("/open-api/external_user/get", { params: { query: { id: "wm1" } } }),
      weiban.GET("/open-api/ltc/order/one", { params: { query: { order_id: "o1" } } }),
      weiban.GET("/open-api/external_user/list", { params: { query: {} } }),
      weiban.GET("/open-api/ltc/goods/list", { params: { query: {} } }),
    ]),
  );

describe("defaults from specs/weiban x-limits", () => {
  it("the spec declares 5 in flight per corp and 600/min per API", () => {
    expect(meta.limits.concurrency.max).toBe(5);
    expect(meta.limits.rate.find((r) => r.class === "read")).toMatchObject({ perMinute: 600, scope: "operation" });
  });

  it("14 concurrent calls over 7 APIs: never more than 5 in flight at the vendor", async () => {
    await burst(createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: fake.url }));
    expect(fake.requests.filter((r) => r.path !== "/open-api/access_token/get")).toHaveLength(14);
    expect(maxInFlight).toBe(5);
  });

  it("rateLimit: false lets all 14 overlap", async () => {
    await burst(createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: fake.url, rateLimit: false }));
    expect(maxInFlight).toBe(14);
  });
});

describe("default retries on Weiban's codes", () => {
  it("10052 and 10053 are retried (2 retries by default) and the call succeeds", async () => {
    const answers = [10052, 10053, 0];
    fake.handle = (_req, res) => json(res, { errcode: answers.shift() ?? 0, errmsg: "" });
    const weiban = createWeibanClient({
      corpId: CORP_ID,
      secret: SECRET,
      baseUrl: fake.url,
      retry: { initialDelayMs: 1 },
    });
    const { data } = await weiban.GET("/open-api/sea/list");
    expect(data?.errcode).toBe(0);
    expect(fake.requests.filter((r) => r.path === "/open-api/sea/list")).toHaveLength(3);
  });

  it("createLtcOrder (x-rate-class write) that timed out is not sent again", async () => {
    fake.handle = () => {};
    const weiban = createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: fake.url, timeoutMs: 100 });
    const error = await weiban
      .POST("/open-api/ltc/order/create", { body: { request_id: "order-1" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmTimeoutError);
    expect(error).toMatchObject({ operationId: "createLtcOrder", phase: "attempt" });
    expect(fake.requests.filter((r) => r.path === "/open-api/ltc/order/create")).toHaveLength(1);
  });
});
