// What the seeded-data tests share: the vendors' generated mock data, their example cases (a request each spec
// accepts), their clients and paginate(), loaded from the vendor packages' sources by path (tools/mock cannot depend
// on the vendor packages: they depend on it for their contract suites).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { MockData, MockOperation } from "@scrm-openapi/msw";
import { type ExampleCase, exampleCases } from "@scrm-openapi/testing";
import { repoRoot } from "../src/vendors.js";

export const VENDORS = ["weiling", "weiban", "tanma", "planyun"] as const;
export type Vendor = (typeof VENDORS)[number];

type Init = { params?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };
export interface Client {
  request(method: string, path: string, init: Init): Promise<{ data: unknown }>;
}
type Paginate = (client: Client, path: string, init: Init, options?: { maxPages?: number }) => AsyncIterable<unknown>;

export interface VendorKit {
  data: MockData;
  cases: Map<string, ExampleCase>;
  client(baseUrl: string): Client;
  paginate: Paginate;
}

const CREDENTIALS: Record<Vendor, Record<string, unknown>> = {
  weiling: { appId: "wl-mock-app", appSecret: "mock-app-secret-value" },
  weiban: { corpId: "wwmockcorp", secret: "mock-secret-value" },
  tanma: { appId: "ww_mock_app", appKey: "mock-app-key" },
  planyun: { getAccessToken: async () => "mock-token" },
};

export async function loadKit(vendor: Vendor): Promise<VendorKit> {
  const source = (file: string) => pathToFileURL(join(repoRoot, "packages", vendor, "src", file)).href;
  const { mockData } = (await import(source("generated/mocks.ts"))) as { mockData: MockData };
  const index = (await import(source("index.ts"))) as Record<string, unknown>;
  const create = Object.entries(index).find(([name]) => /^create\w+Client$/.test(name))?.[1] as (
    options: Record<string, unknown>,
  ) => Client;
  const cases = new Map<string, ExampleCase>();
  // The first (success) case of each operation: its request is one the spec accepts.
  for (const c of await exampleCases(vendor)) if (!cases.has(c.operationId)) cases.set(c.operationId, c);
  return {
    data: mockData,
    cases,
    client: (baseUrl) => create({ ...CREDENTIALS[vendor], baseUrl, retry: false, rateLimit: false }),
    paginate: index.paginate as Paginate,
  };
}

/**
 * The case's request without its `Prefer` (so the seeded data answers); `drop` leaves those parameters out, `start`
 * sets those it has to a first page's value (a page number 1, an offset 0, an empty cursor).
 */
export function requestOf(
  c: ExampleCase,
  drop: readonly (string | undefined)[] = [],
  start: Readonly<Record<string, unknown>> = {},
): Init {
  const names = new Set(drop.filter((d): d is string => Boolean(d)));
  const strip = (value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => !names.has(k))
            .map(([k, v]) => [k, Object.hasOwn(start, k) ? start[k] : v]),
        )
      : value;
  const headers = Object.fromEntries(Object.entries(c.init.headers).filter(([k]) => k.toLowerCase() !== "prefer"));
  const params = Object.fromEntries(Object.entries(c.init.params).map(([where, v]) => [where, strip(v)]));
  return { params, headers, ...(c.init.body === undefined ? {} : { body: strip(c.init.body) }) };
}

/** Every string in an answer that reads like a doc placeholder, with where it is. */
export function placeholders(value: unknown, at = ""): string[] {
  if (typeof value === "string") {
    return /张三|李四|王五|示例|测试|^string$|example/i.test(value) ? [`${at}=${value}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${at}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => placeholders(v, `${at}.${k}`));
  return [];
}

export function getAt(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined),
      value,
    );
}

/** The operations of an entity by role, where the role is plain (no nested records, no composite ids). */
export function entityOps(data: MockData): Map<string, Map<string, MockOperation>> {
  const out = new Map<string, Map<string, MockOperation>>();
  for (const op of data.operations) {
    for (const role of op.roles ?? []) {
      if (/\[\]|\$|,|\|/.test(`${role.records ?? ""}${role.id ?? ""}`)) continue;
      const roles = out.get(role.entity) ?? new Map<string, MockOperation>();
      if (!roles.has(role.kind)) roles.set(role.kind, op);
      out.set(role.entity, roles);
    }
  }
  return out;
}

/** Whether the operation's JSON body declares `name` as an array (a list of ids). */
export function bodyTakesList(data: MockData, op: MockOperation, name: string): boolean {
  let schema = op.request?.body?.schema as Record<string, unknown> | undefined;
  const ref = typeof schema?.$ref === "string" ? /[^/]+$/.exec(schema.$ref)?.[0] : undefined;
  if (ref) schema = data.schemas?.[ref] as Record<string, unknown> | undefined;
  const property = (schema?.properties as Record<string, { type?: unknown }> | undefined)?.[name];
  return [property?.type].flat().includes("array");
}

/** A first page's paging values: offset 0, page 1, a cursor of 0, a size of 20, in the types the example gives them. */
export function firstPage(op: MockOperation, c: ExampleCase): Record<string, unknown> {
  const p = op.pagination;
  if (!p) return {};
  const given = p.cursorParam
    ? (getAt(c.init.body, p.cursorParam) ?? getAt(c.init.params.query, p.cursorParam))
    : undefined;
  const sizeParam = p.style === "offset" ? p.limitParam : p.sizeParam;
  const size = sizeParam ? (getAt(c.init.body, sizeParam) ?? getAt(c.init.params.query, sizeParam)) : undefined;
  return {
    // Pages of 20 (an example asking 1 a page would walk 49 pages).
    ...(sizeParam && size !== undefined ? { [sizeParam]: typeof size === "string" ? "20" : 20 } : {}),
    ...(p.offsetParam ? { [p.offsetParam]: 0 } : {}),
    ...(p.pageParam ? { [p.pageParam]: 1 } : {}),
    ...(p.cursorParam ? { [p.cursorParam]: typeof given === "number" ? 0 : "0" } : {}),
  };
}

/** The case's request for the record `id`: the id in the query, or in the body (as a list where the body takes one). */
export function withId(data: MockData, op: MockOperation, c: ExampleCase, idParam: string, id: unknown): Init {
  const init = requestOf(c, [idParam]);
  if (op.request?.parameters?.some((q) => q.name === idParam && q.in === "query")) {
    return { ...init, params: { ...init.params, query: { ...(init.params?.query as object), [idParam]: String(id) } } };
  }
  const body = init.body && typeof init.body === "object" ? init.body : {};
  return { ...init, body: { ...body, [idParam]: bodyTakesList(data, op, idParam) ? [id] : id } };
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
