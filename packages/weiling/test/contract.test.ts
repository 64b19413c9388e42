// Behaviour through the Prism mock beyond the example suite (examples.test.ts): typed answers with the doc pages'
// own values and the cursor pagination metadata. The envelope is in contract-envelope.test.ts, the mock's rules in
// contract-rules.test.ts.
import { MemoryTokenStore } from "@scrm-openapi/core";
import type { PaginationTable } from "@scrm-openapi/core/vendor";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { pagination } from "../src/generated/meta.js";
import { createWeilingClient, type OperationId, type Schemas } from "../src/index.js";

const baseUrl = mockUrl("weiling");
const credentials = { appId: "wl-mock-app", appSecret: "mock-app-secret-value" };
const tokenStore = new MemoryTokenStore();
const weiling = createWeilingClient({ ...credentials, baseUrl, tokenStore });

const cases = {
  getAccessToken: async () => {
    const { data } = await weiling.GET("/openapi/auth/access_token/get", {
      params: { query: { app_id: credentials.appId, app_secret: credentials.appSecret } },
    });
    expectTypeOf<NonNullable<typeof data>["data"]["access_token"]>().toEqualTypeOf<string>();
    expect(data?.data.access_token).toBe("ACCESS_TOKEN");
  },
  getBusinessesV2: async () => {
    const { data } = await weiling.POST("/openapi/v2/business/get", { body: { business_ids: ["b1"], cursor: "" } });
    expectTypeOf<NonNullable<typeof data>["data"]["business_list"]>().toEqualTypeOf<
      Schemas["Business"][] | undefined
    >();
    const business = data?.data.business_list?.[0];
    expect(business).toMatchObject({ stage: 100, stage_name: "赢单", except_date: "2022-04-26" });
    expect(business?.staff_list?.[0]?.user_id).toBe("wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY");
    expect(business?.business_custom).toEqual({ 测试0927: "华东区", world: [0], smallnum: 0 });
  },
  getBusinesses: async () => {
    const { data } = await weiling.POST("/openapi/business/get", { body: { cursor: "", start: 1650866122000 } });
    expect(data?.data.business_list?.[0]?.business_opp_number).toBe("SJ00006101");
  },
  listBusinessStages: async () => {
    const { data } = await weiling.GET("/openapi/business/stage_list", { params: { query: { stage: "" } } });
    expectTypeOf<NonNullable<typeof data>["code"]>().toEqualTypeOf<0 | "0">();
    expect(data?.code).toBe("0");
    expect(data?.data.data_list).toEqual({ stage: "1", name: "初步洽谈" });
  },
  createBusinessV2: async () => {
    const { data } = await weiling.POST("/openapi/v2/business/create", {
      body: { business_name: "n", stage: 1, company_id: "c1", create_time: 1713887878644 },
    });
    expect(data?.code).toBe("0");
    expect(data?.data?.business_id).toBe("JVjF70AGsxR4aGkD2y1g9RAwUc1ZJHH-xI6y1vt-bRI");
  },
  addBusiness: async () => {
    const { data } = await weiling.POST("/openapi/business/add", {
      body: { stage: 1, create_time: 1650866122000, related_customers: [{ type: 1, ids: ["wm1"] }] },
    });
    expect(data).toEqual({ code: "0", msg: "success" });
  },
  editBusiness: async () => {
    const { data } = await weiling.POST("/openapi/business/edit", {
      body: { business_id: "b1", stage: 99, fail_reason: 99, fail_reason_desc: "预算不足", op_user_id: "u1" },
    });
    expect(data).toEqual({ code: "0", msg: "success" });
  },
  changeBusinessOwner: async () => {
    const { data } = await weiling.POST("/openapi/business/owner_change", {
      body: { business_ids: ["b1"], owner_user_id: "u2", op_user_id: "u1" },
    });
    expect(data?.code).toBe("0");
  },
  disuseBusiness: async () => {
    const { data } = await weiling.POST("/openapi/business/disuse", {
      body: { business_id: "b1", abandon_reason: "重复创建" },
    });
    expect(data?.code).toBe("0");
  },
  editBusinessCustomerRelatedV2: async () => {
    const { data } = await weiling.POST("/openapi/v2/business/customer_related/edit", {
      body: { id: "b1", add_customers: [{ type: 0, ids: ["c1"] }], remove_customers: [] },
    });
    expect(data).toEqual({ code: 0, msg: "success" });
  },
  editBusinessCustomerRelated: async () => {
    const { data } = await weiling.POST("/openapi/business/customer_related/edit", {
      body: { id: "b1", add_customers: [{ type: 4, ids: ["v1"] }], remove_customers: [{ type: 1, ids: ["wm1"] }] },
    });
    expect(data?.code).toBe(0);
  },
  editBusinessStaffRelated: async () => {
    const { data } = await weiling.POST("/openapi/business/staff_related/edit", {
      body: { id: "b1", add_users: ["u3"], remove_users: [] },
    });
    expect(data?.code).toBe(0);
  },
  listBusinessProcesses: async () => {
    const { data } = await weiling.GET("/openapi/business/process_list", { params: { query: { userid: "u1" } } });
    const stages = data?.data.data_list[0]?.related_stages;
    // The page example spells the key "satge"; both spellings are typed.
    expect(stages?.map((s) => s.stage ?? s.satge)).toEqual([1, 100]);
  },
  listProgressV2: async () => {
    const { data } = await weiling.GET("/openapi/v2/progress/list", {
      params: { query: { id: "b1", type: "7", cursor: "" } },
    });
    expectTypeOf<NonNullable<typeof data>["data"]["progress_list"]>().toEqualTypeOf<
      Schemas["Progress"][] | undefined
    >();
    expect(data?.data.progress_list?.[0]?.attachment_file?.[0]?.url).toBe(
      "https://demo-cos.weiling.cn/1607658556125941760/1725343908.docx",
    );
  },
  listProgress: async () => {
    // The page says to send an empty cursor first, but Prism reads `cursor=` as missing (and this one is required).
    const { data } = await weiling.GET("/openapi/progress/list", {
      params: { query: { id: "b1", type: 7, cursor: "p2" } },
    });
    expect(data?.data.cusor).toBe("");
    expect(data?.data.progress_list?.[0]?.create_time).toBe(1619526628000);
  },
  listClues: async () => {
    const { data } = await weiling.GET("/openapi/clue/list", {
      params: { query: { cursor: "", start: 1631618303000 } },
    });
    expectTypeOf<NonNullable<typeof data>["data"]["clue_list"]>().toEqualTypeOf<Schemas["Clue"][] | undefined>();
    // create_time is a string in the page's example.
    expect(data?.data.clue_list?.[0]).toMatchObject({ create_time: "1631618303000", add_source: { name: "注册加微" } });
  },
  batchGetClues: async () => {
    const { data } = await weiling.POST("/openapi/clue/batch", { body: { clue_ids: ["k1"] } });
    expect(data?.data.clue_list?.[0]?.level).toBe("D");
  },
  changeClueOwner: async () => {
    const { data } = await weiling.POST("/openapi/clue/owner_change", {
      body: { clue_list: [{ id: "k1", owner_id: "u2" }], operator_user_id: "u1" },
    });
    expect(data?.data.fail_list?.[0]).toEqual({
      id: "qC8khgPgBirZqtQNUrCSWn66CSZ4f435ret3JCYtd-0",
      error_code: 1001,
      error_msg: "归属人id不存在",
    });
  },
  disuseClues: async () => {
    const { data } = await weiling.POST("/openapi/clue/disuse", { body: { clue_ids: ["k1"] } });
    expect(data?.data.fail_list).toHaveLength(1);
  },
  updateClues: async () => {
    const { data } = await weiling.POST("/openapi/clue/update", {
      body: { clue_list: [{ clue_id: "k1", gender: "2", age: 30, clue_custom_field: { f1: 1 } }] },
    });
    expect(data?.code).toBe(0);
  },
  returnCluesToSea: async () => {
    const { data } = await weiling.POST("/openapi/clue/back_to_sea", { body: { clue_ids: ["k1"], sea_id: "s1" } });
    expect(data?.data.success_list).toEqual(["Rw4Ed-aep4uP1_NPBh-SQ8SVxOpdHyLIPu2y_0Jr3bw"]);
    expect(data?.data.fail_list?.[0]?.error_code).toBe(1013);
  },
  recoverClues: async () => {
    const { data } = await weiling.POST("/openapi/clue/recover", { body: { clue_ids: ["k1"] } });
    expect(data?.data.success_list).toHaveLength(1);
  },
  createContact: async () => {
    const { data } = await weiling.POST("/openapi/contact/create", {
      body: {
        user_name: "张三",
        status: 1,
        owner_id: "u1",
        contact_ways: [{ type: 1, contact_way: "13800000000" }],
        create_time: 1713887878644,
        population_size: 2,
        contact_custom: { f1: "v", f2: [1, 2] },
      },
    });
    expect(data).toEqual({ code: 0, msg: "success" });
  },
  batchGetContacts: async () => {
    const { data } = await weiling.POST("/openapi/contact/batch", { body: { contact_ids: ["c1"] } });
    expectTypeOf<NonNullable<typeof data>["data"]["contact_list"]>().toEqualTypeOf<Schemas["Contact"][] | undefined>();
    const contact = data?.data.contact_list?.[0];
    expect(contact?.contact_ways?.[0]).toEqual({ type: 1, contact_way: "18856427333" });
    expect(contact?.business_list?.[0]?.business_id).toBe("JVjF70AGsxR4aGkD2y1g9RAwUc1ZJHH-xI6y1vt-bRI");
  },
  listContacts: async () => {
    const { data } = await weiling.GET("/openapi/contact/list", {
      params: { query: { cursor: "", start_day: "2024-04-01", end_day: "2024-04-30" } },
    });
    // add_source is shown as {} on the page; its fields are unknown, so it is typed open.
    expectTypeOf<NonNullable<NonNullable<typeof data>["data"]["contact_list"][number]>["add_source"]>().toEqualTypeOf<
      { [key: string]: unknown } | undefined
    >();
    expect(data?.data.contact_list[0]).toMatchObject({ status: 1, clue_source: 0, create_time: 1713887878644 });
  },
  editContact: async () => {
    const { data } = await weiling.POST("/openapi/contact/edit", {
      body: { contact_id: "c1", gender: 1, remark: "r", contact_custom: { f1: "v" } },
    });
    expect(data?.code).toBe(0);
  },
  changeContactOwner: async () => {
    const { data } = await weiling.POST("/openapi/contact/owner_change", {
      body: { contact_list: [{ id: "c1", owner_id: "u2" }], op_user_id: "u1" },
    });
    expect(data?.data.fail_list?.[0]?.error_code).toBe(1001);
  },
  disuseContacts: async () => {
    const { data } = await weiling.POST("/openapi/contact/disuse", { body: { contatc_ids: ["c1"] } });
    expect(data?.data.fail_list?.[0]).toEqual({
      contact_id: "XwP-Z7Car-MNhGxnmPCfmf_lbMEilu_F96AB68msZvQ",
      error_code: 1003,
      error_msg: "数据不存在",
    });
  },
  recoverContacts: async () => {
    const { data } = await weiling.POST("/openapi/contact/recover", { body: { contact_ids: ["c1"] } });
    expect(data?.data.fail_list).toHaveLength(1);
  },
  returnContactsToSea: async () => {
    const { data } = await weiling.POST("/openapi/contact/back_to_sea", {
      body: { contact_ids: ["c1"], sea_id: "s1" },
    });
    expect(data?.data.fail_list?.[0]?.contact_id).toBe("XwP-Z7Car-MNhGxnmPCfmf_lbMEilu_F96AB68msZvQ");
  },
  getCustomObjectDescription: async () => {
    const { data } = await weiling.GET("/openapi/v2/custom/detail", { params: { query: { api_key: "business" } } });
    expect(data?.data.api_key).toBe("business");
    expect(data?.data.fields?.[0]).toMatchObject({ required: false, enabled: true, max_length: "50" });
  },
  listCompanySeas: async () => {
    const { data } = await weiling.GET("/openapi/company/sea/list");
    expectTypeOf<NonNullable<typeof data>["data"]>().toBeArray();
    expect(data?.data[0]?.user_list?.[0]?.user_id).toBe("ZiDcy2WgGA29LddvWH0ogdZOLItF6RdkE6wE-xqfhDY");
  },
  thirdIdToInnerId: async () => {
    const { data } = await weiling.POST("/openapi/third/thirdid_to_innerid", { body: { third_user_ids: ["1223455"] } });
    expect(data?.data.success_list?.[0]?.third_user_id).toBe("1223455");
  },
} satisfies Partial<Record<OperationId, () => Promise<void>>>;

// Every operation's examples are driven by examples.test.ts; these cases add the types and the doc pages' own values.
describe("typed answers, with the doc pages' own values", () => {
  for (const [operationId, run] of Object.entries(cases)) it(operationId, run);
});

const getPath = (value: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined),
      value,
    );

describe("cursor pagination metadata", () => {
  const table: PaginationTable = pagination;
  const firstPages = {
    getBusinessesV2: () => weiling.POST("/openapi/v2/business/get", { body: { cursor: "" } }),
    getBusinesses: () => weiling.POST("/openapi/business/get", { body: { cursor: "" } }),
    listProgressV2: () => weiling.GET("/openapi/v2/progress/list", { params: { query: { type: "7", cursor: "" } } }),
    listProgress: () => weiling.GET("/openapi/progress/list", { params: { query: { type: 7, cursor: "p2" } } }),
    listClues: () => weiling.GET("/openapi/clue/list", { params: { query: { cursor: "" } } }),
    listContacts: () => weiling.GET("/openapi/contact/list", { params: { query: { cursor: "" } } }),
  } satisfies Partial<Record<OperationId, () => Promise<{ data?: unknown }>>>;

  it("the list operations declare cursor pagination", () => {
    const paginated = Object.values(table);
    expect(paginated.map((p) => p.operationId)).toEqual(expect.arrayContaining(Object.keys(firstPages)));
    for (const p of paginated) expect(p).toMatchObject({ style: "cursor", cursorParam: "cursor" });
  });

  it.each(Object.entries(firstPages))(
    "%s: the declared cursor and items fields exist in the mock's answer",
    async (operationId, call) => {
      const declared = Object.values(table).find((p) => p.operationId === operationId);
      if (declared?.style !== "cursor") throw new Error(`${operationId} has no cursor pagination`);
      const { data } = await call();
      // An empty cursor is the last page.
      expect(getPath(data, declared.cursorField)).toBe("");
      expect(getPath(data, declared.itemsField)).toEqual([expect.any(Object)]);
    },
  );
});
