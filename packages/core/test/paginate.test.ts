// paginate() on a cursor list whose cursors loop: it stops with a typed error instead of walking forever.
import { describe, expect, it } from "vitest";
import { ScrmResponseError } from "../src/index.js";
import { createPaginate } from "../src/vendor.js";
import { fakeClient, inProcessVendor, rejection } from "./helpers.js";
import type { FakePaths } from "./metas.js";

const paginate = createPaginate<
  FakePaths,
  {
    "/things": {
      operationId: "listThings";
      method: "get";
      style: "cursor";
      cursorParam: "cursor";
      cursorField: "next";
      itemsField: "items";
    };
  }
>({
  "/things": {
    operationId: "listThings",
    method: "get",
    style: "cursor",
    cursorParam: "cursor",
    cursorField: "next",
    itemsField: "items",
  },
});

const pages = (answers: Record<string, { items: number[]; next: string }>) => {
  const vendor = inProcessVendor();
  vendor.route = (req) => {
    const page = answers[req.query.get("cursor") ?? ""];
    return page ? { json: { errcode: 0, errmsg: "ok", ...page } } : undefined;
  };
  return vendor;
};

async function collect(iterator: AsyncIterable<unknown>) {
  const items: unknown[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe("cursor pagination", () => {
  it("walks until the cursor comes back empty", async () => {
    const vendor = pages({ "": { items: [1, 2], next: "B" }, B: { items: [3], next: "" } });
    const items = await collect(paginate(fakeClient({ fetch: vendor.fetch }), "/things", {}));
    expect(items).toEqual([1, 2, 3]);
  });

  it("a cursor cycle (A → B → A) is detected and stopped with ScrmResponseError cursor-cycle", async () => {
    const vendor = pages({ "": { items: [1], next: "A" }, A: { items: [2], next: "B" }, B: { items: [3], next: "A" } });
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of paginate(fakeClient({ fetch: vendor.fetch }), "/things", {})) seen.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ reason: "cursor-cycle", operationId: "listThings", vendor: "fakeban" });
    expect(seen).toEqual([1, 2, 3]);
    expect(vendor.count("/things")).toBe(3);
  });
});
