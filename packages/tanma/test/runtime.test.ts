// Request signing (packages/core) exercised through the public Tanma client against a real local HTTP server
// that checks every signature itself from the raw request bytes.
import { ScrmApiError, ScrmError, ScrmNetworkError, ScrmResponseError } from "@scrm-openapi/core";
import { createVendorClient, signatureAuth } from "@scrm-openapi/core/vendor";
import {
  APP_ID,
  APP_KEY,
  errorTexts,
  expectedSign,
  FAKE_SKEW_WINDOW_MS,
  FakeVendor,
  json,
} from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTanmaClient, meta, type TanmaClientOptions } from "../src/index.js";

let fake: FakeVendor;
beforeEach(async () => {
  fake = await FakeVendor.start(meta);
});
afterEach(async () => {
  await fake.close();
});

const client = (extra: Partial<TanmaClientOptions> = {}) =>
  createTanmaClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: fake.url, ...extra });

const CHINESE_SEARCH = { searchKey: "张三 高意向客户", pageNo: 1, pageSize: 100 };

function expectNoAppKey(error: unknown) {
  expect(error).toBeInstanceOf(ScrmError);
  const texts = errorTexts(error);
  for (const text of texts) expect(text).not.toContain(APP_KEY);
}

describe("the client's requests pass the fake's own signature check", () => {
  it("several operations, each signed over the exact bytes sent", async () => {
    const tanma = client();
    await tanma.POST("/api/v3/opportunity/config/get");
    await tanma.POST("/api/v3/customer/search", { body: CHINESE_SEARCH });
    await tanma.POST("/api/v3/clue/get", { body: { customerId: 410983932389440 } });
    await tanma.POST("/api/v2/customer/list-fields", { body: {} });
    await tanma.POST("/api/v2/push-register", {
      body: { receiveAddress: "https://example.com/推送", subscription: "register,new_qw_customer" },
    });
    expect(fake.requests.map((r) => [r.path, r.verdict])).toEqual([
      ["/api/v3/opportunity/config/get", "ok"],
      ["/api/v3/customer/search", "ok"],
      ["/api/v3/clue/get", "ok"],
      ["/api/v2/customer/list-fields", "ok"],
      ["/api/v2/push-register", "ok"],
    ]);
    for (const r of fake.requests) expect(r.method).toBe("POST");
  });

  it("an operation without a body is signed over the empty string", async () => {
    const now = Date.now();
    await client({ now: () => now }).POST("/api/v3/opportunity/config/get");
    const [seen] = fake.requests;
    expect(seen?.bytes.length).toBe(0);
    expect(seen?.headers["content-type"]).toBeUndefined();
    expect(seen?.headers.timestamp).toBe(String(now));
    expect(seen?.headers.sign).toBe(expectedSign(APP_ID, String(now), Buffer.alloc(0), APP_KEY));
    expect(seen?.verdict).toBe("ok");
  });

  it("Chinese text is signed as its UTF-8 bytes", async () => {
    const { data } = await client().POST("/api/v3/customer/search", { body: CHINESE_SEARCH });
    expect(data?.code).toBe(0);
    const [seen] = fake.requests;
    if (!seen) throw new Error("the fake vendor saw no request");
    const text = seen.bytes.toString("utf8");
    expect(JSON.parse(text)).toEqual(CHINESE_SEARCH);
    // Multi-byte characters: the bytes hashed outnumber the characters.
    expect(seen.bytes.length).toBeGreaterThan(text.length);
    expect(seen?.verdict).toBe("ok");
  });

  it("whitespace in the body is signed as sent (a custom body serialiser)", async () => {
    await client().POST("/api/v3/clue/get", {
      body: { customerId: 8 },
      bodySerializer: (body) => JSON.stringify(body, null, 2),
    });
    const [seen] = fake.requests;
    expect(seen?.bytes.toString("utf8")).toBe('{\n  "customerId": 8\n}');
    expect(seen?.verdict).toBe("ok");
  });

  it("push-register goes out without the appKey header (x-auth-headers) and still passes", async () => {
    const { data } = await client().POST("/api/v2/push-register", {
      body: { receiveAddress: "https://example.com/p", subscription: "register" },
    });
    expect(data).toEqual({ code: 0, message: "ok", data: {} });
    const [seen] = fake.requests;
    expect(seen?.headers.appkey).toBeUndefined();
    expect([seen?.headers.appid, seen?.verdict]).toEqual([APP_ID, "ok"]);
    // Every other operation sends it.
    await client().POST("/api/v3/clue/get", { body: { customerId: 8 } });
    expect(fake.requests[1]?.headers.appkey).toBe(APP_KEY);
  });

  it("the injected clock drives the timestamp, and every call is signed afresh", async () => {
    let now = Date.now();
    const tanma = client({ now: () => now });
    await tanma.POST("/api/v3/clue/get", { body: { customerId: 8 } });
    now += 1234;
    await tanma.POST("/api/v3/clue/get", { body: { customerId: 8 } });
    const [first, second] = fake.requests;
    expect(Number(second?.headers.timestamp) - Number(first?.headers.timestamp)).toBe(1234);
    expect(second?.headers.sign).not.toBe(first?.headers.sign);
    expect([first?.verdict, second?.verdict]).toEqual(["ok", "ok"]);
  });

  it("a fractional clock still sends a whole-millisecond, 13-digit timestamp", async () => {
    const now = Date.now() + 0.625;
    await client({ now: () => now }).POST("/api/v3/clue/get", { body: { customerId: 8 } });
    expect(fake.requests[0]?.headers.timestamp).toBe(String(Math.floor(now)));
    expect(fake.requests[0]?.verdict).toBe("ok");
  });

  it("the signing layer reproduces Tanma's official push test vector (same hash, parts without body)", async () => {
    // 消息推送数据格式: appId = appKey = "zc_test", version "1", timestamp 1596681164807.
    const push = {
      ...meta,
      auth: { ...meta.auth, signature: { ...meta.auth.signature, parts: ["appId", "version", "timestamp", "appKey"] } },
    };
    let sent = new Headers();
    const client = createVendorClient(
      push,
      {
        baseUrl: "http://tanma.test",
        credentials: { appId: "zc_test", appKey: "zc_test", version: "1" },
        now: () => 1596681164807,
        fetch: async (_url, init) => {
          sent = new Headers(init?.headers);
          return Response.json({ code: 0, message: "ok" });
        },
      },
      { auth: signatureAuth },
    );
    await client.request("post", "/api/v3/clue/get", { body: {} });
    expect(sent.get("sign")).toBe("317672b4685d9b8bafe1794390e31209aed5cef912683292fed94a69085919d3");
    expect(sent.get("timestamp")).toBe("1596681164807");
  });
});

describe("rejections become typed errors with the spec's meaning", () => {
  it("a body altered after signing → 1002 signature-invalid", async () => {
    const tampering: typeof fetch = (input, init) =>
      fetch(input, { ...init, body: String(init?.body).replace("张三", "李四") });
    const error = await client({ fetch: tampering })
      .POST("/api/v3/customer/search", { body: CHINESE_SEARCH })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "tanma",
      operationId: "searchCustomers",
      code: 1002,
      kind: "signature-invalid",
      meaning: "签名校验未通过",
      status: 200,
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.bytes.toString("utf8")).toContain("李四");
    expect(fake.requests[0]?.verdict).toBe("signature-invalid");
    expectNoAppKey(error);
  });

  it("a wrong appKey → 1002, without the key in the error", async () => {
    const wrongKey = "wrong-tanma-app-key-000000";
    const error = await client({ appKey: wrongKey })
      .POST("/api/v3/clue/get", { body: { customerId: 8 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ operationId: "getClue", code: 1002, kind: "signature-invalid" });
    expect(String(error)).not.toContain(wrongKey);
  });

  it.each([
    ["10 minutes behind", -10 * 60_000],
    ["10 minutes ahead", 10 * 60_000],
  ])("a clock %s → 1003 clock-skew, sent once", async (_label, offset) => {
    expect(Math.abs(offset)).toBeGreaterThan(FAKE_SKEW_WINDOW_MS);
    const error = await client({ now: () => Date.now() + offset })
      .POST("/api/v3/opportunity/config/get")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "tanma",
      operationId: "getOpportunityConfig",
      code: 1003,
      kind: "clock-skew",
      meaning: "请求时间与服务器时间相差过大，请校对时间后重新请求",
    });
    expect((error as Error).message).toMatch(
      /^\[tanma\] getOpportunityConfig: code 1003 \(请求时间与服务器时间相差过大/,
    );
    expect(fake.requests.map((r) => r.verdict)).toEqual(["clock-skew"]);
    expectNoAppKey(error);
  });

  it("a business code from the table keeps its meaning; an unknown one has none", async () => {
    fake.handle = (_req, res) => json(res, { code: 40417, message: "电话号码重复" });
    const known = await client()
      .POST("/api/v3/opportunity/update", { body: { customerOpportunityId: 1 } })
      .catch((e: unknown) => e);
    expect(known).toMatchObject({ code: 40417, meaning: "请求参数验证失败：电话号码重复", kind: undefined });
    fake.handle = (_req, res) => json(res, { code: 777, message: "未知" });
    const unknown = await client()
      .POST("/api/v3/opportunity/update", { body: { customerOpportunityId: 1 } })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ScrmApiError);
    expect(unknown).toMatchObject({ code: 777, vendorMessage: "未知", meaning: undefined });
  });
});

describe("the appKey never reaches an error or a log line", () => {
  it("a rejection echoing the appKey is redacted in the error and the debug log", async () => {
    fake.echoSecrets = true;
    const lines: string[] = [];
    const error = await client({ now: () => Date.now() - 10 * 60_000, logger: { debug: (line) => lines.push(line) } })
      .POST("/api/v3/clue/get", { body: { customerId: 8 } })
      .catch((e: unknown) => e);
    // The fake did echo it; the client masked it.
    expect(error).toMatchObject({ code: 1003, vendorMessage: expect.stringContaining("(appKey [redacted])") });
    expectNoAppKey(error);
    expect(lines).toContainEqual(expect.stringContaining("getClue"));
    for (const line of lines) expect(line).not.toContain(APP_KEY);
  });

  it("an HTML error page quoting the appKey → ScrmResponseError with the key masked", async () => {
    fake.handle = (req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><body>Bad Gateway ${String(req.headers.appkey)}</body></html>`);
    };
    // retry: false — the error's shape is what is tested here; retries are core's (with fake timers).
    const error = await client({ retry: false })
      .POST("/api/v3/clue/get", { body: { customerId: 8 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 502, operationId: "getClue" });
    expect((error as ScrmResponseError).snippet).toBe("<html><body>Bad Gateway [redacted]</body></html>");
    expectNoAppKey(error);
  });

  it("a refused connection → ScrmNetworkError naming the operation, without the appKey", async () => {
    await fake.close();
    const lines: string[] = [];
    const error = await client({ retry: false, logger: { debug: (line) => lines.push(line) } })
      .POST("/api/v2/push-register", { body: { receiveAddress: "https://example.com/p", subscription: "register" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmNetworkError);
    expect(error).toMatchObject({ vendor: "tanma", operationId: "registerPushAddress" });
    expectNoAppKey(error);
    for (const line of lines) expect(line).not.toContain(APP_KEY);
  });
});
