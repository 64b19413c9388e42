// The shared runtime (packages/core) exercised through the public Planyun client against a real local HTTP server:
// options, a caller-supplied token and the request wiring (envelope and transport errors: runtime-errors.test.ts).

import { ScrmApiError } from "@scrm-openapi/core";
import { json, tokenSource } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createPlanyunClient } from "../src/index.js";
import {
  apiCalls,
  CREATE,
  client,
  createBusiness,
  expectNoTokens,
  fake,
  INFO,
  setTokens,
  tokens,
  useFakePlanyun,
} from "./runtime-setup.js";

useFakePlanyun();

describe("client options", () => {
  it("requires baseUrl: Planyun documents no API host, so nothing falls back to the docs host", () => {
    // @ts-expect-error baseUrl is required
    expect(() => createPlanyunClient({ getAccessToken: tokens.getAccessToken })).toThrow(
      '[planyun] options: option "baseUrl" is required: the spec declares no API host (its server is the docs host)',
    );
    expect(() => createPlanyunClient({ baseUrl: " ", getAccessToken: tokens.getAccessToken })).toThrow(
      expect.objectContaining({ name: "ScrmConfigError", option: "baseUrl" }),
    );
    expect(tokens.calls).toBe(0);
  });

  it("requires getAccessToken (the token endpoint is undocumented)", () => {
    // @ts-expect-error getAccessToken is required
    expect(() => createPlanyunClient({ baseUrl: fake.url })).toThrow(/option "getAccessToken" is required/);
  });

  it("keeps a path prefix of baseUrl and still names the operation in errors", async () => {
    fake.handle = (_req, res) => json(res, { code: 7, msg: "behind a gateway" });
    const error = await createBusiness(client({ baseUrl: `${fake.url}/gateway/` })).catch((e: unknown) => e);
    expect(apiCalls()).toHaveLength(0);
    expect(fake.requests.map((r) => r.path)).toEqual([`/gateway${CREATE}`]);
    expect(error).toMatchObject({ operationId: "createBusiness", code: 7 });
  });
});

describe("caller-supplied access token", () => {
  it("calls getAccessToken once for 100 concurrent calls on a cold cache and sends it as a Bearer header", async () => {
    const planyun = client();
    const results = await Promise.all(Array.from({ length: 100 }, () => createBusiness(planyun)));
    expect(tokens.calls).toBe(1);
    expect(results.filter((r) => !(r.data?.code === 0))).toEqual([]);
    expect(apiCalls()).toHaveLength(100);
    expect(new Set(apiCalls().map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${tokens.issued[0]}`]));
    expect(apiCalls().filter((r) => !(r.query.size === 0))).toEqual([]);
  });

  it("keeps a token for expiresIn minus the margin, then asks again", async () => {
    setTokens(tokenSource(fake, { expiresIn: 3600 }));
    let now = 1_000_000;
    const planyun = client({ now: () => now, tokenRefreshMarginSeconds: 300 });
    await createBusiness(planyun);
    now += (3600 - 301) * 1000;
    await createBusiness(planyun);
    expect(tokens.calls).toBe(1);
    now += 2000;
    await createBusiness(planyun);
    expect(tokens.calls).toBe(2);
    expect(apiCalls().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${tokens.issued[0]}`,
      `Bearer ${tokens.issued[0]}`,
      `Bearer ${tokens.issued[1]}`,
    ]);
  });

  it("keeps a plain string token until rejected, or for tokenTtlSeconds when set", async () => {
    let now = 1_000_000;
    const forever = client({ now: () => now });
    await createBusiness(forever);
    now += 365 * 24 * 3600 * 1000;
    await createBusiness(forever);
    expect(tokens.calls).toBe(1);

    const ttl = client({ now: () => now, tokenTtlSeconds: 600, tokenRefreshMarginSeconds: 60 });
    await createBusiness(ttl);
    expect(tokens.calls).toBe(2);
    now += 539 * 1000;
    await createBusiness(ttl);
    expect(tokens.calls).toBe(2);
    now += 2000;
    await createBusiness(ttl);
    expect(tokens.calls).toBe(3);
  });

  it("on HTTP 401 asks getAccessToken once more and replays the request once with the new token", async () => {
    const planyun = client();
    await createBusiness(planyun);
    fake.validTokens.delete(tokens.issued[0] ?? "");
    const { data } = await createBusiness(planyun);
    expect(data).toEqual({ code: 0, msg: "ok" });
    expect(tokens.calls).toBe(2);
    expect(apiCalls().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${tokens.issued[0]}`,
      `Bearer ${tokens.issued[0]}`,
      `Bearer ${tokens.issued[1]}`,
    ]);
    expect(JSON.parse(apiCalls()[2]?.body ?? "")).toEqual({ customerId: 100, userId: 500, source: 1 });
  });

  it("many concurrent calls rejected with 401 share one new token", async () => {
    const planyun = client();
    await createBusiness(planyun);
    fake.validTokens.delete(tokens.issued[0] ?? "");
    const results = await Promise.all(Array.from({ length: 20 }, () => createBusiness(planyun)));
    expect(results.filter((r) => !(r.data?.code === 0))).toEqual([]);
    expect(tokens.calls).toBe(2);
  });

  it("401 twice → ScrmApiError after one replay, never a loop, without the token", async () => {
    fake.handle = (req, res) => json(res, { code: 401, msg: `rejected ${req.headers.authorization}` }, 401);
    const lines: string[] = [];
    const error = await createBusiness(client({ logger: { debug: (line) => lines.push(line) } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "planyun",
      operationId: "createBusiness",
      code: 401,
      status: 401,
      meaning: undefined,
      kind: undefined,
    });
    expect((error as ScrmApiError).vendorMessage).toBe("rejected Bearer [redacted]");
    expect(tokens.calls).toBe(2);
    expect(apiCalls()).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringContaining("token rejected (401)"));
    expectNoTokens(error, lines);
  });

  // Planyun documents no body for a rejected token; a bare RFC 6750 401 must count as a rejection too.
  it("a bare 401 (WWW-Authenticate: Bearer, empty body) is also refreshed and replayed once", async () => {
    const planyun = client();
    await createBusiness(planyun);
    fake.validTokens.delete(tokens.issued[0] ?? "");
    fake.unauthorized = (_req, res) => {
      res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' });
      res.end();
    };
    const { data } = await createBusiness(planyun);
    expect(data?.code).toBe(0);
    expect(tokens.calls).toBe(2);
  });

  it("getAccessToken failing → the caller gets that same error, unwrapped; nothing is sent or cached", async () => {
    const failure = new Error("token service down");
    let clock = Date.now();
    let calls = 0;
    const getAccessToken = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (calls === 1) throw failure;
      return tokens.getAccessToken();
    };
    const planyun = client({ getAccessToken, now: () => clock, retry: false });
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => createBusiness(planyun).catch((e: unknown) => e)),
    );
    expect(errors.filter((e) => !(e === failure))).toEqual([]);
    expect(calls).toBe(1);
    expect(fake.requests).toHaveLength(0);
    // The failure is shared for a short back-off (1 s), as a success would be: no second request meanwhile.
    await expect(createBusiness(planyun)).rejects.toBe(failure);
    expect(calls).toBe(1);
    clock += 1000;
    const { data } = await createBusiness(planyun);
    expect(data?.code).toBe(0);
    expect(calls).toBe(2);
  });

  it("getAccessToken failing on the refresh after a 401 → that error, unwrapped", async () => {
    const failure = new Error("refresh denied");
    let first = true;
    const planyun = client({
      getAccessToken: async () => {
        if (!first) throw failure;
        first = false;
        return tokens.getAccessToken();
      },
    });
    await createBusiness(planyun);
    fake.validTokens.clear();
    await expect(createBusiness(planyun)).rejects.toBe(failure);
    expect(apiCalls()).toHaveLength(2);
  });
});

describe("request wiring", () => {
  it("POSTs the typed body as JSON", async () => {
    const body = {
      lineId: 10,
      processId: 10,
      nextTime: { scheduleName: "xx日程", nextContactTime: "2024-08-08T14:00:00Z" },
      prospectId: 200,
      prospectFollowLineId: 300,
      source: 3 as const,
    };
    await client().POST(CREATE, { body });
    expect(apiCalls()[0]?.method).toBe("POST");
    expect(JSON.parse(apiCalls()[0]?.body ?? "")).toEqual(body);
  });

  it("get-customer-info-extend: undocumented query parameters go through querySerializer verbatim", async () => {
    fake.handle = (req, res) => json(res, { code: 0, msg: "ok", echo: req.query.get("your_param") });
    const { data } = await client().GET(INFO, { querySerializer: () => "your_param=a%26b" });
    expect(data).toEqual({ code: 0, msg: "ok", echo: "a&b" });
    const seen = fake.requests.find((r) => r.path === INFO);
    expect(seen?.method).toBe("GET");
    expect(seen?.headers.authorization).toBe(`Bearer ${tokens.issued[0]}`);
  });
});
