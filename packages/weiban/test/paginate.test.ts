// paginate() over Weiban's declared x-pagination shapes (offset in the query, page in the body), against a local fake
// that pages the way each spec page describes.
import { ScrmApiError } from "@scrm-openapi/core";
import { CORP_ID, FakeVendor, json, SECRET } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { createWeibanClient, meta, paginate, type Schemas } from "../src/index.js";

let fake: FakeVendor;
beforeEach(async () => {
  fake = await FakeVendor.start(meta, { recordTokenCalls: true, payload: { sea_list: [], total_count: 0 } });
});
afterEach(async () => {
  await fake.close();
});

// Weiban's limits, played at 1/100 time so the pages follow each other quickly.
const weiban = () => createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: fake.url });

const users = Array.from({ length: 250 }, (_, i) => ({ id: `wm${i}`, name: `客户${i}` }));
const pages = (path: string) => fake.requests.filter((r) => r.path === path);

/** Serves `rows` by limit/offset from the query, the way the list pages document it. */
function serveOffset(path: string, rows: unknown[], answer: (page: unknown[], offset: number) => object) {
  fake.handle = (req, res) => {
    if (req.path !== path) return json(res, { errcode: 0, errmsg: "ok" });
    const limit = Number(req.query.get("limit") ?? 10);
    const offset = Number(req.query.get("offset") ?? 0);
    json(res, { errcode: 0, errmsg: "ok", ...answer(rows.slice(offset, offset + limit), offset) });
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("offset (limit/offset in the query)", () => {
  it("walks external_user/list with its maxLimit until `total`, typed as ExternalUserSummary", async () => {
    serveOffset("/open-api/external_user/list", users, (page) => ({ total: users.length, external_user_list: page }));
    const items = paginate(weiban(), "/open-api/external_user/list", { params: { query: { order: "desc" } } });
    const all = await collect(items);
    expectTypeOf(all).toEqualTypeOf<Schemas["ExternalUserSummary"][]>();
    expect(all.map((u) => u.id)).toEqual(users.map((u) => u.id));
    const sent = pages("/open-api/external_user/list").map((r) => [r.query.get("limit"), r.query.get("offset")]);
    expect(sent).toEqual([
      ["100", "0"],
      ["100", "100"],
      ["100", "200"],
    ]);
    // The caller's own filters ride along on every page.
    expect(pages("/open-api/external_user/list").filter((r) => !(r.query.get("order") === "desc"))).toEqual([]);
  });

  it("starts from the caller's offset and limit", async () => {
    serveOffset("/open-api/external_user/list", users, (page) => ({ total: users.length, external_user_list: page }));
    const all = await collect(
      paginate(weiban(), "/open-api/external_user/list", { params: { query: { limit: 40, offset: 200 } } }),
    );
    expect(all).toHaveLength(50);
    expect(pages("/open-api/external_user/list").map((r) => r.query.get("offset"))).toEqual(["200", "240"]);
  });

  it("without total or has_more (list/outflow), stops on a short page", async () => {
    const rows = users.slice(0, 25);
    serveOffset("/open-api/external_user/list/outflow", rows, (page) => ({ external_user_list: page }));
    const all = await collect(
      paginate(weiban(), "/open-api/external_user/list/outflow", { params: { query: { limit: 10 } } }),
    );
    expect(all).toHaveLength(25);
    expect(pages("/open-api/external_user/list/outflow")).toHaveLength(3);
  });

  it("…and when the page size is the vendor's default (unknown here), on the first empty page", async () => {
    const rows = users.slice(0, 25);
    serveOffset("/open-api/external_user/list/outflow", rows, (page) => ({ external_user_list: page }));
    const all = await collect(paginate(weiban(), "/open-api/external_user/list/outflow", { params: { query: {} } }));
    expect(all).toHaveLength(25);
    expect(pages("/open-api/external_user/list/outflow").map((r) => r.query.get("offset"))).toEqual([
      "0",
      "10",
      "20",
      "25",
    ]);
  });

  it("follows data.has_more on ltc/goods/list (items under data.goods, maxLimit 50)", async () => {
    const goods = Array.from({ length: 120 }, (_, i) => ({ goods_id: `g${i}` }));
    serveOffset("/open-api/ltc/goods/list", goods, (page, offset) => ({
      data: { goods: page, total_count: goods.length, has_more: offset + page.length < goods.length },
    }));
    const all = await collect(paginate(weiban(), "/open-api/ltc/goods/list", {}));
    expectTypeOf(all).toEqualTypeOf<
      { goods_id?: string; product_number?: string; name?: string; [key: string]: unknown }[]
    >();
    expect(all).toEqual(goods);
    expect(pages("/open-api/ltc/goods/list").map((r) => r.query.get("limit"))).toEqual(["50", "50", "50"]);
  });
});

describe("page (page_no/page_size in the JSON body)", () => {
  it("walks contact/list until has_next is false, keeping the caller's page_size", async () => {
    const contacts = Array.from({ length: 45 }, (_, i) => ({ id: i, phone: `138000000${i}` }));
    fake.handle = (req, res) => {
      const { page_no, page_size } = JSON.parse(req.body) as { page_no: number; page_size: number };
      const objects = contacts.slice((page_no - 1) * page_size, page_no * page_size);
      json(res, { errcode: 0, errmsg: "ok", total_count: 45, has_next: page_no * page_size < 45, objects });
    };
    const all = await collect(paginate(weiban(), "/open-api/contact/list", { body: { page_no: 1, page_size: 20 } }));
    expect(all.map((c) => c.id)).toEqual(contacts.map((c) => c.id));
    expect(pages("/open-api/contact/list").map((r) => JSON.parse(r.body))).toEqual([
      { page_no: 1, page_size: 20 },
      { page_no: 2, page_size: 20 },
      { page_no: 3, page_size: 20 },
    ]);
  });
});

describe("options and errors", () => {
  const serveUsers = () =>
    serveOffset("/open-api/external_user/list", users, (page) => ({ total: users.length, external_user_list: page }));

  it("maxItems stops without fetching another page; maxPages caps the pages", async () => {
    serveUsers();
    expect(await collect(paginate(weiban(), "/open-api/external_user/list", {}, { maxItems: 150 }))).toHaveLength(150);
    expect(pages("/open-api/external_user/list")).toHaveLength(2);
    fake.requests.length = 0;
    expect(await collect(paginate(weiban(), "/open-api/external_user/list", {}, { maxPages: 1 }))).toHaveLength(100);
    expect(pages("/open-api/external_user/list")).toHaveLength(1);
  });

  it("breaking out of the loop fetches nothing more", async () => {
    serveUsers();
    for await (const user of paginate(weiban(), "/open-api/external_user/list", {})) {
      if (user.id === "wm5") break;
    }
    expect(pages("/open-api/external_user/list")).toHaveLength(1);
  });

  it("an abort signal stops the walk with the signal's reason", async () => {
    serveUsers();
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const user of paginate(weiban(), "/open-api/external_user/list", {}, { signal: controller.signal })) {
        seen.push(user.id ?? "");
        if (seen.length === 100) controller.abort(new Error("enough"));
      }
    })();
    await expect(walk).rejects.toThrow("enough");
    expect(pages("/open-api/external_user/list")).toHaveLength(1);
  });

  it("a failing page rejects the iterator with the typed error, after the items already yielded", async () => {
    let n = 0;
    fake.handle = (_req, res) =>
      n++ === 0
        ? json(res, { errcode: 0, errmsg: "ok", total: 250, external_user_list: users.slice(0, 100) })
        : json(res, { errcode: 10046, errmsg: "offset 非法" });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of paginate(weiban(), "/open-api/external_user/list", {})) seen.push(user.id ?? "");
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(100);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect(error).toMatchObject({ operationId: "listExternalUsers", code: 10046 });
  });

  it("only operations with x-pagination are accepted", () => {
    // @ts-expect-error listSeas declares no x-pagination
    expect(() => paginate(weiban(), "/open-api/sea/list", {})).toThrow(/declares no x-pagination/);
  });
});
