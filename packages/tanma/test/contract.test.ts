// Contract tests: every spec operation called through the generated, signing client against a real Prism mock.
import { ScrmApiError, ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createTanmaClient, meta, type OperationId, type Schemas } from "../src/index.js";

const baseUrl = mockUrl();
const APP_ID = "ww51046ddc4f4df510_mockApp";
const APP_KEY = "mock-tanma-app-key-value";

/** Headers of every request the client handed to fetch, keyed by path. */
const sent: { path: string; headers: Headers }[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  sent.push({ path: new URL(String(input)).pathname, headers: new Headers(init?.headers) });
  return fetch(input, init);
};
const tanma = createTanmaClient({ appId: APP_ID, appKey: APP_KEY, baseUrl, fetch: recordingFetch });

type Extra = { headers?: Record<string, string> };
const prefer = (example: string): Extra => ({ headers: { Prefer: `example=${example}` } });

const cases = {
  getOpportunityConfig: async (extra: Extra = {}) => {
    // No request body: signed over the empty string.
    const { data } = await tanma.POST("/api/v3/opportunity/config/get", { ...extra });
    const type = data!.data[0]!;
    expectTypeOf(type).toEqualTypeOf<Schemas["OpportunityType"]>();
    // The doc page's own example (seed 002), verbatim.
    expect(data).toEqual(SEED_OPPORTUNITY_CONFIG);
    const stage = type.stages![0]!;
    // The stage tree is recursive; Apifox cut the recursion off with the placeholder "string" at level two.
    expectTypeOf(stage.children).toEqualTypeOf<(Schemas["OpportunityStage"] | string)[] | undefined>();
    const child = stage.children![0]!;
    if (typeof child === "string") throw new Error("the first-level child is a stage object in the example");
    expectTypeOf(child.children).toEqualTypeOf<(Schemas["OpportunityStage"] | string)[] | undefined>();
    expect(child.children).toEqual(["string"]);
    expectTypeOf(child.customerFields).toEqualTypeOf<
      NonNullable<Schemas["OpportunityStage"]["customerFields"]> | null | undefined
    >();
    expect(child.customerFields).toBeNull();
  },
  updateOpportunity: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/opportunity/update", {
      body: {
        customerOpportunityId: 1,
        name: "年度续费",
        stage: 0,
        commodities: [{ spuId: 1, skuId: 2, unitPriceSale: 99.5, count: 1 }],
      },
      ...extra,
    });
    expect(data).toEqual({ code: 0, message: "ok" });
  },
  getClue: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/clue/get", { body: { customerId: 8 }, ...extra });
    const clue = data!.data!;
    expectTypeOf(clue).toEqualTypeOf<Schemas["Clue"]>();
    // Undocumented 公司信息 stays readable (open), not an empty closed record.
    expectTypeOf(clue.companyInfo).toEqualTypeOf<Record<string, unknown> | undefined>();
    // The doc page's own example (seed 004), verbatim.
    expect(data).toEqual(SEED_CLUE);
    const mobile = clue.fields?.find((f) => f.field === "mobile");
    expectTypeOf(mobile?.valueAsText).toEqualTypeOf<string | null | undefined>();
    expect(JSON.parse(mobile?.valueAsText ?? "null")).toEqual(["145678388"]);
  },
  listCluesByCreateTimeAsc: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/clue/list-by-create-time-asc", {
      body: { since: "2021-05-01 00:00:00", before: "2021-06-01 00:00:00", size: 10 },
      ...extra,
    });
    expectTypeOf(data!.data!.list).toEqualTypeOf<Schemas["Clue"][] | undefined>();
    expect(data?.data?.list?.[0]?.fields?.[0]?.valueAsText).toBe("打马赛克就");
    expect(data?.data?.nextCursor).toBe("410983932389440");
  },
  listClueFollowUps: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/clue/list-follow-up", {
      body: { customerId: 410983932389440, size: 10, cursor: "c1" },
      ...extra,
    });
    expect(data?.data?.list?.[0]?.operator).toEqual({ qwUserId: "ZhangSan", name: "张三" });
  },
  searchCustomers: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/customer/search", {
      body: {
        searchKey: "张三",
        role: "1",
        conditions: { conditionOp: 1, conditionItems: [{ name: "tagIds", op: 6, values: ["t1"] }] },
        pageNo: 1,
        pageSize: 100,
      },
      ...extra,
    });
    expect(data?.data).toMatchObject({ totalPage: 1, data: [{ customerId: 497186786844992, qwSalesId: "ZhangSan" }] });
  },
  listCustomersOfSearch: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/customer/list-customer-of-search", {
      body: { searchKey: "", customerType: 3, pageNo: 1, pageSize: 50, sortField: "create_time", sortDir: 1 },
      ...extra,
    });
    expect(data).toEqual({ code: 0, message: "ok" });
  },
  getQwCustomerDetails: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v2/customer/qw-details", {
      body: { externalUserId: "wmExternal", qwUserId: "zhangsan" },
      ...extra,
    });
    const row = data!.data![0]!;
    expectTypeOf(row.unionId).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(row.mobiles).toEqualTypeOf<string[] | null | undefined>();
    expect(row).toMatchObject({ qwUserId: "ZhangSan", unionId: null, mobiles: null, wechatAvatar: null });
  },
  listQwCustomersByCreateTime: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v2/customer/qw-list-by-create-time", {
      body: { since: "2020-11-08 16:38:07", before: "2020-11-09 16:38:07", pageNo: 1, pageSize: 10 },
      ...extra,
    });
    expect(data?.data).toEqual({ pageSize: 10, pageNo: 1, totalCount: 0, result: [] });
  },
  listCustomerRelationsByQwUserId: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/customer-relation/list-by-qw-user-id", {
      body: { qwUserId: "zhangsan", size: 100, type: 2 },
      ...extra,
    });
    expect(data?.data?.list?.[0]).toMatchObject({ qwUserId: "ZhangSan", type: 2 });
  },
  listCustomerFields: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v2/customer/list-fields", { body: {}, ...extra });
    const gender = data?.data?.fields?.find((f) => f.name === "性别");
    expectTypeOf(gender?.type).toEqualTypeOf<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | undefined>();
    expect(gender?.type).toBe(2);
    expect(gender?.items?.map((o) => o.name)).toEqual(["其它", "男", "女"]);
  },
  getCompanyCustomerContactList: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v3/company/customer/getContactList", {
      body: { companyCustomerId: 1 },
      ...extra,
    });
    expect(data?.data?.[0]).toMatchObject({ contactId: 502113357094978, position: "采购经理" });
  },
  listQwFollowUpsByCustomer: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v2/customer/follow/qw-list-by-customer", {
      body: { externalUserId: "wmExternal" },
      ...extra,
    });
    expect(data?.data?.[0]).toMatchObject({ id: 410983932389441, followType: 1, gmtCreateTime: "2021-05-12 10:30:00" });
  },
  registerPushAddress: async (extra: Extra = {}) => {
    const { data } = await tanma.POST("/api/v2/push-register", {
      body: { receiveAddress: "https://example.com/tanma/push", subscription: "register,new_qw_customer" },
      ...extra,
    });
    // The doc page's own example: no `data`.
    expect(data).toEqual({ code: 0, message: "已收到注册消息,请注意接收确认回调" });
  },
} satisfies Record<OperationId, (extra?: Extra) => Promise<void>>;

describe("every operation answers its success example through the typed, signing client", () => {
  for (const [operationId, run] of Object.entries(cases)) it(operationId, () => run());

  it("no spec operation lacks a contract test", () => {
    expect(Object.keys(cases).sort()).toEqual(meta.operations.map((op) => op.operationId).sort());
  });
});

describe("the headers the client sends match each operation's security", () => {
  it("appId, timestamp, sign and appKey everywhere except push-register, which gets no appKey", async () => {
    sent.length = 0;
    for (const run of Object.values(cases)) await run();
    expect(sent).toHaveLength(meta.operations.length);
    for (const op of meta.operations) {
      const request = sent.find((s) => s.path === op.path);
      expect(request, op.operationId).toBeDefined();
      const headers = request!.headers;
      expect(headers.get("appId"), op.operationId).toBe(APP_ID);
      expect(headers.get("timestamp"), op.operationId).toMatch(/^\d{13}$/);
      expect(headers.get("sign"), op.operationId).toMatch(/^[0-9a-f]{64}$/);
      expect(headers.get("appKey"), op.operationId).toBe(op.operationId === "registerPushAddress" ? null : APP_KEY);
    }
  });
});

describe("error envelopes served by the mock become typed errors", () => {
  describe.each([
    ["signatureInvalid", 1002, "signature-invalid", "签名校验未通过"],
    ["clockSkew", 1003, "clock-skew", "请求时间与服务器时间相差过大，请校对时间后重新请求"],
  ] as const)("%s → ScrmApiError %i (%s) on every operation", (example, code, kind, meaning) => {
    for (const [operationId, run] of Object.entries(cases)) {
      it(operationId, async () => {
        const error = await run(prefer(example)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScrmApiError);
        expect(error).toMatchObject({ vendor: "tanma", operationId, code, kind, meaning, vendorMessage: meaning });
        expect((error as Error).message).toBe(`[tanma] ${operationId}: code ${code} (${meaning}): ${meaning}`);
      });
    }
  });
});

describe("the mock validates requests against the spec", () => {
  it("rejects a call without the auth headers with 401", async () => {
    const response = await fetch(`${baseUrl}/api/v3/clue/get`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customerId: 8 }),
    });
    expect(response.status).toBe(401);
  });

  it("requires appKey on the API pages but not on push-register", async () => {
    const threeHeaders = { "content-type": "application/json", appId: APP_ID, timestamp: "1596681164807", sign: "0" };
    const clue = await fetch(`${baseUrl}/api/v3/clue/get`, {
      method: "POST",
      headers: threeHeaders,
      body: JSON.stringify({ customerId: 8 }),
    });
    expect(clue.status).toBe(401);
    const withAppKey = await fetch(`${baseUrl}/api/v3/clue/get`, {
      method: "POST",
      headers: { ...threeHeaders, appKey: APP_KEY },
      body: JSON.stringify({ customerId: 8 }),
    });
    expect(withAppKey.status).toBe(200);
    const register = await fetch(`${baseUrl}/api/v2/push-register`, {
      method: "POST",
      headers: threeHeaders,
      body: JSON.stringify({ receiveAddress: "https://example.com/p", subscription: "register" }),
    });
    expect(register.status).toBe(200);
  });

  it("rejects a body of the wrong type with a 422 naming the violation", async () => {
    const response = await fetch(`${baseUrl}/api/v3/clue/get`, {
      method: "POST",
      headers: { "content-type": "application/json", appId: "a", timestamp: "1", sign: "s", appKey: "k" },
      body: JSON.stringify({ customerId: "eight" }),
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { validation: { code: string; location: string[] }[] };
    expect(problem.validation).toContainEqual(
      expect.objectContaining({ code: "type", location: ["body", "customerId"] }),
    );
  });

  it("the client surfaces the mock's 422 as ScrmResponseError", async () => {
    const error = await tanma
      // @ts-expect-error customerId is an integer
      .POST("/api/v3/clue/get", { body: { customerId: "eight" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, vendor: "tanma", operationId: "getClue" });
    expect(String(error)).not.toContain(APP_KEY);
  });
});

// Response examples transcribed from the vendor's doc pages (reference seeds 002 and 004).
const SEED_OPPORTUNITY_CONFIG = {
  code: 0,
  message: "string",
  data: [
    {
      typeName: "string",
      typeId: 0,
      defaultType: true,
      allowSkip: true,
      allowGoBack: true,
      stages: [
        {
          id: 0,
          name: "string",
          rank: 0,
          possibility: 0,
          requirement: "string",
          remind: true,
          remindAfterDays: ["string"],
          children: [
            {
              id: 0,
              name: "string",
              rank: 0,
              possibility: 0,
              requirement: "string",
              remind: true,
              remindAfterDays: ["string"],
              children: ["string"],
              customerFields: null,
              requiredOppTypeFields: null,
            },
          ],
          customerFields: [{ fieldId: 0, name: "string", type: 0 }],
          requiredOppTypeFields: [
            {
              name: "string",
              required: true,
              rank: 0,
              type: 0,
              maxUnicode: 0,
              id: 0,
              options: [{ id: 0, name: "string" }],
              scale: 0,
            },
          ],
        },
      ],
      fields: [
        {
          id: 0,
          name: "string",
          required: true,
          type: 0,
          options: [{ id: 0, name: "string" }],
          scale: 0,
          maxUnicode: 0,
          minUnicode: null,
          pattern: null,
          rank: 0,
        },
      ],
      allowInvalidGoBack: true,
      allowDeleteOpportunity: true,
      deleteOpportunityDate: 0,
    },
  ],
};
const SEED_CLUE = {
  code: 0,
  message: "ok",
  data: {
    customerId: 410983932389440,
    isClue: false,
    type: 1,
    fields: [
      { field: "customer_source", type: 2, valueAsText: null },
      { field: "description", type: 1, valueAsText: "u 诶IE" },
      { field: "mobile", type: 8, valueAsText: '["145678388"]' },
      { field: "address", type: 1, valueAsText: null },
      { field: "birthday", type: 3, valueAsText: null },
      { field: "corp_name", type: 1, valueAsText: null },
      { field: "name", type: 1, valueAsText: "打马赛克就" },
      { field: "purchase_intention", type: 2, valueAsText: null },
      { field: "gender", type: 2, valueAsText: null },
      { field: "customer_stage", type: 2, valueAsText: "396823724189760" },
    ],
    tagIds: [],
    createTime: "2021-05-11 15:15:48",
    lastUpdateTime: "2021-05-11 15:15:48",
  },
};
