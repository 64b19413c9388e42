// Behaviour through the Prism mock beyond the example suite (examples.test.ts): typed answers with the doc pages'
// own values, the rules the mock enforces, and the security scheme.
import { ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createPlanyunClient, type OperationId, type Schemas } from "../src/index.js";

const baseUrl = mockUrl("planyun");
const TOKEN = "mock-bearer-token-value";
const planyun = createPlanyunClient({ baseUrl, getAccessToken: async () => TOKEN });

const CREATE = "/open-api/customer/biz-submit/create-business";
const FOLLOW = "/open-api/customer/biz-submit/add-follow";
const INFO = "/open-api/customer/wecom/customer/get-customer-info-extend";
const SUCCESS = { code: 0, msg: "string" };

/** The request example of 创建商机, verbatim from its doc page (x-source). */
const CREATE_BUSINESS_DOC_EXAMPLE = {
  lineId: 10,
  processId: 10,
  nextTime: {
    scheduleName: "xx日程",
    nextContactTime: "2024-08-08T14:00:00Z",
    nextTimeLength: 60,
    nextRemindLength: 30,
  },
  customerId: 100,
  prospectId: 200,
  prospectFollowLineId: 300,
  userId: 500,
  source: 1,
} satisfies Schemas["CreateBusinessRequest"];

/** The request example of 跟进商机, verbatim from the seed page (x-source). */
const ADD_FOLLOW_SEED_EXAMPLE = {
  businessId: 10,
  stageId: 10,
  templateId: 10,
  templateName: "日常",
  version: 1,
  userId: 10,
  result: "finish",
  nextTime: {
    scheduleName: "日常跟进",
    nextContactTime: "2019-08-24T14:15:22Z",
    nextTimeLength: 60,
    nextRemindLength: 30,
  },
  actualStartTime: "2019-08-24T14:15:22Z",
  actualEndTime: "2019-08-24T14:15:22Z",
  remark: "备忘录",
  detailList: [
    {
      moduleId: 20,
      moduleType: "Radio",
      moduleName: "你的问题是",
      moduleConfig: '{"label":"单选"}',
      moduleCommunicateResult: "finish",
      detail: [
        {
          optionId: 20,
          content: "这是答案",
          nextTime: {
            scheduleName: "日常跟进",
            nextContactTime: "2019-08-24T14:15:22Z",
            nextTimeLength: 60,
            nextRemindLength: 30,
          },
          fileId: 10,
          fileName: "file.png",
          fileUrl: "https://file.png",
          fileSize: 1024,
          lat: 39.984154,
          lng: 39.984154,
        },
      ],
    },
  ],
} satisfies Schemas["AddFollowRequest"];

const cases = {
  createBusiness: async () => {
    const { data } = await planyun.POST(CREATE, { body: CREATE_BUSINESS_DOC_EXAMPLE });
    expectTypeOf<NonNullable<typeof data>>().toEqualTypeOf<Schemas["CreateBusinessResponse"]>();
    expect(data).toEqual(SUCCESS);
  },
  addFollow: async () => {
    const { data } = await planyun.POST(FOLLOW, { body: ADD_FOLLOW_SEED_EXAMPLE });
    expectTypeOf<NonNullable<typeof data>>().toEqualTypeOf<Schemas["AddFollowResponse"]>();
    expect(data).toEqual(SUCCESS);
  },
  getCustomerInfoExtend: async () => {
    const { data } = await planyun.GET(INFO);
    expectTypeOf<NonNullable<typeof data>>().toEqualTypeOf<Schemas["CustomerInfoExtendResponse"]>();
    expectTypeOf<NonNullable<typeof data>["code"]>().toEqualTypeOf<0>();
    expect(data).toEqual(SUCCESS);
  },
} satisfies Partial<Record<OperationId, () => Promise<void>>>;

// Every operation's examples are driven by examples.test.ts; these cases add the types and the doc pages' own values.
describe("typed answers, with the doc pages' own values", () => {
  for (const [operationId, run] of Object.entries(cases)) it(operationId, run);
});

interface Rule<Body> {
  rule: string;
  valid: Body;
  broken: Body;
  /** The entry Prism must list in the problem body's `validation`. */
  violation: { code: string; location: string[]; names: string };
}

/** Per documented rule: the valid request passes, the broken one is a 422 naming the violation, for the client too. */
function describeRules<Body>(
  operationId: OperationId,
  path: string,
  send: (body: Body) => Promise<{ data?: { code: 0; msg: string } }>,
  rules: Rule<Body>[],
) {
  describe(`${operationId}: the mock enforces the documented rules`, () => {
    describe.each(rules)("$rule", ({ valid, broken, violation }) => {
      it("a valid request passes through the client", async () => {
        const { data } = await send(valid);
        expect(data).toEqual(SUCCESS);
      });

      it("a broken request gets 422 with the violation named in the problem body", async () => {
        const response = await fetch(`${baseUrl}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify(broken),
        });
        expect(response.status).toBe(422);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        const problem = (await response.json()) as { validation: { code: string; location: string[] }[] };
        expect(problem.validation).toContainEqual(
          expect.objectContaining({
            code: violation.code,
            location: violation.location,
            message: expect.stringContaining(violation.names),
          }),
        );
      });

      it("the client surfaces that 422 as ScrmResponseError", async () => {
        const error = await send(broken).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScrmResponseError);
        expect(error).toMatchObject({
          vendor: "planyun",
          operationId,
          status: 422,
          contentType: "application/problem+json",
        });
      });
    });
  });
}

const required = (location: string[], property: string) => ({
  code: "required",
  location,
  names: `required property '${property}'`,
});

describeRules<Schemas["CreateBusinessRequest"]>("createBusiness", CREATE, (body) => planyun.POST(CREATE, { body }), [
  {
    rule: "customerId and prospectId are not both empty",
    valid: { prospectId: 200, userId: 500 },
    broken: { lineId: 10, processId: 10, userId: 500 },
    violation: { code: "anyOf", location: ["body"], names: "must match a schema in anyOf" },
  },
  {
    rule: "source 1 needs customerId",
    valid: { customerId: 100, userId: 500, source: 1 },
    broken: { prospectId: 200, userId: 500, source: 1 },
    violation: required(["body"], "customerId"),
  },
  {
    rule: "source 2 needs prospectId",
    valid: { prospectId: 200, userId: 500, source: 2 },
    broken: { customerId: 100, userId: 500, source: 2 },
    violation: required(["body"], "prospectId"),
  },
  {
    rule: "source 3 needs prospectId",
    valid: { prospectId: 200, prospectFollowLineId: 300, source: 3 },
    broken: { customerId: 100, prospectFollowLineId: 300, source: 3 },
    violation: required(["body"], "prospectId"),
  },
  {
    rule: "source 3 needs prospectFollowLineId",
    valid: { prospectId: 200, prospectFollowLineId: 300, source: 3 },
    broken: { customerId: 100, prospectId: 200, source: 3 },
    violation: required(["body"], "prospectFollowLineId"),
  },
]);

// Its date-time format is x-inferred (from the examples, no page states it): advisory, so the mock accepts any text.
it("createBusiness takes an empty, null, omitted or even malformed nextContactTime", async () => {
  const times = [{ nextContactTime: "" }, { nextContactTime: null }, { scheduleName: "xx日程" }];
  for (const nextTime of [...times, { nextContactTime: "tomorrow" }]) {
    const { data } = await planyun.POST(CREATE, { body: { customerId: 100, source: 1, nextTime } });
    expect(data).toEqual(SUCCESS);
  }
});

const detail0 = (module = 0) => ["body", "detailList", String(module), "detail", "0"];

describeRules<Schemas["AddFollowRequest"]>("addFollow", FOLLOW, (body) => planyun.POST(FOLLOW, { body }), [
  {
    rule: "Radio → optionId",
    valid: { businessId: 10, detailList: [{ moduleId: 20, moduleType: "Radio", detail: [{ optionId: 20 }] }] },
    broken: { businessId: 10, detailList: [{ moduleId: 20, moduleType: "Radio", detail: [{ content: "这是答案" }] }] },
    violation: required(detail0(), "optionId"),
  },
  {
    rule: "Attachment → fileId",
    valid: {
      businessId: 10,
      detailList: [{ moduleType: "Attachment", detail: [{ fileId: 10, fileName: "file.png" }] }],
    },
    broken: {
      businessId: 10,
      detailList: [{ moduleType: "Attachment", detail: [{ fileName: "file.png", fileUrl: "https://file.png" }] }],
    },
    violation: required(detail0(), "fileId"),
  },
  {
    rule: "Location → lat",
    valid: { businessId: 10, detailList: [{ moduleType: "Location", detail: [{ lat: 39.98, lng: 116.3 }] }] },
    broken: {
      businessId: 10,
      detailList: [
        { moduleType: "Radio", detail: [{ optionId: 20 }] },
        { moduleType: "Location", detail: [{ lng: 116.3 }] },
      ],
    },
    violation: required(detail0(1), "lat"),
  },
  {
    rule: "Location → lng",
    valid: { businessId: 10, detailList: [{ moduleType: "Location", detail: [{ lat: 39.98, lng: 116.3 }] }] },
    broken: { businessId: 10, detailList: [{ moduleType: "Location", detail: [{ lat: 39.98 }] }] },
    violation: required(detail0(), "lng"),
  },
  {
    // The full moduleType list is undocumented; any value but the three named ones is an "other" type.
    rule: "any other moduleType → content",
    valid: { businessId: 10, detailList: [{ moduleType: "AnyOtherType", detail: [{ content: "这是答案" }] }] },
    broken: { businessId: 10, detailList: [{ moduleType: "AnyOtherType", detail: [{ optionId: 20 }] }] },
    violation: required(detail0(), "content"),
  },
]);

describe("the mock's security scheme", () => {
  it("answers 401 without a bearer token, or with another scheme", async () => {
    for (const headers of [{}, { authorization: "Basic dXNlcjpwYXNz" }]) {
      const response = await fetch(`${baseUrl}${INFO}`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
    const withToken = await fetch(`${baseUrl}${INFO}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
  });
});
