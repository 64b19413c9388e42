// What one HTTP exchange can turn into: every answer a vendor (or something pretending to be one) can give becomes a
// success or a typed error — against real local HTTP servers.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { errorTexts, listenLocal } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { ScrmApiError, ScrmNetworkError, ScrmResponseError } from "../src/index.js";
import { fakeClient, httpVendor, rejection, SECRET } from "./helpers.js";

const raw = async (handler: Parameters<typeof createServer>[1]) => {
  const server = await listenLocal(createServer(handler));
  return server;
};

describe("envelopes", () => {
  it("a success envelope resolves with the parsed body and the raw response", async () => {
    const vendor = await httpVendor();
    vendor.route = () => ({ json: { errcode: 0, errmsg: "ok", items: [{ id: 1 }] } });
    const { data, response } = await fakeClient({ baseUrl: vendor.url }).GET("/things");
    expect(data).toEqual({ errcode: 0, errmsg: "ok", items: [{ id: 1 }] });
    expect(response.status).toBe(200);
  });

  it("a non-success code becomes ScrmApiError with the meaning and kind from the spec", async () => {
    const vendor = await httpVendor();
    vendor.route = () => ({ json: { errcode: 22201, errmsg: "未找到商机记录" }, headers: { "x-request-id": "rq-1" } });
    const error = await rejection(fakeClient({ baseUrl: vendor.url }).GET("/things"));
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "fakeban",
      operationId: "listThings",
      code: 22201,
      meaning: "未找到记录",
      vendorMessage: "未找到商机记录",
      status: 200,
      requestId: "rq-1",
      retryable: false,
    });
    expect((error as Error).message).toBe("[fakeban] listThings: code 22201 (未找到记录): 未找到商机记录");
  });

  it("a code outside the spec's table is still an ApiError, with no meaning", async () => {
    const vendor = await httpVendor();
    vendor.route = () => ({ json: { errcode: 99999, errmsg: "新错误" } });
    const error = await rejection(fakeClient({ baseUrl: vendor.url }).GET("/things"));
    expect(error).toMatchObject({ code: 99999, meaning: undefined, kind: undefined });
  });

  it("a vendor message of 3 MB is cut to 500 characters in the error", async () => {
    const vendor = await httpVendor();
    vendor.route = () => ({ json: { errcode: 22201, errmsg: "错".repeat(1_000_000) } });
    const error = (await rejection(
      fakeClient({ baseUrl: vendor.url, maxResponseBytes: 50_000_000 }).GET("/things"),
    )) as ScrmApiError;
    expect(error.vendorMessage).toHaveLength(501);
    expect(error.message.length).toBeLessThan(600);
  });
});

describe("answers that are not a usable envelope", () => {
  const cases: [string, (res: import("node:http").ServerResponse) => void, ScrmResponseError["reason"], number][] = [
    [
      "HTML 502",
      (res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>"),
      "http-status",
      502,
    ],
    ["empty 200", (res) => res.writeHead(200).end(), "empty", 200],
    ["not JSON", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"), "not-json", 200],
    ["JSON without the code field", (res) => res.writeHead(200).end('{"data":[]}'), "not-envelope", 200],
    ["code 0 on HTTP 500", (res) => res.writeHead(500).end('{"errcode":0,"errmsg":"ok"}'), "http-status", 500],
    ["HTTP status 999", (res) => res.writeHead(999).end("?"), "http-status", 999],
  ];
  for (const [name, answer, reason, status] of cases) {
    it(`${name} → ScrmResponseError "${reason}"`, async () => {
      const server = await raw((req, res) => {
        if (req.url?.startsWith("/token")) return res.end(JSON.stringify({ errcode: 0, access_token: "tok-123456" }));
        answer(res);
      });
      try {
        const error = await rejection(fakeClient({ baseUrl: server.url, retry: false }).GET("/things"));
        expect(error).toBeInstanceOf(ScrmResponseError);
        expect(error).toMatchObject({ reason, status, operationId: "listThings" });
      } finally {
        await server.close();
      }
    });
  }

  it("a 5xx on a read is retryable, on a write it is not (it may have been processed)", async () => {
    const server = await raw((req, res) => {
      if (req.url?.startsWith("/token")) return res.end(JSON.stringify({ errcode: 0, access_token: "tok-123456" }));
      res.writeHead(503).end("busy");
    });
    try {
      const vendor = fakeClient({ baseUrl: server.url, retry: false });
      expect(await rejection(vendor.GET("/things"))).toMatchObject({ status: 503, retryable: true });
      expect(await rejection(vendor.POST("/thing/create", { body: {} }))).toMatchObject({
        status: 503,
        retryable: false,
      });
    } finally {
      await server.close();
    }
  });

  it("a mock's 422 lists each violation (location and message) in the error", async () => {
    const vendor = await httpVendor();
    vendor.route = () => ({
      status: 422,
      headers: { "content-type": "application/problem+json" },
      json: {
        type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
        title: "Invalid request",
        status: 422,
        detail:
          "Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.",
        validation: [
          {
            location: ["body", "stage"],
            severity: "Error",
            code: "maximum",
            message: "Request body property stage must be <= 100",
          },
          {
            location: ["query", "limit"],
            severity: "Error",
            code: "type",
            message: "Request query parameter limit must be integer",
          },
        ],
      },
    });
    const error = (await rejection(fakeClient({ baseUrl: vendor.url }).GET("/things"))) as ScrmResponseError;
    expect(error.violations).toEqual([
      { location: "body.stage", message: "Request body property stage must be <= 100" },
      { location: "query.limit", message: "Request query parameter limit must be integer" },
    ]);
    expect(error.message).toContain("body.stage: Request body property stage must be <= 100");
  });
});

describe("size bounds", () => {
  it("an answer over maxResponseBytes (declared length) is refused before it is read", async () => {
    const vendor = await httpVendor();
    vendor.route = () => ({ text: "x".repeat(2048) });
    const error = await rejection(fakeClient({ baseUrl: vendor.url, maxResponseBytes: 1024 }).GET("/things"));
    expect(error).toMatchObject({ reason: "too-large" });
  });

  it("a gzip bomb is stopped at maxResponseBytes of decompressed data", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 32)); // 64 MiB of spaces in ~64 KiB
    const server = await raw((req, res) => {
      if (req.url?.startsWith("/token")) return res.end(JSON.stringify({ errcode: 0, access_token: "tok-123456" }));
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": bomb.length,
      });
      res.end(bomb);
    });
    try {
      const error = await rejection(fakeClient({ baseUrl: server.url, retry: false }).GET("/things"));
      expect(error).toMatchObject({ reason: "too-large" });
    } finally {
      await server.close();
    }
  });

  it("a chunked answer without a length is counted as it arrives", async () => {
    const server = await raw((req, res) => {
      if (req.url?.startsWith("/token")) return res.end(JSON.stringify({ errcode: 0, access_token: "tok-123456" }));
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 64; i++) res.write("x".repeat(1024));
      res.end();
    });
    try {
      const error = await rejection(fakeClient({ baseUrl: server.url, maxResponseBytes: 16 * 1024 }).GET("/things"));
      expect(error).toMatchObject({ reason: "too-large" });
    } finally {
      await server.close();
    }
  });
});

describe("redirects", () => {
  it("never follows a redirect to another origin: the other host sees nothing and the call fails typed", async () => {
    let leaked = 0;
    const elsewhere = await raw((_req, res) => {
      leaked++;
      res.end("{}");
    });
    const vendor = await httpVendor();
    vendor.route = (req) =>
      req.path === "/thing/create"
        ? { status: 307, headers: { location: `${elsewhere.url}/steal` }, text: "" }
        : undefined;
    try {
      const client = fakeClient({ baseUrl: vendor.url });
      const error = await rejection(client.POST("/thing/create", { body: { name: "x" } }));
      expect(error).toBeInstanceOf(ScrmResponseError);
      expect(error).toMatchObject({ reason: "redirect", status: 307, operationId: "createThing" });
      expect((error as Error).message).toContain(new URL(elsewhere.url).origin);
      expect(leaked).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("follows a redirect within the vendor's origin, keeping the body on 307", async () => {
    const vendor = await httpVendor();
    vendor.route = (req) =>
      req.path === "/thing/create"
        ? { status: 307, headers: { location: "/thing/update" }, text: "" }
        : { json: { errcode: 0, errmsg: "ok", echoed: req.body } };
    const { data } = await fakeClient({ baseUrl: vendor.url }).POST("/thing/create", { body: { name: "x" } });
    expect(data).toMatchObject({ echoed: '{"name":"x"}' });
    expect(vendor.count("/thing/update")).toBe(1);
  });
});

describe("network errors", () => {
  it("a refused connection is a retryable ScrmNetworkError naming the operation and never the secret", async () => {
    const { unusedPort } = await import("@scrm-openapi/testing");
    const port = await unusedPort();
    const error = await rejection(fakeClient({ baseUrl: `http://127.0.0.1:${port}`, retry: false }).GET("/things"));
    expect(error).toBeInstanceOf(ScrmNetworkError);
    expect(error).toMatchObject({ operationId: "getAccessToken", retryable: true });
    for (const text of errorTexts(error)) expect(text).not.toContain(SECRET);
  });
});
