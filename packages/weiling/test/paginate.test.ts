// paginate() over Weiling's cursor lists (cursor in the query or the JSON body; `data.cursor`, or `data.cusor` as one
// page spells it), against a local fake that pages the way the spec describes: an empty cursor means the end.
import { APP_ID, APP_SECRET, FakeVendor, json } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { createWeilingClient, meta, paginate, type Schemas } from "../src/index.js";

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

const weiling = () => createWeilingClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: fake.url });
const pages = (path: string) => fake.requests.filter((r) => r.path === path && r.path !== TOKEN_PATH);

/** Three pages of `rows` behind opaque cursors; the last answer carries an empty cursor. */
const book = <T>(rows: T[]) => ({
  "": rows.slice(0, 2),
  "c-2": rows.slice(2, 4),
  "c-3": rows.slice(4),
});
const nextCursor: Record<string, string> = { "": "c-2", "c-2": "c-3", "c-3": "" };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("cursor in the query", () => {
  it("walks clue/list: no cursor on the first call, then data.cursor until it comes back empty", async () => {
    const clues = Array.from({ length: 5 }, (_, i) => ({ clue_id: `clue-${i}` }));
    const byCursor = book(clues);
    fake.handle = (req, res) => {
      const cursor = (req.query.get("cursor") ?? "") as keyof typeof byCursor;
      json(res, { code: 0, msg: "success", data: { cursor: nextCursor[cursor], clue_list: byCursor[cursor] } });
    };
    const all = await collect(paginate(weiling(), "/openapi/clue/list", { params: { query: { owner_id: "u1" } } }));
    expectTypeOf(all).toEqualTypeOf<Schemas["Clue"][]>();
    expect(all).toEqual(clues);
    const sent = pages("/openapi/clue/list").map((r) => r.query);
    expect(sent.map((q) => q.get("cursor"))).toEqual([null, "c-2", "c-3"]);
    expect(sent.filter((q) => !(q.get("owner_id") === "u1"))).toEqual([]);
  });

  it("follows progress/list's `data.cusor` (sic), starting from the caller's empty cursor", async () => {
    const progress = Array.from({ length: 5 }, (_, i) => ({ id: `p-${i}` }));
    const byCursor = book(progress);
    fake.handle = (req, res) => {
      const cursor = (req.query.get("cursor") ?? "") as keyof typeof byCursor;
      json(res, { code: 0, msg: "success", data: { cusor: nextCursor[cursor], progress_list: byCursor[cursor] } });
    };
    const all = await collect(
      paginate(weiling(), "/openapi/progress/list", { params: { query: { id: "o1", type: 7, cursor: "" } } }),
    );
    expect(all).toEqual(progress);
    expect(pages("/openapi/progress/list").map((r) => r.query.get("cursor"))).toEqual(["", "c-2", "c-3"]);
  });

  it("stops when the vendor hands back the cursor it was given, instead of looping", async () => {
    fake.handle = (_req, res) =>
      json(res, { code: 0, msg: "success", data: { cursor: "stuck", contact_list: [{ contact_id: "c" }] } });
    // The first page's cursor leads to the same page: its items are yielded once, then a typed error (issue 28).
    const all: unknown[] = [];
    const error = await (async () => {
      for await (const item of paginate(weiling(), "/openapi/contact/list", { params: { query: {} } })) all.push(item);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ScrmResponseError", reason: "no-progress" });
    expect(all).toHaveLength(1);
    expect(pages("/openapi/contact/list")).toHaveLength(2);
  });
});

describe("cursor in the JSON body", () => {
  it("walks v2/business/get, sending the cursor in the body next to the caller's fields", async () => {
    const businesses = Array.from({ length: 5 }, (_, i) => ({ business_id: `b-${i}` }));
    const byCursor = book(businesses);
    fake.handle = (req, res) => {
      const cursor = ((JSON.parse(req.body) as { cursor?: string }).cursor ?? "") as keyof typeof byCursor;
      json(res, { code: 0, msg: "success", data: { cursor: nextCursor[cursor], business_list: byCursor[cursor] } });
    };
    const all = await collect(paginate(weiling(), "/openapi/v2/business/get", { body: { user_id: "u1" } }));
    expect(all).toEqual(businesses);
    expect(pages("/openapi/v2/business/get").map((r) => JSON.parse(r.body))).toEqual([
      { user_id: "u1" },
      { user_id: "u1", cursor: "c-2" },
      { user_id: "u1", cursor: "c-3" },
    ]);
  });
});
