// The answer envelope through the Prism mock: the code compared as a string, 1009 as the rate-limit code, and the
// 10.3 新版 page's own request and answer examples.
import { MemoryTokenStore, ScrmApiError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createWeilingClient, type operations } from "../src/index.js";

const baseUrl = mockUrl("weiling");
const credentials = { appId: "wl-mock-app", appSecret: "mock-app-secret-value" };
const tokenStore = new MemoryTokenStore();
const weiling = createWeilingClient({ ...credentials, baseUrl, tokenStore });
const prefer = (example: string) => ({ headers: { Prefer: `example=${example}` } });

/**
 * 10.3 商机新增-新版's own request example, as in components/examples/BusinessCreateV2DocRequest.yaml (lint checks
 * that file against the schema; `satisfies` checks this copy against the generated type, Prism at runtime).
 */
const seedRequest = {
  business_name: "但是方法",
  stage: 1,
  company_id: "HOKTGl4htLn_mcun4QF5G0HVZA9JcVFIwZi1vFte4YU",
  related_customers: [{ type: 0, ids: ["XwP-Z7Car-MNhGxnmPCfmf_lbMEilu_F96AB68msZvQ"] }],
  user_ids: ["wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY"],
  except_amount: 11,
  except_date: "2022-04-26",
  create_user_id: "wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY",
  create_time: 1650866122000,
  update_time: 1650866122000,
  process_id: "0",
  business_custom: { 测试0927: "华东区" },
} satisfies operations["createBusinessV2"]["requestBody"]["content"]["application/json"];

describe('the envelope code is compared as a string: 0 and "0" are alike', () => {
  it('"0" (10.3 新版) and 0 (10.7 新版) both resolve with data', async () => {
    const created = await weiling.POST("/openapi/v2/business/create", { body: { create_time: 1 } });
    expect(created.data?.code).toBe("0");
    expect(created.data?.data?.business_id).toMatch(/^JVjF/);
    const edited = await weiling.POST("/openapi/v2/business/customer_related/edit", {
      body: { add_customers: [], remove_customers: [] },
    });
    expect(edited.data?.code).toBe(0);
  });

  it('string "500" → ScrmApiError with the spec\'s meaning', async () => {
    const error = await weiling
      .POST("/openapi/business/edit", { body: { business_id: "b1" }, ...prefer("systemError") })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "weiling",
      operationId: "editBusiness",
      code: "500",
      vendorMessage: "系统错误",
    });
    expect((error as ScrmApiError).meaning).toMatch(/^系统错误/);
  });

  it("integer 1003 → ScrmApiError with the spec's meaning", async () => {
    const error = await weiling
      .POST("/openapi/contact/edit", { body: { contact_id: "nope" }, ...prefer("notFound") })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ operationId: "editContact", code: 1003, meaning: "数据不存在", kind: undefined });
  });
});

describe("1009 is the rate-limit code", () => {
  // No retries: the error's shape is tested here, the retries in core (with fake timers).
  const once = createWeilingClient({ ...credentials, baseUrl, tokenStore, retry: false });
  it.each([
    [
      "getAccessToken",
      () =>
        once.GET("/openapi/auth/access_token/get", {
          params: { query: { app_id: "a", app_secret: "b" } },
          ...prefer("rateLimited"),
        }),
    ],
    ["listContacts", () => once.GET("/openapi/contact/list", { params: { query: {} }, ...prefer("rateLimited") })],
    [
      "disuseContacts",
      () => once.POST("/openapi/contact/disuse", { body: { contatc_ids: ["c1"] }, ...prefer("rateLimited") }),
    ],
  ] as const)("%s → ScrmApiError 1009 of kind rate-limit", async (operationId, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ operationId, code: 1009, kind: "rate-limit", meaning: "接口调用超过频率限制" });
  });
});

describe("the page's own 10.3 新版 examples", () => {
  it("its request passes the mock's validation through the typed client", async () => {
    const { data } = await weiling.POST("/openapi/v2/business/create", { body: seedRequest });
    expect(data?.data?.business_id).toBeTypeOf("string");
  });

  it("its answer (code and msg only, no data) is a success", async () => {
    const { data } = await weiling.POST("/openapi/v2/business/create", { body: seedRequest, ...prefer("docExample") });
    expect(data).toEqual({ code: "0", msg: "success" });
  });
});
