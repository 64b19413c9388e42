// The Prism mock enforces the spec's domain rules and its security scheme: each violation is rejected with the rule
// it breaks, and the typed client surfaces Prism's 422 as a ScrmResponseError naming the operation.
import { MemoryTokenStore, ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createWeilingClient } from "../src/index.js";

const baseUrl = mockUrl("weiling");
const credentials = { appId: "wl-mock-app", appSecret: "mock-app-secret-value" };
const tokenStore = new MemoryTokenStore();
const weiling = createWeilingClient({ ...credentials, baseUrl, tokenStore });
const ids = (n: number, prefix = "id") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Runs one call with a client whose fetch keeps Prism's problem+json answer, to read the violations it names. */
async function rejectedBy(call: (client: typeof weiling) => Promise<unknown>) {
  let problem: { status: number; validation: { code: string; location: string[]; message: string }[] } | undefined;
  const observing: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.headers.get("content-type")?.includes("problem+json")) problem = await response.clone().json();
    return response;
  };
  const client = createWeilingClient({ ...credentials, baseUrl, tokenStore, fetch: observing });
  const error = await call(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, problem };
}

describe("the mock enforces the spec's domain rules", () => {
  const violations = [
    [
      "stage 100 with an empty winning_date (10.4)",
      (c: typeof weiling) =>
        c.POST("/openapi/business/edit", { body: { stage: 100, winning_amount: 1, winning_date: "" } }),
      "editBusiness",
      ["minLength", ["body", "winning_date"], "winning_date"],
    ],
    [
      "stage 100 without winning_date (10.3 旧版)",
      (c: typeof weiling) =>
        c.POST("/openapi/business/add", { body: { stage: 100, company_id: "c1", create_time: 1, winning_amount: 1 } }),
      "addBusiness",
      ["required", ["body"], "winning_date"],
    ],
    [
      "stage 99 without fail_reason (10.4)",
      (c: typeof weiling) => c.POST("/openapi/business/edit", { body: { business_id: "b1", stage: 99 } }),
      "editBusiness",
      ["required", ["body"], "fail_reason"],
    ],
    [
      "stage 99 with fail_reason 99 but no fail_reason_desc (10.4)",
      (c: typeof weiling) => c.POST("/openapi/business/edit", { body: { stage: 99, fail_reason: 99 } }),
      "editBusiness",
      ["required", ["body"], "fail_reason_desc"],
    ],
    [
      "21 related customers (10.3 旧版, ≤20)",
      (c: typeof weiling) =>
        c.POST("/openapi/business/add", {
          body: { stage: 1, create_time: 1, related_customers: [{ type: 0, ids: ids(21) }] },
        }),
      "addBusiness",
      ["maxItems", ["body", "related_customers", "0", "ids"], "20"],
    ],
    [
      "21 internal collaborators (10.3 旧版, ≤20)",
      (c: typeof weiling) =>
        c.POST("/openapi/business/add", { body: { stage: 1, create_time: 1, company_id: "c1", user_ids: ids(21) } }),
      "addBusiness",
      ["maxItems", ["body", "user_ids"], "20"],
    ],
    [
      "neither company_id nor related_customers (10.3 旧版)",
      // @ts-expect-error the generated type already demands company_id or related_customers
      (c: typeof weiling) => c.POST("/openapi/business/add", { body: { stage: 1, create_time: 1 } }),
      "addBusiness",
      ["anyOf", ["body"], "anyOf"],
    ],
    [
      "101 business_ids (10.1 新版)",
      (c: typeof weiling) => c.POST("/openapi/v2/business/get", { body: { business_ids: ids(101) } }),
      "getBusinessesV2",
      ["maxItems", ["body", "business_ids"], "100"],
    ],
    [
      "101 business_ids (10.1 旧版)",
      (c: typeof weiling) => c.POST("/openapi/business/get", { body: { business_ids: ids(101) } }),
      "getBusinesses",
      ["maxItems", ["body", "business_ids"], "100"],
    ],
    [
      "101 clue_ids (4.3)",
      (c: typeof weiling) => c.POST("/openapi/clue/batch", { body: { clue_ids: ids(101) } }),
      "batchGetClues",
      ["maxItems", ["body", "clue_ids"], "100"],
    ],
    [
      "101 clue_ids (4.6)",
      (c: typeof weiling) => c.POST("/openapi/clue/disuse", { body: { clue_ids: ids(101) } }),
      "disuseClues",
      ["maxItems", ["body", "clue_ids"], "100"],
    ],
    [
      "101 clue_ids (4.8)",
      (c: typeof weiling) => c.POST("/openapi/clue/back_to_sea", { body: { clue_ids: ids(101) } }),
      "returnCluesToSea",
      ["maxItems", ["body", "clue_ids"], "100"],
    ],
    [
      "101 clue_ids (4.9)",
      (c: typeof weiling) => c.POST("/openapi/clue/recover", { body: { clue_ids: ids(101) } }),
      "recoverClues",
      ["maxItems", ["body", "clue_ids"], "100"],
    ],
    [
      "100 clues to transfer (4.5: <100)",
      (c: typeof weiling) =>
        c.POST("/openapi/clue/owner_change", { body: { clue_list: ids(100).map((id) => ({ id, owner_id: "u" })) } }),
      "changeClueOwner",
      ["maxItems", ["body", "clue_list"], "99"],
    ],
    [
      "101 contatc_ids (19.6)",
      (c: typeof weiling) => c.POST("/openapi/contact/disuse", { body: { contatc_ids: ids(101) } }),
      "disuseContacts",
      ["maxItems", ["body", "contatc_ids"], "100"],
    ],
    [
      "101 contact_ids (19.7)",
      (c: typeof weiling) => c.POST("/openapi/contact/recover", { body: { contact_ids: ids(101) } }),
      "recoverContacts",
      ["maxItems", ["body", "contact_ids"], "100"],
    ],
    [
      "101 contact_ids (19.8)",
      (c: typeof weiling) => c.POST("/openapi/contact/back_to_sea", { body: { contact_ids: ids(101) } }),
      "returnContactsToSea",
      ["maxItems", ["body", "contact_ids"], "100"],
    ],
    [
      "an abandon_reason over 50 characters (10.6)",
      (c: typeof weiling) => c.POST("/openapi/business/disuse", { body: { abandon_reason: "x".repeat(51) } }),
      "disuseBusiness",
      ["maxLength", ["body", "abandon_reason"], "50"],
    ],
  ] as const;

  it.each(violations)(
    "rejects %s: HTTP 422 naming it, thrown as ScrmResponseError",
    async (_name, call, operationId, [code, location, mention]) => {
      const { error, problem } = await rejectedBy(call);
      expect(error).toBeInstanceOf(ScrmResponseError);
      expect(error).toMatchObject({ status: 422, operationId, vendor: "weiling" });
      expect(problem?.status).toBe(422);
      expect(problem?.validation).toContainEqual(
        expect.objectContaining({ code, location: [...location], message: expect.stringContaining(mention) }),
      );
    },
  );

  const accepted = [
    [
      "stage 100 with winning_amount and winning_date (10.3 新版)",
      () =>
        weiling.POST("/openapi/v2/business/create", {
          body: { stage: 100, create_time: 1, winning_amount: 10000, winning_date: "2025-04-25" },
        }),
    ],
    [
      "stage 100 with winning_amount and winning_date (10.3 旧版)",
      () =>
        weiling.POST("/openapi/business/add", {
          body: { stage: 100, company_id: "c1", create_time: 1, winning_amount: 1, winning_date: "2025-04-25" },
        }),
    ],
    [
      "stage 99 with fail_reason (10.4)",
      () => weiling.POST("/openapi/business/edit", { body: { stage: 99, fail_reason: 3 } }),
    ],
    ["stage 1 without any outcome field (10.4)", () => weiling.POST("/openapi/business/edit", { body: { stage: 1 } })],
    [
      "20 related customers and 20 collaborators (10.3 旧版)",
      () =>
        weiling.POST("/openapi/business/add", {
          body: { stage: 1, create_time: 1, related_customers: [{ type: 0, ids: ids(20) }], user_ids: ids(20) },
        }),
    ],
    [
      "100 business_ids (10.1 新版)",
      () => weiling.POST("/openapi/v2/business/get", { body: { business_ids: ids(100) } }),
    ],
    ["100 clue_ids (4.6)", () => weiling.POST("/openapi/clue/disuse", { body: { clue_ids: ids(100) } })],
    ["100 contatc_ids (19.6)", () => weiling.POST("/openapi/contact/disuse", { body: { contatc_ids: ids(100) } })],
    [
      "99 clues to transfer (4.5: <100)",
      () =>
        weiling.POST("/openapi/clue/owner_change", {
          body: { clue_list: ids(99).map((id) => ({ id, owner_id: "u" })) },
        }),
    ],
  ] as const;

  it.each(accepted)("accepts %s", async (_name, call) => {
    const { data } = await call();
    expect(["0", 0]).toContain(data?.code);
  });

  it("rejects a call without access_token (security scheme), but not the token call", async () => {
    expect((await fetch(`${baseUrl}/openapi/company/sea/list`)).status).toBe(401);
    const token = await fetch(`${baseUrl}/openapi/auth/access_token/get?app_id=a&app_secret=b`);
    expect(token.status).toBe(200);
  });

  it("rejects a token call without app_secret", async () => {
    const { error, problem } = await rejectedBy((c) =>
      // @ts-expect-error app_secret is required
      c.GET("/openapi/auth/access_token/get", { params: { query: { app_id: "a" } } }),
    );
    expect(error).toMatchObject({ status: 422, operationId: "getAccessToken" });
    expect(problem?.validation).toContainEqual(expect.objectContaining({ code: "required", location: ["query"] }));
  });
});
