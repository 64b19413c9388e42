// The MSW engine behind every @scrm-openapi/<vendor>/msw, on a small synthetic vendor: seeded zh-CN data for an
// operation without an example, path templates, Prefer parsing, any-origin mocks and the store's copy semantics.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMockStore, createVendorMocks, type MockData, preferredExample } from "../src/index.js";
import { limitedMeta } from "./meta.js";

const data: MockData = {
  vendor: "fakeban",
  operations: [
    {
      operationId: "getThing",
      method: "get",
      path: "/things/{id}",
      examples: {
        success: { errcode: 0, errmsg: "ok", thing: { id: 7, name: "华东公海" } },
        notFound: { errcode: 22201 },
      },
    },
    {
      operationId: "listStaff",
      method: "post",
      path: "/staff/list",
      examples: {},
      schema: {
        type: "object",
        properties: {
          errcode: { const: 0 },
          staff: {
            type: "array",
            items: {
              type: "object",
              properties: {
                staff_name: { type: "string" },
                mobile: { type: "string" },
                corp_name: { type: "string" },
                created_at: { type: "integer" },
                level: { type: "string", enum: ["A", "B"] },
              },
            },
          },
        },
      },
    },
  ],
};
type Examples = { getThing: "success" | "notFound"; listStaff: never };
// No generated `paths` for a synthetic vendor: mocks.http is not used here.
type NoPaths = Record<string, never>;

const anywhere = createVendorMocks<NoPaths, Examples>(limitedMeta, data, { baseUrl: "*", seed: 7 });
const server = setupServer(...anywhere.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  anywhere.reset();
});
afterAll(() => server.close());

const staff = async () =>
  (
    (await (await fetch("http://any.host/staff/list", { method: "POST" })).json()) as {
      staff: Record<string, unknown>[];
    }
  ).staff;

describe("createVendorMocks", () => {
  it("answers an operation without an example with realistic zh-CN data, the same for the same seed", async () => {
    const first = await staff();
    // The seeded dataset's list length (11–49), no longer the two items of fakeFromSchema.
    expect(first.length).toBeGreaterThanOrEqual(11);
    expect(first.length).toBeLessThanOrEqual(49);
    for (const person of first) {
      expect(person.staff_name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(person.mobile).toMatch(/^1[35789]\d{9}$/);
      expect(person.corp_name).toMatch(/[\u4e00-\u9fff]/);
      expect(person.created_at).toEqual(expect.any(Number));
      expect(["A", "B"]).toContain(person.level);
    }
    anywhere.reset();
    expect(await staff()).toEqual(first);
    const other = createVendorMocks<NoPaths, Examples>(limitedMeta, data, { baseUrl: "*", seed: 8 });
    server.use(...other.handlers);
    expect(await staff()).not.toEqual(first);
  });

  it("matches path templates on any origin with baseUrl '*', and serves Prefer's example", async () => {
    const answer = await fetch("http://localhost:3000/things/42");
    // The default answer is the example made realistic (seeded data), its envelope as the example has it.
    expect(await answer.json()).toEqual({
      errcode: 0,
      errmsg: "ok",
      thing: { id: expect.any(Number), name: expect.any(String) },
    });
    const prefer = await fetch("http://localhost:3000/things/42", {
      headers: { Prefer: "code=200, example=notFound" },
    });
    expect(await prefer.json()).toEqual({ errcode: 22201 });
  });

  it("fail() builds the vendor's envelope at its codeField/messageField, with the spec's meaning", async () => {
    server.use(anywhere.fail(10053, { times: 1 }));
    expect(await (await fetch("http://x/things/1")).json()).toEqual({ errcode: 10053, errmsg: "超过频率限制" });
    expect(((await (await fetch("http://x/things/1")).json()) as { errcode: number }).errcode).toBe(0);
  });

  it("example() hands out copies", () => {
    const copy = anywhere.example("getThing") as { thing: { name: string } };
    copy.thing.name = "changed";
    expect((anywhere.example("getThing") as { thing: { name: string } }).thing.name).toBe("华东公海");
    expect(() => anywhere.example("getThing", "nope" as never)).toThrow(/no example "nope"/);
  });
});

it("preferredExample reads Prism's Prefer header", () => {
  const at = (prefer: string) => preferredExample(new Request("http://x", { headers: { Prefer: prefer } }));
  expect(at("example=rateLimited")).toBe("rateLimited");
  expect(at("code=200, example=tokenInvalid")).toBe("tokenInvalid");
  expect(at("code=404")).toBeUndefined();
});

it("a store collection keeps copies, and reset() goes back to its seed", () => {
  const store = createMockStore();
  const things = store.collection<{ id: string; tags: string[] }>("things", {
    key: (t) => t.id,
    seed: () => [{ id: "a", tags: [] }],
  });
  const added = things.insert({ id: "b", tags: ["x"] });
  added.tags.push("mutated");
  expect(things.get("b")).toEqual({ id: "b", tags: ["x"] });
  expect(things.update("b", { tags: ["y"] })).toEqual({ id: "b", tags: ["y"] });
  expect(store.collection("things", { key: () => "" })).toBe(things);
  expect(things.size).toBe(2);
  store.reset();
  expect(things.list()).toEqual([{ id: "a", tags: [] }]);
});
