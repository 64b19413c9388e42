// Behaviour through the Prism mock of specs/weiban that the example suite (examples.test.ts) does not cover: token
// refresh on the mock's error envelopes, the mock's validation of requests, and the client's types.
import { ScrmApiError, ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createWeibanClient } from "../src/index.js";

const baseUrl = mockUrl("weiban");
const weiban = createWeibanClient({ corpId: "wwmockcorp", secret: "mock-secret-value", baseUrl });
const prefer = (example: string) => ({ headers: { Prefer: `example=${example}` } });

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

  it("concurrencyLimited (10052) → retried twice, then ScrmApiError 10052", async () => {
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
      .GET("/open-api/external_user/list", { params: { query: {} }, ...prefer("concurrencyLimited") })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 10052, kind: "concurrency-limit" });
    expect(attempts).toBe(3);
  });

  it("rateLimited (10053) carries Weiban's 60 s block: past the call's deadline it fails at once, not retried", async () => {
    let attempts = 0;
    const counting = createWeibanClient({
      corpId: "wwmockcorp",
      secret: "mock-secret-value",
      baseUrl,
      deadlineMs: 10_000,
      layers: [
        (next) => (call) => {
          if (call.op.operationId === "listExternalUsers") attempts++;
          return next(call);
        },
      ],
    });
    const error = await counting
      .GET("/open-api/external_user/list", { params: { query: {} }, ...prefer("rateLimited") })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 10053, kind: "rate-limit", retryAfterMs: 60_000 });
    expect(attempts).toBe(1);
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
    // (limit/offset are no longer a trigger: the pages type them string and state no bound every page shares.)
    const error = await weiban
      .POST("/open-api/external_user/batch_get", { body: { id_list: Array.from({ length: 21 }, (_, i) => `id${i}`) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, operationId: "batchGetExternalUsers" });
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
