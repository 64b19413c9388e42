// Paging, updatedAfter and joins through the real Weiban and Weiling clients against FakeVendor (configured from each
// vendor's metadata, answering the scripted pages below over loopback HTTP), with counts, never timings.
import { type FakeRequest, FakeVendor } from "@scrm-openapi/testing";
import { createWeibanClient, meta as weibanMeta } from "@scrm-openapi/weiban";
import { mapping as weiban } from "@scrm-openapi/weiban/unified";
import { createWeilingClient, meta as weilingMeta } from "@scrm-openapi/weiling";
import { mapping as weiling } from "@scrm-openapi/weiling/unified";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Customer, createUnifiedClient, type Opportunity, type UnifiedClient } from "../src/index.js";

/** 250 customers; customer i was updated at 1_700_000_000 + i seconds. */
const customers = Array.from({ length: 250 }, (_, i) => ({
  id: `wm${String(i).padStart(4, "0")}:客户/${i}`,
  type: 1,
  name: `客户${i}`,
  created_at: 1_690_000_000 + i,
  updated_at: 1_700_000_000 + i,
}));

function weibanRoute(req: FakeRequest) {
  const q = req.query;
  const page = (list: unknown[]) => {
    const offset = Number(q.get("offset") ?? 0);
    const limit = Number(q.get("limit") ?? 30);
    return {
      json: { errcode: 0, errmsg: "ok", total: list.length, external_user_list: list.slice(offset, offset + limit) },
    };
  };
  if (req.path === "/open-api/external_user/list") return page(customers);
  if (req.path === "/open-api/external_user/update/list") {
    const since = Number(q.get("start_update_time"));
    return page(customers.filter((c) => c.updated_at >= since));
  }
  if (req.path === "/open-api/external_user/get") {
    const id = q.get("id") ?? "";
    if (id.endsWith("/1")) return { json: { errcode: 20208, errmsg: "客户不存在" } };
    const follow_staffs = [{ staff_id: "zhangsan", remark: `备注${id}`, state: "wb:1" }];
    return {
      json: { errcode: 0, errmsg: "ok", external_user: { ...customers.find((c) => c.id === id), follow_staffs } },
    };
  }
  return undefined;
}

describe("Weiban through FakeVendor", () => {
  const CORP_ID = "wwfakecorp0001";
  const SECRET = "s3cr3t-weiban-app-secret-value";
  const fake = new FakeVendor(weibanMeta, { credentials: { corp_id: CORP_ID, secret: SECRET } });
  fake.route = weibanRoute;
  let unified: UnifiedClient;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await fake.listen();
    const client = createWeibanClient({
      corpId: CORP_ID,
      secret: SECRET,
      baseUrl: server.url,
      retry: false,
      rateLimit: false,
    });
    unified = createUnifiedClient(client, weiban);
  });
  afterAll(() => server.close());

  it("pages through every customer at the page size asked for, ids round-tripping the vendor's", async () => {
    const before = fake.count("/open-api/external_user/list");
    const seen: Customer[] = [];
    for await (const customer of unified.customer.list({ pageSize: 100 })) seen.push(customer);
    expect(seen.map((c) => c.remoteId)).toEqual(customers.map((c) => c.id));
    expect(seen[3]?.id).toBe("weiban:customer:wm0003%3A%E5%AE%A2%E6%88%B7%2F3");
    const pages = fake.requests.filter((r) => r.path === "/open-api/external_user/list").slice(before);
    expect(pages.map((r) => [r.query.get("offset"), r.query.get("limit")])).toEqual([
      ["0", "100"],
      ["100", "100"],
      ["200", "100"],
    ]);
  });

  it("caps the page size at the documented maximum", async () => {
    const before = fake.count("/open-api/external_user/list");
    let n = 0;
    for await (const _ of unified.customer.list({ pageSize: 1000 })) n++;
    expect(n).toBe(250);
    const pages = fake.requests.filter((r) => r.path === "/open-api/external_user/list").slice(before);
    expect(pages.map((r) => r.query.get("limit"))).toEqual(["100", "100", "100"]);
  });

  it("filters updatedAfter on the server (seconds, source external_user) where the spec maps a filter", async () => {
    const seen: Customer[] = [];
    for await (const c of unified.customer.list({ updatedAfter: new Date(1_700_000_240_000).toISOString() }))
      seen.push(c);
    expect(seen.map((c) => c.name)).toEqual(customers.slice(240).map((c) => c.name));
    const sent = fake.requests.filter((r) => r.path === "/open-api/external_user/update/list").at(-1);
    expect([sent?.query.get("start_update_time"), sent?.query.get("source")]).toEqual(["1700000240", "external_user"]);
  });

  it("joins follow relations per customer and flags the one whose join failed as partial, with nothing filled in", async () => {
    const seen: Customer[] = [];
    for await (const c of unified.customer.list({ pageSize: 3, include: ["followRelations"] })) {
      seen.push(c);
      if (seen.length === 3) break;
    }
    expect(seen[0]?.followRelations?.[0]).toMatchObject({
      id: "weiban:followRelation:wm0000%3A%E5%AE%A2%E6%88%B7%2F0:zhangsan",
      staffId: "weiban:staff:zhangsan",
      customerId: seen[0]?.id,
      remark: `备注${customers[0]?.id}`,
    });
    expect(seen[1]).toMatchObject({
      partial: true,
      failedJoins: [{ field: "followRelations", operationId: "getExternalUser" }],
    });
    expect(seen[1]?.failedJoins?.[0]?.message).toContain("20208");
    expect(seen[1]?.followRelations).toBeUndefined();
    expect(seen[2]?.followRelations).toHaveLength(1);
  });
});

/** How the fake answers Weiling's 商机 field definitions (16.1): listed, refused, or held until released. */
let definitions: "listed" | "refused" | "hold" = "listed";
const REGION = { api_name: "region", view_name: "区域", property_type: "1" };

/** Weiling's 商机: 5 per cursor page, 12 in all; business i updated at 1_700_000_000_000 + i * 1000 ms. */
function weilingRoute(req: FakeRequest) {
  if (req.path === "/openapi/v2/custom/detail" && req.query.get("api_key") === "business") {
    if (definitions === "hold") return "hold" as const;
    if (definitions === "refused") return { json: { code: 1001, msg: "不合法的参数" } };
    return { json: { code: 0, msg: "success", data: { api_key: "business", fields: [REGION] } } };
  }
  if (req.path !== "/openapi/v2/business/get") return undefined;
  const cursor = Number((JSON.parse(req.body || "{}") as { cursor?: string }).cursor || 0);
  const list = Array.from({ length: 12 }, (_, i) => ({
    business_id: `B${i}`,
    business_name: `商机${i}`,
    update_time: 1_700_000_000_000 + i * 1000,
    business_custom: { region: "华东", unknown_key: i },
  })).slice(cursor, cursor + 5);
  const next = cursor + 5 < 12 ? String(cursor + 5) : "";
  return { json: { code: 0, msg: "success", data: { cursor: next, business_list: list } } };
}

/** A listening Weiling FakeVendor answering weilingRoute, and a Weiling client of it (no retries, no limiter). */
async function weilingFake() {
  const fake = new FakeVendor(weilingMeta, { credentials: { app_id: "wl-app", app_secret: "wl-secret" } });
  fake.route = weilingRoute;
  await fake.listen();
  const client = createWeilingClient({
    appId: "wl-app",
    appSecret: "wl-secret",
    baseUrl: fake.url,
    retry: false,
    rateLimit: false,
  });
  return { fake, client };
}

describe("Weiling through FakeVendor", () => {
  it("walks cursor pages and filters updatedAfter client-side on update_time (no server filter is documented)", async () => {
    const { fake, client } = await weilingFake();
    try {
      const unified = createUnifiedClient(client, weiling);
      expect(unified.capabilities().entities.opportunity.list).toMatchObject({ updatedAfter: "client" });
      const names: (string | undefined)[] = [];
      for await (const o of unified.opportunity.list({ updatedAfter: new Date(1_700_000_007_000).toISOString() }))
        names.push(o.name);
      expect(names).toEqual(["商机8", "商机9", "商机10", "商机11"]);
      expect(
        fake.requests.filter((r) => r.path === "/openapi/v2/business/get").map((r) => JSON.parse(r.body).cursor ?? ""),
      ).toEqual(["", "5", "10"]);
    } finally {
      await fake.close();
    }
  });

  it("resolves custom fields against the field definitions, listed once per client; a failed listing leaves the record partial and unlabelled", async () => {
    const { fake, client } = await weilingFake();
    const DETAIL = "/openapi/v2/custom/detail";
    const unlabelled = [
      { key: "region", value: "华东" },
      { key: "unknown_key", value: 1 },
    ];
    try {
      definitions = "listed";
      const unified = createUnifiedClient(client, weiling);
      const listed: Opportunity[] = [];
      for await (const o of unified.opportunity.list()) listed.push(o);
      const [one, two] = await Promise.all([
        unified.opportunity.get("weiling:opportunity:B1"),
        unified.opportunity.get("weiling:opportunity:B2"),
      ]);
      // A key the definitions lack keeps only key and value: no label is made up.
      expect(one.customFields).toEqual([{ key: "region", label: "区域", type: "1", value: "华东" }, unlabelled[1]]);
      expect(two.partial).toBeUndefined();
      expect(listed).toHaveLength(12);
      expect(listed.every((o) => o.customFields?.[0]?.label === "区域")).toBe(true);
      expect(fake.count(DETAIL)).toBe(1);

      // The listing refused: records come back partial with the values as sent; the failure is not kept.
      definitions = "refused";
      const other = createUnifiedClient(client, weiling);
      const refused = await other.opportunity.get("weiling:opportunity:B1");
      expect(refused).toMatchObject({
        partial: true,
        failedJoins: [{ field: "customFields", operationId: "getCustomObjectDescription" }],
        customFields: unlabelled,
      });
      expect(refused.failedJoins?.[0]?.message).toContain("1001");
      definitions = "listed";
      expect((await other.opportunity.get("weiling:opportunity:B1")).customFields?.[0]).toMatchObject({
        label: "区域",
      });

      // A listing that never answers ends at the client's deadline for it: the record is not held back.
      definitions = "hold";
      const slow = createUnifiedClient(client, weiling, { definitionsDeadlineMs: 50 });
      const held = await slow.opportunity.get("weiling:opportunity:B3");
      expect(held).toMatchObject({
        partial: true,
        customFields: unlabelled.map((f) => (f.key === "unknown_key" ? { ...f, value: 3 } : f)),
      });
      expect(held.failedJoins?.[0]?.message).toMatch(/deadline/i);
      expect(() => createUnifiedClient(client, weiling, { definitionsDeadlineMs: 0 })).toThrow(/definitionsDeadlineMs/);
    } finally {
      fake.release();
      definitions = "listed";
      await fake.close();
    }
  });
});
