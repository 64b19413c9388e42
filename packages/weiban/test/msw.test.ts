// @scrm-openapi/weiban/msw in Node (setupServer): every named example answered as Prism answers it, and scenarios
// meeting the client's token handling — a one-off tokenInvalid is refreshed and replayed, a lasting one is thrown.
import { describeExamples, exampleCases } from "@scrm-openapi/testing";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWeibanClient } from "../src/index.js";
import { createWeibanMocks } from "../src/msw.js";

const mocks = createWeibanMocks();
const server = setupServer(...mocks.handlers);
const paths: string[] = [];
server.events.on("request:start", ({ request }) => {
  paths.push(new URL(request.url).pathname);
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  paths.length = 0;
});
afterAll(() => server.close());

const options = { corpId: "wwmockcorp", secret: "mock-secret-value", retry: false, rateLimit: false } as const;
describeExamples("weiban", await exampleCases("weiban"), createWeibanClient(options));

describe("scenarios through the client", () => {
  // A 商机 of the seeded data (an id it lacks is a 404).
  const one = { params: { query: { id: String(mocks.records("opportunity")[0]?.id) } } };

  it("tokenInvalid once: the client refreshes the token and replays the call, which succeeds", async () => {
    const client = createWeibanClient(options);
    server.use(mocks.scenario("tokenInvalid", { operations: ["getOpportunity"], times: 1 }));
    const { data } = await client.GET("/open-api/opportunity/one", one);
    expect(data.opportunity.name).toBeTruthy();
    expect(paths).toEqual([
      "/open-api/access_token/get",
      "/open-api/opportunity/one",
      "/open-api/access_token/get",
      "/open-api/opportunity/one",
    ]);
  });

  it("tokenInvalid for good: replayed once, then thrown as a typed error with Weiban's code", async () => {
    const client = createWeibanClient(options);
    server.use(mocks.scenario("tokenInvalid", { operations: ["getOpportunity"] }));
    const error = await client.GET("/open-api/opportunity/one", one).catch((e) => e);
    expect(error).toMatchObject({ name: "ScrmApiError", code: 10001, kind: "token-invalid" });
    expect(paths.filter((p) => p === "/open-api/opportunity/one")).toHaveLength(2);
  });

  it("fail(10053) carries the spec's documented 60 s block as retryAfterMs", async () => {
    const client = createWeibanClient(options);
    server.use(mocks.fail(10053, { operations: ["getOpportunity"] }));
    const error = await client.GET("/open-api/opportunity/one", one).catch((e) => e);
    expect(error).toMatchObject({ name: "ScrmApiError", code: 10053, kind: "rate-limit", retryAfterMs: 60_000 });
  });
});
