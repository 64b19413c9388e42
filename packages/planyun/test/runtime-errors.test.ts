// The shared runtime through the public Planyun client against a real local HTTP server: envelope and transport
// errors, typed and without a token in any text.

import { ScrmApiError, ScrmNetworkError, ScrmResponseError } from "@scrm-openapi/core";
import { json } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { client, createBusiness, expectNoTokens, fake, INFO, tokens, useFakePlanyun } from "./runtime-setup.js";

useFakePlanyun();

describe("envelope and transport errors", () => {
  it("a non-zero code becomes ScrmApiError naming vendor, operation and code, with no meaning (none documented)", async () => {
    fake.handle = (_req, res) => json(res, { code: 40010, msg: "商机阶段不存在" });
    const error = await createBusiness().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({
      vendor: "planyun",
      operationId: "createBusiness",
      code: 40010,
      vendorMessage: "商机阶段不存在",
      meaning: undefined,
      kind: undefined,
      status: 200,
    });
    expect((error as Error).message).toBe("[planyun] createBusiness: code 40010: 商机阶段不存在");
    expect((error as ScrmApiError).requestId).toMatch(/^req_/);
    expect(tokens.calls).toBe(1);
  });

  it('code "0" is success too, and a JSON body without code is not', async () => {
    fake.handle = (_req, res) => json(res, { code: "0", msg: "ok" });
    expect((await client().GET(INFO)).data?.msg).toBe("ok");
    fake.handle = (_req, res) => json(res, { msg: "ok" });
    const error = await client()
      .GET(INFO)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ operationId: "getCustomerInfoExtend", reason: "not-envelope" });
  });

  it("an HTML 502 becomes ScrmResponseError with a short snippet, token masked", async () => {
    fake.handle = (req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><body>Bad Gateway ${req.token}</body></html>${"-".repeat(1000)}`);
    };
    const error = await createBusiness().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 502, contentType: "text/html", operationId: "createBusiness" });
    expect((error as ScrmResponseError).snippet).toMatch(/^<html><body>Bad Gateway \[redacted\]<\/body>/);
    expect((error as ScrmResponseError).snippet.length).toBeLessThanOrEqual(200);
    expectNoTokens(error);
  });

  it("an empty 200 body is a response error, never data", async () => {
    fake.handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("");
    };
    const error = await createBusiness().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect((error as Error).message).toMatch(/empty answer \(HTTP 200/);
  });

  it("a refused connection becomes ScrmNetworkError naming the operation", async () => {
    await fake.close();
    // retry: false — the error's shape is what is tested here; retries are core's (with fake timers).
    const error = await createBusiness(client({ retry: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmNetworkError);
    expect(error).toMatchObject({ vendor: "planyun", operationId: "createBusiness" });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expectNoTokens(error);
  });

  it("debug logs name the operation but never the token", async () => {
    const lines: string[] = [];
    fake.handle = (req, res) => json(res, { code: 500, msg: `failed for ${req.headers.authorization}` });
    const error = await createBusiness(client({ logger: { debug: (line) => lines.push(line) } })).catch(
      (e: unknown) => e,
    );
    expect((error as ScrmApiError).vendorMessage).toBe("failed for Bearer [redacted]");
    expect(lines).toContainEqual(expect.stringContaining("createBusiness"));
    expectNoTokens(error, lines);
  });
});
