// `client.request(method, path, init)`, the escape hatch for an operation the vendor publishes but the spec lacks yet
// (the ledgers' title-only entries), through each vendor's public client against a real local HTTP server standing in
// for it: the call is authenticated (query token, bearer token or signature, checked by the fake), judged by the
// vendor's envelope, retried, limited and failed with typed errors exactly as a typed call is. Success also carries
// the request id (`{ data, response, requestId }`).
import { type OkClient, ScrmApiError } from "@scrm-openapi/core";
import { createPlanyunClient, meta as planyunMeta } from "@scrm-openapi/planyun";
import { createTanmaClient, meta as tanmaMeta } from "@scrm-openapi/tanma";
import {
  APP_ID,
  APP_KEY,
  APP_SECRET,
  CORP_ID,
  FakeVendor,
  type FakeVendorMeta,
  SECRET,
  tokenSource,
} from "@scrm-openapi/testing";
import { createWeibanClient, meta as weibanMeta } from "@scrm-openapi/weiban";
import { createWeilingClient, meta as weilingMeta } from "@scrm-openapi/weiling";
import { afterEach, describe, expect, it } from "vitest";

type AnyClient = Pick<OkClient<Record<string, never>>, "request"> & { close(): Promise<void> };
/** Client options every case accepts: fast retries (1 ms backoff, no timing is asserted) and a limiter override. */
type Extra = {
  retry?: { initialDelayMs: number };
  rateLimit?: { limits: { concurrency: { max: number; scope: "corp" } } };
};

interface Case {
  vendor: string;
  meta: FakeVendorMeta & { operations: readonly { path: string }[]; limits?: object };
  /** A path the spec does not have: the ledger's own when a title-only entry names one, else a stand-in. */
  path: string;
  envelope: { codeField: string; successCode: number; messageField: string };
  client(fake: FakeVendor, extra: Extra): AnyClient;
}

const CASES: Case[] = [
  {
    vendor: "weiling",
    meta: weilingMeta,
    path: "/openapi/not-yet-in-the-spec",
    envelope: { codeField: "code", successCode: 0, messageField: "msg" },
    client: (fake, extra) => createWeilingClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: fake.url, ...extra }),
  },
  {
    vendor: "weiban",
    meta: weibanMeta,
    // specs/weiban/ledger.yaml: 导入客户信息, title-only.
    path: "/open-api/external_user/import_info",
    envelope: { codeField: "errcode", successCode: 0, messageField: "errmsg" },
    client: (fake, extra) => createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: fake.url, ...extra }),
  },
  {
    vendor: "tanma",
    meta: tanmaMeta,
    path: "/api/v3/not-yet-in-the-spec",
    envelope: { codeField: "code", successCode: 0, messageField: "message" },
    client: (fake, extra) => createTanmaClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: fake.url, ...extra }),
  },
  {
    vendor: "planyun",
    meta: planyunMeta,
    path: "/open-api/not-yet-in-the-spec",
    envelope: { codeField: "code", successCode: 0, messageField: "msg" },
    client: (fake, extra) =>
      createPlanyunClient({ baseUrl: fake.url, getAccessToken: tokenSource(fake).getAccessToken, ...extra }),
  },
];

const fakes: FakeVendor[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setUp(c: Case, extra: Extra = {}) {
  const fake = await FakeVendor.start(c.meta, { payload: { imported: 1 } });
  fakes.push(fake);
  const client = c.client(fake, { retry: { initialDelayMs: 1 }, ...extra });
  const sent = () => fake.requests.filter((r) => r.path === c.path);
  return { fake, client, sent };
}

describe.each(CASES)("$vendor: request() for an operation the spec lacks", (c) => {
  const body = { external_user_id: "wm-123", name: "张三" };

  it("is not in the spec, yet goes out authenticated and resolves with the envelope's data and the request id", async () => {
    expect(c.meta.operations.some((op) => op.path === c.path)).toBe(false);
    const { fake, client, sent } = await setUp(c);
    fake.route = (req) =>
      req.path === c.path
        ? {
            json: { [c.envelope.codeField]: c.envelope.successCode, data: { imported: 1 } },
            headers: { "x-request-id": "vendor-req-42" },
          }
        : undefined;
    const result = await client.request("POST", c.path, { body, params: { query: { dry: "1" } } });
    expect(result.data).toMatchObject({ [c.envelope.codeField]: c.envelope.successCode, data: { imported: 1 } });
    expect(result.response.status).toBe(200);
    expect(result.requestId).toBe("vendor-req-42");
    const [req] = sent();
    expect(req?.verdict).toBe("ok");
    expect(req?.method).toBe("POST");
    expect(JSON.parse(req?.body ?? "")).toEqual(body);
    expect(req?.query.get("dry")).toBe("1");
  });

  it("without the vendor's header, requestId is the client's own id for the call", async () => {
    const { client } = await setUp(c);
    const result = await client.request("GET", c.path);
    expect(result.requestId).toMatch(/^req_\S+$/);
  });

  it("a vendor code is a typed ScrmApiError naming vendor, operation (method and path) and code", async () => {
    const { fake, client, sent } = await setUp(c);
    fake.route = (req) =>
      req.path === c.path
        ? { json: { [c.envelope.codeField]: 777001, [c.envelope.messageField]: "bad field" } }
        : undefined;
    const error = await client.request("POST", c.path, { body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ vendor: c.vendor, operationId: `POST ${c.path}`, code: 777001, retryable: false });
    expect(sent()).toHaveLength(1);
  });

  it("an HTTP 429 is retried, and the retry is authenticated afresh", async () => {
    const { fake, client, sent } = await setUp(c);
    let n = 0;
    fake.route = (req) => (req.path === c.path && n++ === 0 ? { status: 429, text: "slow down" } : undefined);
    await expect(client.request("POST", c.path, { body })).resolves.toMatchObject({ response: { status: 200 } });
    expect(sent().map((r) => r.verdict)).toEqual(["ok", "ok"]);
  });

  it("a 5xx on a write is not retried (the spec cannot say it is idempotent); on a GET it is", async () => {
    const { fake, client, sent } = await setUp(c);
    fake.route = (req) => (req.path === c.path && req.method === "POST" ? { status: 503, text: "down" } : undefined);
    await expect(client.request("POST", c.path, { body })).rejects.toMatchObject({ status: 503, retryable: false });
    expect(sent()).toHaveLength(1);
    let n = 0;
    fake.route = (req) => (req.path === c.path && n++ === 0 ? { status: 503, text: "down" } : undefined);
    await client.request("GET", c.path);
    expect(sent().filter((r) => r.method === "GET")).toHaveLength(2);
  });

  // Tanma and Planyun declare no limits, so their packages carry no limiter; Weiling and Weiban do.
  it.runIf(c.meta.limits !== undefined && Object.keys(c.meta.limits).length > 0)(
    "waits for the account's concurrency limit like any call",
    async () => {
      const { fake, client, sent } = await setUp(c, {
        rateLimit: { limits: { concurrency: { max: 2, scope: "corp" } } },
      });
      fake.route = (req) => (req.path === c.path ? "hold" : undefined);
      const calls = Array.from({ length: 5 }, () => client.request("GET", c.path));
      await expect.poll(() => fake.held).toBe(2);
      expect(sent()).toHaveLength(2);
      fake.release(2);
      await expect.poll(() => sent().length).toBe(4);
      fake.release();
      await expect.poll(() => sent().length).toBe(5);
      fake.release();
      await Promise.all(calls);
      expect(fake.maxInFlight).toBe(2);
      await client.close();
    },
  );
});
