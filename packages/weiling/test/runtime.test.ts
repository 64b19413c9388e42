// The shared runtime (packages/core) exercised through the public Weiling client against a real local HTTP server.

import { ScrmApiError, ScrmError, ScrmNetworkError, ScrmResponseError } from "@scrm-openapi/core";
import { APP_ID, APP_SECRET, errorTexts, FakeVendor, json } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWeilingClient, meta, type WeilingClientOptions } from "../src/index.js";

const WEILING_DEFAULT_TOKEN_TTL_SECONDS = meta.auth.fallbackTtlSeconds;

const TOKEN_PATH = "/openapi/auth/access_token/get";
let fake: FakeVendor;
beforeEach(async () => {
  fake = await FakeVendor.start(meta, {
    recordTokenCalls: true,
    tokenPrefix: "wltok",
    expiresIn: null,
    codes: { credentials: 403 },
    echoSecrets: true,
    payload: { cursor: "", contact_list: [] },
  });
});
afterEach(async () => {
  await fake.close();
});

const client = (extra: Partial<WeilingClientOptions> = {}) =>
  createWeilingClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: fake.url, ...extra });

const apiCalls = (path: string) => fake.requests.filter((r) => r.path === path);
const tokensSent = (path: string) => apiCalls(path).map((r) => r.query.get("access_token"));

/** Every secret the fake was given or handed out. */
const secrets = () => [
  APP_SECRET,
  ...fake.requests.flatMap((r) => [...r.query.getAll("access_token"), ...r.query.getAll("app_secret")]),
];

function expectNoSecrets(error: unknown) {
  expect(error).toBeInstanceOf(ScrmError);
  const texts = errorTexts(error);
  for (const secret of secrets()) for (const text of texts) expect(text).not.toContain(secret);
}

describe("access token", () => {
  it("is fetched with GET ?app_id=&app_secret= and no body", async () => {
    await client().GET("/openapi/contact/list", { params: { query: { cursor: "" } } });
    const [tokenCall, ...others] = apiCalls(TOKEN_PATH);
    expect(others).toHaveLength(0);
    expect(tokenCall?.method).toBe("GET");
    expect(tokenCall?.body).toBe("");
    expect(Object.fromEntries(tokenCall?.query ?? [])).toEqual({ app_id: APP_ID, app_secret: APP_SECRET });
    expect(tokenCall?.query.has("access_token")).toBe(false);
  });

  it("one token for 60 concurrent GET and POST calls on a cold cache, sent as the access_token query", async () => {
    const weiling = client();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? weiling.GET("/openapi/contact/list", { params: { query: { cursor: "", owner_id: `u${i}` } } })
          : weiling.POST("/openapi/contact/disuse", { body: { contatc_ids: [`c${i}`] } }),
      ),
    );
    expect(fake.tokenRequests).toBe(1);
    expect(results.filter((r) => !(r.data !== undefined))).toEqual([]);
    const token = `wltok-1-${"x".repeat(24)}`;
    expect(tokensSent("/openapi/contact/list")).toEqual(Array(30).fill(token));
    expect(tokensSent("/openapi/contact/disuse")).toEqual(Array(30).fill(token));
    // The other query parameters and the JSON body travel untouched next to the token.
    const post = apiCalls("/openapi/contact/disuse")[0];
    expect(post?.method).toBe("POST");
    expect(JSON.parse(post?.body ?? "")).toEqual({ contatc_ids: [expect.stringMatching(/^c\d+$/)] });
    expect(apiCalls("/openapi/contact/list").filter((r) => !r.query.get("owner_id")?.startsWith("u"))).toEqual([]);
  });

  it(`keeps a token for the default ${WEILING_DEFAULT_TOKEN_TTL_SECONDS} s minus the 300 s margin, then fetches another`, async () => {
    let now = 1_700_000_000_000;
    const weiling = client({ now: () => now });
    const call = () => weiling.GET("/openapi/company/sea/list");
    await call();
    now += (WEILING_DEFAULT_TOKEN_TTL_SECONDS - 300 - 1) * 1000;
    await call();
    expect(fake.tokenRequests).toBe(1);
    now += 2000;
    await call();
    expect(fake.tokenRequests).toBe(2);
    expect(tokensSent("/openapi/company/sea/list")).toEqual([
      `wltok-1-${"x".repeat(24)}`,
      `wltok-1-${"x".repeat(24)}`,
      `wltok-2-${"x".repeat(24)}`,
    ]);
  });

  it("tokenTtlSeconds overrides the default (margin capped at half of it)", async () => {
    let now = 1_700_000_000_000;
    const weiling = client({ now: () => now, tokenTtlSeconds: 120 });
    await weiling.GET("/openapi/company/sea/list");
    now += 59_000;
    await weiling.GET("/openapi/company/sea/list");
    expect(fake.tokenRequests).toBe(1);
    now += 2000;
    await weiling.GET("/openapi/company/sea/list");
    expect(fake.tokenRequests).toBe(2);
  });

  it("an expired token is refreshed once for many concurrent calls", async () => {
    let now = 1_700_000_000_000;
    const weiling = client({ now: () => now, tokenTtlSeconds: 600 });
    await weiling.GET("/openapi/company/sea/list");
    now += 600_000;
    await Promise.all(Array.from({ length: 20 }, () => weiling.GET("/openapi/company/sea/list")));
    expect(fake.tokenRequests).toBe(2);
    expect(new Set(tokensSent("/openapi/company/sea/list").slice(1))).toEqual(new Set([`wltok-2-${"x".repeat(24)}`]));
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])("rejects tokenTtlSeconds %s", (tokenTtlSeconds) => {
    expect(() => client({ tokenTtlSeconds })).toThrow(
      expect.objectContaining({ name: "ScrmConfigError", option: "tokenTtlSeconds", vendor: "weiling" }),
    );
  });

  it("no code is declared token-invalid: a 403 is thrown as is, without a refresh or a replay", async () => {
    fake.handle = (_req, res) => json(res, { code: 403, msg: "无访问权限" });
    const error = await client()
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ operationId: "listCompanySeas", code: 403, meaning: "无访问权限", kind: undefined });
    expect(fake.tokenRequests).toBe(1);
    expect(apiCalls("/openapi/company/sea/list")).toHaveLength(1);
  });

  it("wrong credentials → ScrmApiError from getAccessToken, the secret masked even where the vendor echoes it", async () => {
    const wrong = "another-wrong-app-secret-123";
    const error = await client({ appSecret: wrong })
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ vendor: "weiling", operationId: "getAccessToken", code: 403 });
    expect((error as ScrmApiError).vendorMessage).toBe("无访问权限 app_secret=[redacted]");
    expect(apiCalls("/openapi/company/sea/list")).toHaveLength(0);
    expectNoSecrets(error);
  });

  it("a token answer without data.access_token is a response error, not a token", async () => {
    fake.tokenRoute = () => ({ json: { code: 0, msg: "success", data: {} } });
    const error = await client()
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ operationId: "getAccessToken" });
    expect((error as Error).message).toContain("token answer has no usable data.access_token");
  });
});

describe("envelope", () => {
  it('a string "0" code is success: the call resolves with the data', async () => {
    fake.handle = (_req, res) =>
      json(res, { code: "0", msg: "", data: { data_list: { stage: "1", name: "初步洽谈" } } });
    const { data } = await client().GET("/openapi/business/stage_list");
    expect(data?.code).toBe("0");
    expect(data?.data.data_list).toEqual({ stage: "1", name: "初步洽谈" });
  });

  it('a string "500" code becomes ScrmApiError with the spec\'s meaning', async () => {
    fake.handle = (_req, res) => json(res, { code: "500", msg: "系统错误" });
    const error = await client()
      .POST("/openapi/business/edit", { body: { business_id: "b1", business_name: "n" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ vendor: "weiling", operationId: "editBusiness", code: "500", status: 200 });
    expect((error as ScrmApiError).meaning).toMatch(/^系统错误/);
    expect((error as Error).message).toMatch(/^\[weiling\] editBusiness: code 500 \(系统错误/);
  });

  it("1009 becomes ScrmApiError of kind rate-limit", async () => {
    fake.handle = (_req, res) => json(res, { code: 1009, msg: "接口调用超过频率限制" });
    // retry: false — the error's shape is what is tested here; retries are core's (with fake timers).
    const error = await client({ retry: false })
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 1009, kind: "rate-limit", meaning: "接口调用超过频率限制" });
  });

  it("a JSON body without code is not taken as success", async () => {
    fake.handle = (_req, res) => json(res, { msg: "success", data: [] });
    const error = await client()
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ reason: "not-envelope", status: 200 });
  });
});

describe("transport errors never carry a secret", () => {
  it("an HTML 502 echoing the token and the secret becomes ScrmResponseError with a masked snippet", async () => {
    fake.handle = (req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><body>Bad Gateway ${req.query.get("access_token")} ${APP_SECRET}</body></html>${"-".repeat(500)}`);
    };
    const error = await client({ retry: false })
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 502, contentType: "text/html", operationId: "listCompanySeas" });
    expect((error as ScrmResponseError).snippet).toMatch(/^<html><body>Bad Gateway \[redacted\] \[redacted\]/);
    expectNoSecrets(error);
  });

  it("a refused connection on the token call (secret in its query) becomes ScrmNetworkError without it", async () => {
    await fake.close();
    const error = await client({ retry: false })
      .GET("/openapi/company/sea/list")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmNetworkError);
    expect(error).toMatchObject({ vendor: "weiling", operationId: "getAccessToken" });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expectNoSecrets(error);
  });

  it("debug logs name the operations but never the app_secret or the token", async () => {
    const lines: string[] = [];
    fake.handle = (req, res) => json(res, { code: 1003, msg: `数据不存在 ${req.query.get("access_token")}` });
    const error = await client({ logger: { debug: (line) => lines.push(line) } })
      .POST("/openapi/contact/batch", { body: { contact_ids: ["c1"] } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 1003, vendorMessage: "数据不存在 [redacted]" });
    expectNoSecrets(error);
    expect(lines).toContainEqual(expect.stringContaining("getAccessToken"));
    expect(lines).toContainEqual(expect.stringContaining("batchGetContacts"));
    expect(lines.join("\n")).not.toMatch(/wltok-|s3cr3t/);
  });
});
