// paginate() over Tanma's lists — cursor in the body with `data.nextCursor`, and pageNo/pageSize in the body with or
// without a total — against the local fake that checks every page's signature.

import { APP_ID, APP_KEY, FakeVendor, json } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { createTanmaClient, meta, paginate, type Schemas } from "../src/index.js";

let fake: FakeVendor;
beforeEach(async () => {
  fake = await FakeVendor.start(meta);
});
afterEach(async () => {
  await fake.close();
});

const tanma = () => createTanmaClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: fake.url });
const bodies = (path: string) =>
  fake.requests
    .filter((r) => r.path === path)
    .map((r) => JSON.parse(r.bytes.toString("utf8")) as Record<string, unknown>);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("cursor in the body, data.nextCursor out", () => {
  it("walks clue/list-by-create-time-asc until nextCursor is null; every page is signed", async () => {
    const clues = Array.from({ length: 7 }, (_, i) => ({ clueId: i }));
    fake.handle = (req, res) => {
      const { cursor, size } = JSON.parse(req.bytes.toString("utf8")) as { cursor?: string; size: number };
      const from = cursor === undefined ? 0 : Number(cursor.slice(4));
      const list = clues.slice(from, from + size);
      const next = from + size < clues.length ? `pos-${from + size}` : null;
      json(res, { code: 0, message: "ok", data: { list, nextCursor: next } });
    };
    const all = await collect(
      paginate(tanma(), "/api/v3/clue/list-by-create-time-asc", { body: { since: "2024-01-01", size: 3 } }),
    );
    expectTypeOf(all).toEqualTypeOf<Schemas["Clue"][]>();
    expect(all).toEqual(clues);
    expect(bodies("/api/v3/clue/list-by-create-time-asc")).toEqual([
      { since: "2024-01-01", size: 3 },
      { since: "2024-01-01", size: 3, cursor: "pos-3" },
      { since: "2024-01-01", size: 3, cursor: "pos-6" },
    ]);
    expect(fake.requests.filter((r) => !(r.verdict === "ok"))).toEqual([]);
  });
});

describe("pageNo/pageSize in the body", () => {
  const customers = Array.from({ length: 25 }, (_, i) => ({ customerId: i }));
  const page = (body: Buffer) => {
    const { pageNo, pageSize } = JSON.parse(body.toString("utf8")) as { pageNo: number; pageSize: number };
    return customers.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  };

  it("walks qw-list-by-create-time until data.totalCount is reached (no empty last page)", async () => {
    fake.handle = (req, res) =>
      json(res, { code: 0, message: "ok", data: { totalCount: customers.length, result: page(req.bytes) } });
    const all = await collect(
      paginate(tanma(), "/api/v2/customer/qw-list-by-create-time", { body: { pageSize: 10, pageNo: 1 } }),
    );
    expect(all).toEqual(customers);
    expect(bodies("/api/v2/customer/qw-list-by-create-time").map((b) => b.pageNo)).toEqual([1, 2, 3]);
  });

  it("without a total (customer/search), stops on a short page", async () => {
    fake.handle = (req, res) => json(res, { code: 0, message: "ok", data: { totalPage: 3, data: page(req.bytes) } });
    const all = await collect(
      paginate(tanma(), "/api/v3/customer/search", { body: { searchKey: "张", pageSize: 10 } }),
    );
    expect(all).toEqual(customers);
    // pageNo starts at 1 (the spec: 1-based) when the caller gives none.
    expect(bodies("/api/v3/customer/search")).toEqual([
      { searchKey: "张", pageSize: 10, pageNo: 1 },
      { searchKey: "张", pageSize: 10, pageNo: 2 },
      { searchKey: "张", pageSize: 10, pageNo: 3 },
    ]);
  });
});
