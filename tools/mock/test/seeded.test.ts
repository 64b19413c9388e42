// The seeded data of both mock modes, through the real clients over HTTP: `pnpm mock` (Prism behind its front) and
// `pnpm mock --msw` (the MSW handlers) answer the same records; every paginated operation pages to its end with a
// short last page and the total the answer states; what a list holds, the get operation finds by id; no default
// answer holds a doc placeholder; `Prefer: example=<name>` still answers the doc example.
import type { MockOperation } from "@scrm-openapi/msw";
import type { ExampleCase } from "@scrm-openapi/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MockServer } from "../src/index.js";
import { startMswServers } from "../src/msw-http.js";
import {
  bodyTakesList,
  type Client,
  entityOps,
  firstPage,
  getAt,
  loadKit,
  placeholders,
  requestOf,
  VENDORS,
  type Vendor,
  type VendorKit,
  withId,
} from "./seeded.js";
import type {} from "./seeded-host-setup.js"; // types inject("seededHost")

// Prism's side: this file's servers in the mock project's shared host (seeded-host-setup.ts), its seeded data.
const prism = inject("seededHost").sets.seeded;
let msw: { servers: MockServer[]; stop(): Promise<void> } | undefined;
const kits = new Map<Vendor, VendorKit>();

beforeAll(async () => {
  const loaded = Promise.all(VENDORS.map(async (vendor) => kits.set(vendor, await loadKit(vendor))));
  msw = await startMswServers([...VENDORS], { port: 0 });
  await loaded;
}, 120_000);
afterAll(async () => {
  await msw?.stop();
});

const kitOf = (vendor: Vendor) => kits.get(vendor) as VendorKit;
/** The vendor's client against each mode: Prism's front, then the MSW handlers. */
const modes = (vendor: Vendor) =>
  [prism, msw?.servers ?? []].map((servers) =>
    kitOf(vendor).client(servers.find((s) => s.vendor === vendor)?.url ?? ""),
  );

/** Every item paginate() yields, and the total the first page states (the item count where it states none). */
async function walk(kit: VendorKit, client: Client, op: MockOperation, init: Parameters<Client["request"]>[2]) {
  const items: unknown[] = [];
  for await (const item of kit.paginate(client, op.path, init, { maxPages: 60 })) items.push(item);
  const field = op.pagination?.totalField;
  const total = field ? getAt((await client.request(op.method, op.path, init)).data, field) : items.length;
  return { items, total };
}

describe.each(VENDORS)("%s", (vendor) => {
  it("pages every paginated operation to its end: 11–49 items, the total it states; both modes alike", async () => {
    const kit = kitOf(vendor);
    const paged = kit.data.operations.filter((op) => op.pagination && kit.cases.has(op.operationId));
    await Promise.all(
      paged.map(async (op) => {
        const c = kit.cases.get(op.operationId);
        if (!c) return;
        const init = requestOf(c, [op.roles?.find((r) => r.kind === "get")?.idParam], firstPage(op, c));
        // Every page through the MSW handlers; Prism's front answers the first page alike (the id test below walks
        // the entities' lists through both), which keeps this file's Prism requests few.
        const [prismClient, mswClient] = modes(vendor);
        if (!prismClient || !mswClient) throw new Error("both modes run");
        const viaMsw = await walk(kit, mswClient, op, init);
        const [first, again] = await Promise.all(
          [prismClient, mswClient].map((client) => client.request(op.method, op.path, init)),
        );
        expect(first?.data, op.operationId).toEqual(again?.data);
        const viaPrism = viaMsw;
        expect(viaPrism?.items.length, op.operationId).toBeGreaterThanOrEqual(11);
        expect(viaPrism?.items.length, op.operationId).toBeLessThanOrEqual(49);
        expect(viaPrism?.total, op.operationId).toBe(viaPrism?.items.length);
      }),
    );
  });

  it("finds by id, with its get operation, the records its list holds, in both modes", async () => {
    const kit = kitOf(vendor);
    const pairs = [...entityOps(kit.data)].flatMap(([entity, ops]) => {
      const list = ops.get("list");
      const get = ops.get("get");
      const listRole = list?.roles?.find((r) => r.entity === entity && r.kind === "list");
      const getRole = get?.roles?.find((r) => r.entity === entity && r.kind === "get");
      const listCase = list && kit.cases.get(list.operationId);
      const getCase = get && kit.cases.get(get.operationId);
      if (!list || !get || !listCase || !getCase || !getRole?.idParam || !listRole?.id) return [];
      return [{ entity, list, get, listRole, getRole, idParam: getRole.idParam, listCase, getCase }];
    });
    const runs = pairs.flatMap((pair) => modes(vendor).map((client) => ({ ...pair, client })));
    await Promise.all(
      runs.map(async ({ entity, list, get, listRole, getRole, idParam, listCase, getCase, client }) => {
        const listInit = requestOf(listCase, [idParam], firstPage(list, listCase));
        const records = list.pagination
          ? (await walk(kit, client, list, listInit)).items
          : ((getAt((await client.request(list.method, list.path, listInit)).data, listRole.records ?? "") ??
              []) as unknown[]);
        expect(records.length, entity).toBeGreaterThanOrEqual(10);
        const asList = get.method !== "get" && bodyTakesList(kit.data, get, idParam);
        const inQuery = get.request?.parameters?.some((q) => q.name === idParam && q.in === "query");
        // The first, a middle and the last record: each found by its id.
        for (const record of [records[0], records[records.length >> 1], records.at(-1)]) {
          const id = getAt(record, listRole.id ?? "");
          const init = requestOf(getCase, [idParam]);
          const body = init.body && typeof init.body === "object" ? init.body : {};
          const query = { ...(init.params?.query as object), [idParam]: String(id) };
          const found = await client.request(get.method, get.path, {
            ...init,
            ...(inQuery ? { params: { ...init.params, query } } : { body: { ...body, [idParam]: asList ? [id] : id } }),
          });
          const got = getAt(found.data, getRole.records ?? "");
          const one = Array.isArray(got) ? got[0] : got;
          expect(String(getAt(one, getRole.id ?? listRole.id ?? "")), `${entity} ${String(id)}`).toBe(String(id));
        }
      }),
    );
    expect(pairs.length).toBe(EXPECTED_PAIRS[vendor]);
  });

  it("answers no doc placeholder by default, and the doc example on Prefer: example=<name>", async () => {
    const kit = kitOf(vendor);
    const cases = [...kit.cases.values()].filter((c) => {
      const op = kit.data.operations.find((o) => o.operationId === c.operationId);
      // A get, update or delete by id: the example's id is not in the seeded data (the test above finds real ones).
      return c.expect.kind === "data" && !op?.roles?.some((r) => r.kind !== "list" && r.kind !== "create");
    });
    // Every operation through the MSW handlers; Prism's front answers the same data (the paging test compares them),
    // so there only the operations of an entity, and each one's doc example on request.
    const [viaPrism, viaMsw] = modes(vendor);
    await Promise.all(
      cases.map(async (c) => {
        const { data } = (await viaMsw?.request(c.method, c.path, requestOf(c))) ?? {};
        expect(placeholders(data), c.operationId).toEqual([]);
        const op = kit.data.operations.find((o) => o.operationId === c.operationId);
        if (c.expect.kind !== "data" || !op?.roles?.length) return;
        const seeded = await viaPrism?.request(c.method, c.path, requestOf(c));
        expect(placeholders(seeded?.data), c.operationId).toEqual([]);
        for (const client of [viaPrism, viaMsw]) {
          expect((await client?.request(c.method, c.path, c.init))?.data, c.operationId).toEqual(c.expect.value);
        }
      }),
    );
  });
});

/** Entities with both a list and a get operation (plain ids), per vendor. */
const EXPECTED_PAIRS: Record<Vendor, number> = { weiling: 5, weiban: 4, tanma: 2, planyun: 0 };

/** One record through create → get → list → update → delete, as far as the vendor has each operation. */
async function lifecycle(kit: VendorKit, client: Client, entity: string, ops: Map<string, MockOperation>) {
  const role = (kind: string) => ops.get(kind)?.roles?.find((r) => r.entity === entity && r.kind === kind);
  const caseOf = (kind: string) => kit.cases.get(ops.get(kind)?.operationId ?? "");
  const send = (kind: string, init: Parameters<Client["request"]>[2]) => {
    const op = ops.get(kind) as MockOperation;
    return client.request(op.method, op.path, init);
  };
  const listed = async () => {
    const op = ops.get("list");
    const c = caseOf("list");
    if (!op || !c) return undefined;
    const init = requestOf(c, [role("get")?.idParam], firstPage(op, c));
    return op.pagination
      ? (await walk(kit, client, op, init)).items
      : (getAt((await send("list", init)).data, role("list")?.records ?? "") as unknown[]);
  };
  const idOf = (record: unknown) => getAt(record, role("list")?.id ?? role("get")?.id ?? "");
  const before = await listed();
  const created = await send("create", requestOf(caseOf("create") as ExampleCase));
  const createRole = role("create");
  const shown = createRole?.records ? getAt(created.data, createRole.records) : undefined;
  const after = await listed();
  // The new id: where the answer says, else the record it shows, else the list's last record (lists keep order).
  const id = createRole?.resultId
    ? getAt(created.data, createRole.resultId)
    : shown
      ? idOf(shown)
      : idOf(after?.at(-1));
  // Without a list or a get (Planyun's 商机), the create's success is all there is to see.
  if (!ops.has("list") && !ops.has("get")) return;
  expect(id, `${entity}: the new id`).toBeDefined();
  if (before && after) {
    expect(after.length).toBe(before.length + 1);
    expect(after.map(idOf)).toContain(id);
  }
  const get = async () => {
    const getRole = role("get");
    const c = caseOf("get");
    if (!getRole?.idParam || !c) return undefined;
    const found = getAt(
      (await send("get", withId(kit.data, ops.get("get") as MockOperation, c, getRole.idParam, id))).data,
      getRole.records ?? "",
    );
    return Array.isArray(found) ? found[0] : found;
  };
  if (role("get")) expect(String(getAt(await get(), role("get")?.id ?? ""))).toBe(String(id));
  const updateRole = role("update");
  const updateCase = caseOf("update");
  if (updateRole?.idParam && updateCase) {
    const init = withId(kit.data, ops.get("update") as MockOperation, updateCase, updateRole.idParam, id);
    const body = (init.body ?? {}) as Record<string, unknown>;
    const fields = updateRole.fields
      ? Object.entries(updateRole.fields)
      : Object.keys(body).map((k) => [k, k] as const);
    await send("update", init);
    const got = ((await get()) ?? {}) as Record<string, unknown>;
    const compared = fields.filter(
      ([field, from]) => field in got && from !== updateRole.idParam && typeof got[field] === typeof body[from],
    );
    expect(compared.length, `${entity}: fields the update sets`).toBeGreaterThan(0);
    for (const [field, from] of compared) expect(got[field], `${entity}.${field}`).toEqual(body[from]);
  }
  const deleteRole = role("delete");
  const deleteCase = caseOf("delete");
  if (deleteRole?.idParam && deleteCase) {
    await send("delete", withId(kit.data, ops.get("delete") as MockOperation, deleteCase, deleteRole.idParam, id));
    if (role("get")) await expect(get()).rejects.toMatchObject({ status: 404 });
    if (before) expect((await listed())?.length).toBe(before.length);
  }
}

describe("create → get → list → update → delete, for every entity with a create operation", () => {
  it.each(VENDORS)("%s, in both modes", async (vendor) => {
    const kit = kitOf(vendor);
    const steps: string[] = [];
    for (const [entity, ops] of entityOps(kit.data)) {
      if (!ops.has("create") || !kit.cases.has(ops.get("create")?.operationId ?? "")) continue;
      for (const client of modes(vendor)) await lifecycle(kit, client, entity, ops);
      steps.push(`${entity}:${[...ops.keys()].sort().join("/")}`);
    }
    expect(steps).toEqual(LIFECYCLES[vendor]);
  });
});

const LIFECYCLES: Record<Vendor, string[]> = {
  weiling: ["opportunity:create/delete/get/list/update", "activity:create/list", "company:create/get/list/update"],
  weiban: ["activity:create/list", "customEventType:create/delete/get/list/update"],
  tanma: ["clue:create/get/list", "channelCode:create/get/list/update"],
  planyun: ["opportunity:create"],
};
