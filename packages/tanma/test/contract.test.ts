// Behaviour through the Prism mock of specs/tanma beyond the example suite (examples.test.ts): the signing headers
// each operation gets, the typed errors' messages, and the mock's validation of requests.
import { ScrmApiError, ScrmResponseError } from "@scrm-openapi/core";
import { exampleCases, mockUrl } from "@scrm-openapi/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createTanmaClient, meta, type Schemas } from "../src/index.js";

const baseUrl = mockUrl("tanma");
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

const cases = (await exampleCases("tanma")).filter((c) => c.expect.kind === "data");

describe("the headers the client sends match each operation's security", () => {
  it("appId, timestamp and sign everywhere; appKey only where the operation's page lists it (x-auth-headers)", async () => {
    sent.length = 0;
    const firsts = meta.operations.map((op) => cases.find((c) => c.operationId === op.operationId));
    for (const c of firsts) if (c) await tanma.request(c.method, c.path, c.init);
    for (const op of meta.operations) {
      const request = sent.find((s) => s.path === op.path);
      expect(request, op.operationId).toBeDefined();
      const headers = request?.headers ?? new Headers();
      expect(headers.get("appId"), op.operationId).toBe(APP_ID);
      expect(headers.get("timestamp"), op.operationId).toMatch(/^\d{13}$/);
      expect(headers.get("sign"), op.operationId).toMatch(/^[0-9a-f]{64}$/);
      const roles: readonly string[] | undefined = (op as { authHeaders?: readonly string[] }).authHeaders;
      expect(headers.get("appKey"), op.operationId).toBe(!roles || roles.includes("appKey") ? APP_KEY : null);
    }
  });
});

describe("the doc page's own example, typed", () => {
  it("查询商机配置 answers the seed page's example verbatim, with the recursive stage tree typed", async () => {
    const { data } = await tanma.POST("/api/v3/opportunity/config/get");
    expect(data).toEqual(SEED_OPPORTUNITY_CONFIG);
    const type = data.data[0];
    expectTypeOf(data.data).toEqualTypeOf<Schemas["OpportunityType"][]>();
    // Apifox cut the recursion off with the placeholder "string" at level two, so a child is a stage or a string.
    expectTypeOf(type?.stages?.[0]?.children).toEqualTypeOf<(Schemas["OpportunityStage"] | string)[] | undefined>();
  });
});

describe("自定义字段映射 (/order/profile-fields/map, page api-11379707)", () => {
  it("sends the page's request example signed and answers the page's own example", async () => {
    sent.length = 0;
    const { data } = await tanma.POST("/order/profile-fields/map", {
      body: { channelId: "12306", fieldId: 1191, alias: "testname" },
    });
    expect(data).toEqual({ code: 0, message: "success" });
    expect(sent.at(-1)?.path).toBe("/order/profile-fields/map");
    expect(sent.at(-1)?.headers.get("appKey")).toBe(APP_KEY);
  });

  it("the mock refuses a fieldId that is not an integer (the page types it integer)", async () => {
    const error = await tanma
      // @ts-expect-error fieldId is an integer
      .POST("/order/profile-fields/map", { body: { channelId: "12306", fieldId: "1191", alias: "testname" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, vendor: "tanma", operationId: "mapOrderField" });
  });
});

describe("error envelopes become typed errors with the spec's meaning, in the message too", () => {
  it.each([
    ["signatureInvalid", 1002, "signature-invalid", "签名校验未通过"],
    ["clockSkew", 1003, "clock-skew", "请求时间与服务器时间相差过大，请校对时间后重新请求"],
  ] as const)("%s → ScrmApiError %i (%s)", async (example, code, kind, meaning) => {
    const error = await tanma
      .POST("/api/v3/clue/get", { body: { customerId: 1 }, ...prefer(example) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "tanma",
      operationId: "getClue",
      code,
      kind,
      meaning,
      vendorMessage: meaning,
    });
    expect((error as Error).message).toBe(`[tanma] getClue: code ${code} (${meaning}): ${meaning}`);
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
const _SEED_CLUE = {
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
