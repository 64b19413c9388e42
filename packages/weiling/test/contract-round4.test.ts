// Operations read in search round 4 (issue #23) through the Prism mock of specs/weiling: 3.6 批量获取企微好友详情 and the
// page-by-page 企微好友 / 企业 shapes (3.4 marks six fields 必需; 5.2 旧版 and 新版 each keep their own fields).
import { ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createWeilingClient } from "../src/index.js";

const weiling = createWeilingClient({
  appId: "wl-mock-app",
  appSecret: "mock-app-secret-value",
  baseUrl: mockUrl("weiling"),
});

describe("batchGetCustomers (3.6 批量获取企微好友详情)", () => {
  it("the page's request answers a typed customer_list", async () => {
    const { data } = await weiling.POST("/openapi/customer/batch", {
      body: { customer_ids: ["oKBiDpCKNsX1wg0Rc3KlsjIlChV2f99qrUOGsp3Eqm8"] },
    });
    const [first] = data.data.customer_list;
    expect(first?.customer_id).toBe("oKBiDpCKNsX1wg0Rc3KlsjIlChV2f99qrUOGsp3Eqm8");
    expect(first?.follow_users?.[0]?.add_source?.name).toBe("官网智能码");
  });

  it("a body without customer_ids (必需) is refused by the mock with a 422 naming the operation", async () => {
    const error = await weiling
      // @ts-expect-error customer_ids is required
      .POST("/openapi/customer/batch", { body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, operationId: "batchGetCustomers" });
  });
});

describe("each page's own shape", () => {
  it("3.4's answer carries the six fields its page marks 必需", async () => {
    const { data } = await weiling.GET("/openapi/customer/get_by_external_userid", {
      params: { query: { external_userid: "wmWAFzDwAA04t0V_f4jnJRkTQAQ" } },
    });
    // Typed as required: no optional chaining needed on these.
    const required: [string, string, number, number, boolean | number, unknown[]] = [
      data.data.customer_id,
      data.data.external_userid,
      data.data.type,
      data.data.gender,
      data.data.lost_state,
      data.data.follow_users,
    ];
    expect(required.every((value) => value !== undefined)).toBe(true);
  });

  it("5.2 旧版 answers user_list as typed external people and claim_status; 新版 answers customer_list", async () => {
    const old = await weiling.GET("/openapi/company/detail", { params: { query: { company_id: "x" } } });
    expect(old.data.data?.claim_status).toBe("1");
    expect(old.data.data?.user_list?.[0]?.nick_name).toBe("小微");
    const v2 = await weiling.GET("/openapi/v2/company/get", { params: { query: { company_id: "x" } } });
    expect(v2.data.data?.claim_status).toBe("1");
    expect(v2.data.data?.customer_list?.[0]?.nick_name).toBe("小微");
  });
});
