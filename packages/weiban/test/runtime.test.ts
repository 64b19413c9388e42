// The shared runtime (packages/core) exercised through the public Weiban client against a real local HTTP server.

import { ScrmApiError, ScrmError, ScrmNetworkError, ScrmResponseError } from "@scrm-openapi/core";
import { CORP_ID, errorTexts, FakeVendor, json, SECRET } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWeibanClient, meta } from "../src/index.js";

let fake: FakeVendor;
beforeEach(async () => {
  fake = await FakeVendor.start(meta, { recordTokenCalls: true, payload: { sea_list: [], total_count: 0 } });
});
afterEach(async () => {
  await fake.close();
});

// Retries and the rate limiter stay on, played fast (1 ms backoff, Weiban's limits at 1/1000 time): this file pins
// down auth and envelopes; test/runtime-core.test.ts covers retries and limits.
const client = (extra: Parameters<typeof createWeibanClient>[0] extends infer O ? Partial<O> : never = {}) =>
  createWeibanClient({
    corpId: CORP_ID,
    secret: SECRET,
    baseUrl: fake.url,
    retry: { initialDelayMs: 1 },
    ...extra,
  });

/** Every secret the fake handed out or was given. */
const secrets = () => [SECRET, ...fake.requests.flatMap((r) => r.query.getAll("access_token"))];

function expectNoSecrets(error: unknown) {
  expect(error).toBeInstanceOf(ScrmError);
  const texts = errorTexts(error);
  for (const secret of secrets()) for (const text of texts) expect(text).not.toContain(secret);
}

describe("access token", () => {
  it("fetches one token for 100 concurrent calls on a cold cache and sends it in the query", async () => {
    const weiban = client();
    const results = await Promise.all(Array.from({ length: 100 }, () => weiban.GET("/open-api/sea/list")));
    expect(fake.tokenRequests).toBe(1);
    expect(results.filter((r) => !(r.data?.errcode === 0))).toEqual([]);
    const apiCalls = fake.requests.filter((r) => r.path === "/open-api/sea/list");
    expect(apiCalls).toHaveLength(100);
    expect(new Set(apiCalls.map((r) => r.query.get("access_token")))).toEqual(new Set([`tok-1-${"x".repeat(24)}`]));
  });

  it("posts corp_id and secret as JSON to the token endpoint", async () => {
    await client().GET("/open-api/sea/list");
    const tokenCall = fake.requests.find((r) => r.path === "/open-api/access_token/get");
    expect(tokenCall?.method).toBe("POST");
    expect(JSON.parse(tokenCall?.body ?? "")).toEqual({ corp_id: CORP_ID, secret: SECRET });
  });

  it("keeps the token until expires_in minus the margin, then fetches a new one", async () => {
    let now = 1_000_000;
    const weiban = client({ now: () => now, tokenRefreshMarginSeconds: 300 });
    await weiban.GET("/open-api/sea/list");
    now += (7200 - 301) * 1000;
    await weiban.GET("/open-api/sea/list");
    expect(fake.tokenRequests).toBe(1);
    now += 2000;
    await weiban.GET("/open-api/sea/list");
    expect(fake.tokenRequests).toBe(2);
  });

  it("on 10001 drops the token, fetches a new one and replays the request once", async () => {
    fake.handle = (req, res) =>
      req.query.get("access_token")?.startsWith("tok-1-")
        ? json(res, { errcode: 10001, errmsg: "认证错误:请提供正确的access_token" })
        : json(res, { errcode: 0, errmsg: "ok", sea_list: [], total_count: 0 });
    const { data } = await client().GET("/open-api/sea/list");
    expect(data?.total_count).toBe(0);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requests.filter((r) => r.path === "/open-api/sea/list")).toHaveLength(2);
  });

  it("refreshes once for many concurrent calls rejected with 10001", async () => {
    fake.handle = (req, res) =>
      req.query.get("access_token")?.startsWith("tok-1-")
        ? json(res, { errcode: 10001, errmsg: "expired" })
        : json(res, { errcode: 0, errmsg: "ok", sea_list: [] });
    const weiban = client();
    await weiban.GET("/open-api/sea/list"); // warm with tok-1 (first call refreshes to tok-2)
    expect(fake.tokenRequests).toBe(2);
    const results = await Promise.all(Array.from({ length: 20 }, () => weiban.GET("/open-api/sea/list")));
    expect(results.filter((r) => !(r.data?.errcode === 0))).toEqual([]);
    expect(fake.tokenRequests).toBe(2);
  });

  it("10001 twice → ScrmApiError after one replay, never a loop", async () => {
    fake.handle = (_req, res) => json(res, { errcode: 10001, errmsg: "认证错误:请提供正确的access_token" });
    const error = await client()
      .GET("/open-api/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "weiban",
      operationId: "listSeas",
      code: 10001,
      kind: "token-invalid",
      status: 200,
    });
    expect((error as ScrmApiError).meaning).toContain("access_token");
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requests.filter((r) => r.path === "/open-api/sea/list")).toHaveLength(2);
    expectNoSecrets(error);
  });

  it("wrong credentials → typed error from the token operation, without the secret", async () => {
    const error = await client({ secret: "another-wrong-secret-123" })
      .GET("/open-api/sea/list")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ operationId: "getAccessToken", code: 10049 });
    expect(String(error)).not.toContain("another-wrong-secret-123");
  });
});

describe("envelope and transport errors", () => {
  it("a business errcode becomes ScrmApiError with vendor, operation, code and the spec's meaning", async () => {
    fake.handle = (_req, res) => json(res, { errcode: 22201, errmsg: "未找到商机记录" });
    const error = await client()
      .GET("/open-api/opportunity/one", { params: { query: { id: "42" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "weiban",
      operationId: "getOpportunity",
      code: 22201,
      meaning: "未找到商机记录",
    });
    expect((error as Error).message).toBe("[weiban] getOpportunity: code 22201 (未找到商机记录): 未找到商机记录");
    expect((error as ScrmApiError).requestId).toMatch(/^req_/);
  });

  it("an HTML 502 becomes ScrmResponseError with a short snippet, secrets masked", async () => {
    fake.handle = (req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><body>Bad Gateway ${req.query.get("access_token")} ${SECRET}</body></html>${"-".repeat(1000)}`);
    };
    const error = await client()
      .GET("/open-api/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 502, contentType: "text/html", operationId: "listSeas" });
    expect((error as ScrmResponseError).snippet).toMatch(/^<html><body>Bad Gateway \[redacted\] \[redacted\]/);
    expect((error as ScrmResponseError).snippet.length).toBeLessThanOrEqual(200);
    expectNoSecrets(error);
  });

  it("an empty or non-JSON 200 body is a response error, never data", async () => {
    fake.handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("");
    };
    await expect(client().GET("/open-api/sea/list")).rejects.toThrow(/empty answer/);
    fake.handle = (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    };
    await expect(client().GET("/open-api/sea/list")).rejects.toBeInstanceOf(ScrmResponseError);
  });

  it("a JSON body without errcode is not taken as success", async () => {
    fake.handle = (_req, res) => json(res, { sea_list: [] });
    const error = await client()
      .GET("/open-api/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ reason: "not-envelope", status: 200 });
  });

  it("a refused connection becomes ScrmNetworkError", async () => {
    await fake.close();
    const error = await client()
      .GET("/open-api/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmNetworkError);
    expect(error).toMatchObject({ vendor: "weiban", operationId: "getAccessToken" });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expectNoSecrets(error);
  });

  it("debug logs name the operation but never a secret or token", async () => {
    const lines: string[] = [];
    fake.handle = (req, res) => json(res, { errcode: 10001, errmsg: `bad token ${req.query.get("access_token")}` });
    const error = await client({ logger: { debug: (line) => lines.push(line) } })
      .GET("/open-api/sea/list")
      .catch((e: unknown) => e);
    expectNoSecrets(error);
    expect(lines).toContainEqual(expect.stringContaining("listSeas"));
    for (const secret of secrets()) for (const line of lines) expect(line).not.toContain(secret);
  });
});
