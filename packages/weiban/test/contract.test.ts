// Contract tests: every spec operation called through the generated client against a real Prism mock of the spec.
import { ScrmApiError, ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createWeibanClient, meta, type OperationId, type Schemas, type WeibanClient } from "../src/index.js";

const baseUrl = mockUrl();
const weiban = createWeibanClient({ corpId: "wwmockcorp", secret: "mock-secret-value", baseUrl });
const prefer = (example: string) => ({ headers: { Prefer: `example=${example}` } });

const cases = {
  getAccessToken: async (c: WeibanClient) => {
    const { data } = await c.POST("/open-api/access_token/get", {
      body: { corp_id: "wwmockcorp", secret: "mock-secret-value" },
    });
    expect(data?.access_token).toBe("mock-access-token");
    expect(data?.expires_in).toBe(7200);
  },
  getOpportunity: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/opportunity/one", { params: { query: { id: "1" } } });
    expectTypeOf(data!.opportunity).toEqualTypeOf<Schemas["Opportunity"]>();
    expect(data?.opportunity.serial_number).toBe("SJ00006101");
    expect(data?.opportunity.end_time).toBeNull();
    expect(data?.opportunity.property_list[0]?.field_name).toBe("预算来源");
  },
  listOpportunities: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/opportunity/list", {
      params: { query: { limit: "10", offset: "0", user_type: "contact" } },
    });
    expect(data?.errcode).toBe(0);
  },
  listSeas: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/sea/list");
    expect(data?.sea_list[0]?.assign_rule).toBe("staff_independent_distribution");
  },
  listContacts: async (c: WeibanClient) => {
    const { data } = await c.POST("/open-api/contact/list", { body: { page_no: 1, page_size: 20 } });
    expect(data?.has_next).toBe(false);
    expect(data?.objects[0]?.tag_list?.[0]?.name).toBe("高意向");
  },
  listExternalUsers: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/external_user/list", {
      params: { query: { limit: 100, offset: 0, order: "desc", type_: "2" } },
    });
    expect(data?.external_user_list?.[0]?.id).toBe("wm8zkSaSL7dgds4s45fw");
  },
  getExternalUser: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/external_user/get", {
      params: { query: { id: "wm8zkSaSL7dgds4s45fw" } },
    });
    expect(data?.external_user.follow_staffs?.[0]?.state).toBe("wb:269");
  },
  batchGetExternalUsers: async (c: WeibanClient) => {
    const { data } = await c.POST("/open-api/external_user/batch_get", {
      body: { id_list: ["wm8zkSaSL7dgds4s45fw"] },
    });
    expect(data?.external_user).toHaveLength(1);
  },
  listExternalUsersByUpdateTime: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/external_user/update/list", {
      params: { query: { source: "external_user", limit: 50 } },
    });
    expect(data?.total).toBe(1);
  },
  listOutflowExternalUsers: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/external_user/list/outflow", {
      params: { query: { limit: 10, offset: 0 } },
    });
    expect(data?.external_user_list?.[0]?.has_chat).toBe(true);
  },
  getExternalUserStages: async (c: WeibanClient) => {
    const { data } = await c.POST("/open-api/external_user/stage/get", {
      body: { external_user_ids: ["a", "b"] },
    });
    expect(data?.stage_list[0]?.stage_name).toBe("意向");
  },
  addClues: async (c: WeibanClient) => {
    const { data } = await c.POST("/open-api/customer_open_sea/clue/add", {
      body: { clue_list: [{ phone: "13800000000", staff_ext_id: "zhangsan" }] },
    });
    expect(data?.errmsg).toBe("ok");
  },
  getLtcOrder: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/ltc/order/one", { params: { query: { order_id: "o1" } } });
    expect(data?.data).toEqual({});
  },
  createLtcOrder: async (c: WeibanClient) => {
    const { data } = await c.POST("/open-api/ltc/order/create", { body: { request_id: "req-1" } });
    expect(data?.errcode).toBe(0);
  },
  listLtcGoods: async (c: WeibanClient) => {
    const { data } = await c.GET("/open-api/ltc/goods/list", { params: { query: { limit: 50, offset: 0 } } });
    expect(data?.data.has_more).toBe(false);
  },
} satisfies Record<OperationId, (client: WeibanClient) => Promise<void>>;

describe("every operation answers its success example through the typed client", () => {
  for (const [operationId, run] of Object.entries(cases)) it(operationId, () => run(weiban));

  it("no spec operation lacks a contract test", () => {
    expect(Object.keys(cases).sort()).toEqual(meta.operations.map((op) => op.operationId).sort());
  });
});

/**
 * A client whose calls ask the mock for one named example, without retries. The token fetched on a call's behalf
 * is left alone (unless the token call is the operation under test), so the example answers the call itself.
 */
function preferring(example: string, tokenCallToo: boolean): WeibanClient {
  return createWeibanClient({
    corpId: "wwmockcorp",
    secret: "mock-secret-value",
    baseUrl,
    retry: false,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (tokenCallToo || !String(input).includes("/open-api/access_token/get"))
        headers.set("Prefer", `example=${example}`);
      return fetch(input, { ...init, headers });
    },
  });
}

describe("every operation's error examples become typed errors", () => {
  const examples = [
    ["tokenInvalid", 10001, "token-invalid"],
    ["concurrencyLimited", 10052, "concurrency-limit"],
    ["rateLimited", 10053, "rate-limit"],
  ] as const;
  for (const [example, code, kind] of examples) {
    for (const [operationId, run] of Object.entries(cases)) {
      if (operationId === "getAccessToken" && kind === "token-invalid") continue;
      it(`${operationId} ${example} → ScrmApiError ${code}`, async () => {
        const error = await run(preferring(example, operationId === "getAccessToken")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScrmApiError);
        expect(error).toMatchObject({ vendor: "weiban", operationId, code, kind });
      });
    }
  }
});

describe("error envelopes served by the mock become typed errors", () => {
  it("22201 → ScrmApiError with the spec's meaning", async () => {
    const error = await weiban
      .GET("/open-api/opportunity/one", { params: { query: { id: "404" } }, ...prefer("notFound") })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "weiban",
      operationId: "getOpportunity",
      code: 22201,
      meaning: "未找到商机记录",
    });
  });

  it("10001 on every answer → one refresh and one replay, then token-invalid", async () => {
    const error = await weiban.GET("/open-api/sea/list", prefer("tokenInvalid")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 10001, kind: "token-invalid" });
  });

  it.each([
    ["concurrencyLimited", 10052, "concurrency-limit"],
    ["rateLimited", 10053, "rate-limit"],
  ])("%s → retried twice, then ScrmApiError %i (%s)", async (example, code, kind) => {
    // The mock answers this example every time, so the default 2 retries are spent and the error surfaces.
    let attempts = 0;
    const counting = createWeibanClient({
      corpId: "wwmockcorp",
      secret: "mock-secret-value",
      baseUrl,
      retry: { initialDelayMs: 1 },
      layers: [
        (next) => (call) => {
          if (call.op.operationId === "listExternalUsers") attempts++;
          return next(call);
        },
      ],
    });
    const error = await counting
      .GET("/open-api/external_user/list", { params: { query: {} }, ...prefer(example) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, kind });
    expect(attempts).toBe(3);
  });
});

describe("the mock validates requests against the spec", () => {
  it("rejects a batch of 21 ids with a 422 naming the violation (maxItems 20)", async () => {
    const response = await fetch(`${baseUrl}/open-api/external_user/batch_get?access_token=t`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id_list: Array.from({ length: 21 }, (_, i) => `id${i}`) }),
    });
    expect(response.status).toBe(422);
    // With no 400 declared, Prism answers a problem+json whose `validation` lists the violations.
    const problem = (await response.json()) as { validation: { code: string; location: string[] }[] };
    expect(problem.validation).toContainEqual(
      expect.objectContaining({ code: "maxItems", location: ["body", "id_list"] }),
    );
  });

  it("the client surfaces the mock's 422 as ScrmResponseError", async () => {
    const error = await weiban
      // @ts-expect-error limit is at most 100 and typed as a number
      .GET("/open-api/external_user/list", { params: { query: { limit: "101" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, operationId: "listExternalUsers" });
  });

  it("rejects a call without access_token (security scheme)", async () => {
    const response = await fetch(`${baseUrl}/open-api/sea/list`);
    expect(response.status).toBe(401);
  });
});

describe("types", () => {
  it("a resolved call always has data; paths, queries and bodies are checked", async () => {
    const { data } = await weiban.GET("/open-api/opportunity/one", { params: { query: { id: "1" } } });
    expectTypeOf(data).not.toBeUndefined();
    const name: string = data.opportunity.name;
    expect(name).toBe("华东区年度采购");
    // @ts-expect-error not a Weiban path
    await weiban.GET("/open-api/nope").catch(() => undefined);
    await weiban
      // @ts-expect-error page_no is required by the spec
      .POST("/open-api/contact/list", { body: { page_size: 20 } })
      .catch(() => undefined);
  });
});
