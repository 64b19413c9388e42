// @scrm-openapi/weiling/msw in Node (setupServer): every named example as Prism serves it, the 商机 store
// (10.3 create → 10.1 get and list), scenarios, fail() and typed overrides — through the real client.
import { ScrmApiError } from "@scrm-openapi/core";
import { describeExamples, exampleCases } from "@scrm-openapi/testing";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWeilingClient } from "../src/index.js";
import { createWeilingMocks } from "../src/msw.js";

const NOW = Date.parse("2025-06-18T10:00:00+08:00");
// The doc examples, not the seeded data: this suite checks the 商机 store against 10.1's own example.
const mocks = createWeilingMocks({ now: () => NOW, data: "examples" });
const server = setupServer(...mocks.handlers);
const requests: string[] = [];
server.events.on("request:start", ({ request }) => {
  requests.push(new URL(request.url).pathname);
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  mocks.reset();
  requests.length = 0;
});
afterAll(() => server.close());

// The client's default baseUrl is the spec's server, which is where the handlers answer by default.
const client = createWeilingClient({ appId: "wlmockapp", appSecret: "mock-secret", retry: false, rateLimit: false });
const created = {
  business_name: "华东区年度续约",
  stage: 1,
  company_id: "HOKTGl4htLn_mcun4QF5G0HVZA9JcVFIwZi1vFte4YU",
};

describeExamples("weiling", await exampleCases("weiling"), client);

describe("商机 store: 10.3 create → 10.1 get and list", () => {
  it("returns a created 商机 by id, with what 10.3 sent and the server-assigned id, number and times", async () => {
    const { data } = await client.POST("/openapi/v2/business/create", {
      body: { ...created, user_ids: ["wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY"], except_amount: 50_000 },
    });
    const id = data.data?.business_id;
    expect(id).toMatch(/^[\w-]{43}$/);
    const got = await client.POST("/openapi/v2/business/get", { body: { business_ids: [id ?? ""] } });
    expect(got.data.data.business_list).toEqual([
      {
        business_id: id,
        business_opp_number: "SJ00006102",
        business_name: "华东区年度续约",
        stage: 1,
        stage_name: "初步洽谈",
        company_id: created.company_id,
        company_name: "台州市格好机电有限公司",
        except_amount: 50_000,
        create_time: NOW,
        update_time: NOW,
        staff_list: [{ user_id: "wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY" }],
      },
    ]);
  });

  it("lists the spec's 商机 and every created one; filters by name and day; an empty cursor ends the list", async () => {
    await client.POST("/openapi/v2/business/create", { body: created });
    await client.POST("/openapi/v2/business/create", { body: { ...created, business_name: "西南区新签" } });
    const all = await client.POST("/openapi/v2/business/get", { body: { cursor: "" } });
    expect(all.data.data.business_list?.map((b) => b.business_name)).toEqual([
      "但是方法",
      "华东区年度续约",
      "西南区新签",
    ]);
    expect(all.data.data.cursor).toBe("");
    const named = await client.POST("/openapi/v2/business/get", { body: { business_name: "新签" } });
    expect(named.data.data.business_list?.map((b) => b.business_opp_number)).toEqual(["SJ00006103"]);
    const today = await client.POST("/openapi/v2/business/get", { body: { start_day: "2025-06-18" } });
    expect(today.data.data.business_list).toHaveLength(2);
  });

  it("more than 100 ids: Prism's 422 naming business_ids; without validation, 10.1's dataOverLimit example", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    const refused = await fetch("https://openapi.weiling.cn/openapi/v2/business/get?access_token=t", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ business_ids: ids }),
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { validation: unknown[] }).validation).toEqual([
      {
        location: ["body", "business_ids"],
        severity: "Error",
        code: "maxItems",
        message: "Request body property business_ids must NOT have more than 100 items",
      },
    ]);
    server.use(...createWeilingMocks({ validate: false, data: "examples" }).handlers);
    const error = await client.POST("/openapi/v2/business/get", { body: { business_ids: ids } }).catch((e) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ code: 1012 });
  });

  it("reset() goes back to the spec's data, and the same seed gives the same ids", async () => {
    const first = (await client.POST("/openapi/v2/business/create", { body: created })).data.data?.business_id;
    mocks.reset();
    expect((await client.POST("/openapi/v2/business/get", { body: {} })).data.data.business_list).toHaveLength(1);
    const again = (await client.POST("/openapi/v2/business/create", { body: created })).data.data?.business_id;
    expect(again).toBe(first);
    const other = createWeilingMocks({ seed: 2, data: "examples" });
    server.use(...other.handlers);
    const reseeded = (await client.POST("/openapi/v2/business/create", { body: created })).data.data?.business_id;
    expect(reseeded).not.toBe(first);
    // A second mocks instance has its own store.
    expect((await client.POST("/openapi/v2/business/get", { body: {} })).data.data.business_list).toHaveLength(2);
  });
});

describe("scenarios and overrides", () => {
  it("scenario(name, { operations, times }) answers that example, then the usual answers come back", async () => {
    server.use(mocks.scenario("rateLimited", { operations: ["getBusinessesV2"], times: 1 }));
    const error = await client.POST("/openapi/v2/business/get", { body: {} }).catch((e) => e);
    expect(error).toMatchObject({
      name: "ScrmApiError",
      code: 1009,
      meaning: "接口调用超过频率限制",
      kind: "rate-limit",
    });
    expect((await client.POST("/openapi/v2/business/get", { body: {} })).data.data.business_list).toHaveLength(1);
    // Other operations never saw it.
    expect((await client.GET("/openapi/business/stage_list", {})).data.data).toBeDefined();
  });

  it("scenario(name) covers every operation with that example; the others answer as usual", async () => {
    server.use(mocks.scenario("systemError"));
    // createBusinessV2 has a systemError example; getBusinessesV2 has none and answers as usual.
    const error = await client.POST("/openapi/v2/business/create", { body: created }).catch((e) => e);
    expect(error).toMatchObject({ name: "ScrmApiError", code: "500" });
    expect((await client.POST("/openapi/v2/business/get", { body: {} })).data.data.business_list).toHaveLength(1);
  });

  it("Prefer: example=<name> picks an example per request; an unknown name is Prism's 404, not a success", async () => {
    const error = await client
      .POST("/openapi/v2/business/create", { body: created, headers: { Prefer: "example=paramMissing" } })
      .catch((e) => e);
    expect(error).toMatchObject({ name: "ScrmApiError", code: 1000 });
    const typo = await client
      .POST("/openapi/v2/business/create", { body: created, headers: { Prefer: "example=paramMising" } })
      .catch((e) => e);
    expect(typo).toMatchObject({ name: "ScrmResponseError", status: 404 });
    // Neither stored anything.
    expect((await client.POST("/openapi/v2/business/get", { body: {} })).data.data.business_list).toHaveLength(1);
  });

  it("fail(code) answers the envelope of a code no example shows, with the spec's meaning", async () => {
    server.use(mocks.fail(1004, { operations: ["createBusinessV2"] }));
    const error = await client.POST("/openapi/v2/business/create", { body: created }).catch((e) => e);
    expect(error).toMatchObject({ name: "ScrmApiError", code: 1004, meaning: "重复操作", vendorMessage: "重复操作" });
  });

  it("mocks.http is typed by the spec's paths for your own answers", async () => {
    server.use(
      mocks.http.post("/openapi/v2/business/get", ({ response }) =>
        response(200).json({
          code: 0,
          msg: "success",
          data: { cursor: "", business_list: [{ business_name: "自定义" }] },
        }),
      ),
    );
    const { data } = await client.POST("/openapi/v2/business/get", { body: {} });
    expect(data.data.business_list).toEqual([{ business_name: "自定义" }]);
  });

  it("answers on another base URL when told to (a dev-server proxy path)", async () => {
    const proxied = createWeilingMocks({ baseUrl: "http://localhost:5173/api/weiling", data: "examples" });
    server.use(...proxied.handlers);
    const local = createWeilingClient({
      appId: "wlmockapp",
      appSecret: "mock-secret",
      baseUrl: "http://localhost:5173/api/weiling",
      retry: false,
    });
    const { data } = await local.POST("/openapi/v2/business/get", { body: {} });
    expect(data.data.business_list?.[0]?.company_name).toBe("台州市格好机电有限公司");
    expect(requests).toContain("/api/weiling/openapi/v2/business/get");
  });
});
