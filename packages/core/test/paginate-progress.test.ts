// paginate() on lists that never move on (issue 28: a static mock page, a vendor ignoring the page parameter): it
// stops with ScrmResponseError "no-progress" after yielding each distinct item once, whatever the page style.
import { describe, expect, it } from "vitest";
import { ScrmResponseError } from "../src/index.js";
import { createPaginate, type PaginationTable } from "../src/vendor.js";
import { fakeClient, inProcessVendor } from "./helpers.js";
import type { FakePaths } from "./metas.js";

const tables = {
  offset: {
    operationId: "listThings",
    method: "get",
    style: "offset",
    limitParam: "limit",
    offsetParam: "offset",
    itemsField: "items",
  },
  page: {
    operationId: "listThings",
    method: "get",
    style: "page",
    pageParam: "page",
    sizeParam: "size",
    itemsField: "items",
  },
  cursor: {
    operationId: "listThings",
    method: "get",
    style: "cursor",
    cursorParam: "cursor",
    cursorField: "next",
    itemsField: "items",
  },
} as const;

async function walk(style: keyof typeof tables, answer: (query: URLSearchParams) => Record<string, unknown>) {
  const vendor = inProcessVendor();
  vendor.route = (req) => ({ json: { errcode: 0, errmsg: "ok", ...answer(req.query) } });
  const paginate = createPaginate<FakePaths, PaginationTable>({ "/things": tables[style] });
  const seen: unknown[] = [];
  let error: unknown;
  try {
    for await (const item of paginate(fakeClient({ fetch: vendor.fetch }), "/things", {} as never)) seen.push(item);
  } catch (e) {
    error = e;
  }
  return { error, seen, requests: vendor.count("/things") };
}

describe("a page that makes no progress", () => {
  it.each(["offset", "page"] as const)(
    "%s style without size or total: the same page again stops the walk",
    async (style) => {
      // No page size, no total, no has-more flag: the static page reads as "continue" forever.
      const { error, seen, requests } = await walk(style, () => ({ items: [{ id: "c1" }, { id: "c2" }] }));
      expect(error).toBeInstanceOf(ScrmResponseError);
      expect(error).toMatchObject({ reason: "no-progress", operationId: "listThings" });
      expect(seen).toEqual([{ id: "c1" }, { id: "c2" }]);
      expect(requests).toBe(2);
    },
  );

  it("cursor style: the same cursor again stops the walk after its page", async () => {
    const { error, seen, requests } = await walk("cursor", (q) =>
      q.get("cursor") === null ? { items: [1], next: "A" } : { items: [2], next: "A" },
    );
    expect(error).toMatchObject({ reason: "no-progress" });
    expect(seen).toEqual([1, 2]);
    expect(requests).toBe(2);
  });

  it("pages that move on are walked to their end as before", async () => {
    const { error, seen } = await walk("page", (q) => {
      const page = Number(q.get("page"));
      return { items: page <= 3 ? [page * 10, page * 10 + 1] : [] };
    });
    expect(error).toBeUndefined();
    expect(seen).toEqual([10, 11, 20, 21, 30, 31]);
  });
});
