// What the handlers refuse before any example or store sees a request, on a small synthetic vendor in Node
// (setupServer): Prefer names that only exist on Object.prototype, bodies that are not JSON, too large or too deep,
// missing credentials (401 naming them) and requests the spec does not allow (Prism's 422 and its words).
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVendorMocks, type MockData } from "../src/index.js";
import { limitedMeta } from "./meta.js";

const data: MockData = {
  vendor: "fakeban",
  securitySchemes: {
    AccessToken: { type: "apiKey", in: "query", name: "access_token" },
    AppKey: { type: "apiKey", in: "header", name: "appKey" },
  },
  security: [["AccessToken"]],
  schemas: {
    Thing: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", maxLength: 8 }, stage: { type: "integer", enum: [1, 2] } },
    },
  },
  operations: [
    {
      operationId: "getThing",
      method: "get",
      path: "/things/{id}",
      examples: { success: { errcode: 0, thing: { id: 7 } }, notFound: { errcode: 22201 } },
      request: {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer" } },
          { name: "limit", in: "query", schema: { type: "integer", maximum: 50 } },
        ],
      },
    },
    {
      operationId: "createThing",
      method: "post",
      path: "/thing/create",
      examples: { success: { errcode: 0 } },
      request: { body: { required: true, schema: { $ref: "#/components/schemas/Thing" } } },
    },
    {
      operationId: "signedCall",
      method: "post",
      path: "/signed",
      examples: { success: { errcode: 0 } },
      security: [["AppKey"]],
    },
  ],
};

type Examples = { getThing: "success" | "notFound"; createThing: "success"; signedCall: "success" };
type NoPaths = Record<string, never>;

// A stateful handler like the vendors' own: what it stores, a later list would show.
const created: unknown[] = [];
const mocks = createVendorMocks<NoPaths, Examples>(limitedMeta, data, { baseUrl: "*", maxBodyBytes: 4096 }, (ctx) => [
  ctx.http.untyped.post("*/thing/create", async ({ request }) => {
    created.push(await request.json());
    return HttpResponse.json({ errcode: 0 });
  }),
]);
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  created.length = 0;
});
afterAll(() => server.close());

const T = "access_token=t";
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`http://mock.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
const problem = async (response: Response) => ({ status: response.status, body: await response.json() });

describe("Prefer: example=<name> looks at the operation's own examples only", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("%s is Prism's 404", async (name) => {
    const answer = await fetch(`http://mock.test/things/1?${T}`, { headers: { Prefer: `example=${name}` } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ status: 404, detail: expect.stringContaining(`exampleKey: ${name}`) });
  });

  it("scenario() and example() do not find them either", async () => {
    server.use(mocks.scenario("constructor" as never));
    // Not the example's shape by name: the default (seeded) answer, shaped like the example.
    expect(await (await fetch(`http://mock.test/things/1?${T}`)).json()).toEqual({
      errcode: 0,
      thing: { id: expect.any(Number) },
    });
    expect(() => mocks.example("getThing", "toString" as never)).toThrow(/no example "toString"/);
  });
});

describe("bodies", () => {
  it("malformed JSON is a 400 and reaches no handler", async () => {
    const answer = await post(`/thing/create?${T}`, '{"name": "x",');
    expect(await problem(answer)).toEqual({
      status: 400,
      body: { error: { code: "invalid_json", message: "Invalid JSON" } },
    });
    expect(created).toEqual([]);
  });

  it("a body over maxBodyBytes is a 413, whether or not it says its length", async () => {
    const big = JSON.stringify({ name: "x".repeat(5000) });
    expect((await post(`/thing/create?${T}`, big)).status).toBe(413);
    const streamed = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const answer = await fetch(`http://mock.test/thing/create?${T}`, {
      method: "POST",
      body: streamed,
      duplex: "half",
    } as RequestInit);
    expect(await problem(answer)).toMatchObject({
      status: 413,
      body: { type: "urn:scrm-openapi:mock:body-too-large", detail: expect.stringContaining("at most 4096 bytes") },
    });
    expect(created).toEqual([]);
  });

  it("10,000 nested arrays in 20 KB are a 422 naming the depth cap, answered without parsing", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const answer = await fetch(`http://mock.test/thing/create?${T}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: deep,
    });
    expect(answer.status).toBe(413); // 20 KB is over this mock's 4 KB cap…
    const roomy = createVendorMocks<NoPaths, Examples>(limitedMeta, data, { baseUrl: "*" });
    server.use(...roomy.handlers);
    const refused = await problem(await post(`/thing/create?${T}`, deep)); // …and under the default 1 MiB
    expect(refused).toMatchObject({
      status: 422,
      body: {
        type: "urn:scrm-openapi:mock:body-too-deep",
        detail: "The JSON body nests deeper than 64 levels of arrays and objects, the most the mock accepts.",
      },
    });
  });

  it("bad caps are refused when the mocks are created", () => {
    for (const maxBodyBytes of [0, -1, Number.NaN, 1.5]) {
      expect(() => createVendorMocks(limitedMeta, data, { maxBodyBytes })).toThrow(/maxBodyBytes must be a positive/);
    }
  });
});

describe("credentials and the spec, as Prism checks them", () => {
  it("401 names the missing query parameter or header, as pnpm mock does", async () => {
    const noToken = await problem(await fetch("http://mock.test/things/1"));
    expect(noToken).toEqual({
      status: 401,
      body: {
        type: "https://stoplight.io/prism/errors#UNAUTHORIZED",
        title: "Missing query parameter access_token",
        status: 401,
        detail: "GET /things/1 requires query parameter access_token; this request lacks query parameter access_token.",
        missing: [{ in: "query", name: "access_token", scheme: "AccessToken" }],
      },
    });
    const noKey = await problem(await post("/signed", "{}"));
    expect(noKey.body.title).toBe("Missing header appKey");
    expect((await post("/signed", "{}", { appKey: "k" })).status).toBe(200);
  });

  it("422 lists every violation in Prism's words; nothing reaches the store", async () => {
    const body = await problem(
      await post(`/thing/create?${T}`, JSON.stringify({ name: "很长很长很长的名字", stage: 3 })),
    );
    expect(body.status).toBe(422);
    expect(body.body.validation).toEqual([
      {
        location: ["body", "name"],
        severity: "Error",
        code: "maxLength",
        message: "Request body property name must NOT have more than 8 characters",
      },
      {
        location: ["body", "stage"],
        severity: "Error",
        code: "enum",
        message: "Request body property stage must be equal to one of the allowed values: 1, 2",
      },
    ]);
    const missing = await problem(await post(`/thing/create?${T}`, ""));
    expect(missing.body.validation).toEqual([
      { severity: "Error", code: "required", message: "Body parameter is required" },
    ]);
    expect(created).toEqual([]);
    expect((await post(`/thing/create?${T}`, JSON.stringify({ name: "华东", stage: 1 }))).status).toBe(200);
    expect(created).toEqual([{ name: "华东", stage: 1 }]);
  });

  it("path and query parameters are coerced from strings, then checked", async () => {
    expect((await fetch(`http://mock.test/things/12?${T}&limit=20`)).status).toBe(200);
    const bad = await problem(await fetch(`http://mock.test/things/abc?${T}&limit=99`));
    // In Prism's order (body, headers, query, path), as tools/mock's parity test holds both to.
    expect(bad.body.validation.map((v: { message: string }) => v.message)).toEqual([
      "Request query parameter limit must be <= 50",
      "Request path parameter id must be integer",
    ]);
  });

  it("validate: false lets everything through to the handlers", async () => {
    server.use(...createVendorMocks<NoPaths, Examples>(limitedMeta, data, { baseUrl: "*", validate: false }).handlers);
    expect((await fetch("http://mock.test/things/abc")).status).toBe(200);
  });
});
