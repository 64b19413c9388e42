import type { MaybeOptionalInit } from "openapi-fetch";
import { getPath } from "./envelope.js";
import { ScrmResponseError } from "./errors.js";
import type { OperationMeta, PaginationMeta, PaginationTable, VendorMeta } from "./meta.js";
import type { OkClient, OkResponse } from "./typed-client.js";

export interface PaginateOptions {
  /** Stop after this many pages. */
  maxPages?: number;
  /** Stop after yielding this many items (no further page is fetched). */
  maxItems?: number;
  /** Cancels the page in flight and stops the walk; the iterator rejects with the signal's reason. */
  signal?: AbortSignal;
}

type Table = PaginationTable;
/** Paths of the operations whose spec declares `x-pagination`. */
export type PaginatedPath<T extends Table> = keyof T & string;
type MethodAt<T extends Table, P extends keyof T> = T[P]["method"];

/** The request init of the paginated operation at `P` (its filters; paging values in it are the starting point). */
export type PageInit<Paths extends {}, T extends Table, P extends keyof T> = P extends keyof Paths
  ? MethodAt<T, P> extends infer Method extends keyof Paths[P]
    ? MaybeOptionalInit<Paths[P], Method>
    : never
  : never;

// The success body as a call's `data` is typed, read off the path's operation directly: going through openapi-fetch's
// Client<Paths> (ClientPathsWithMethod, MethodResponse) made the compiler measure Client's variance, ~1 s of every
// program that calls paginate.
type SuccessBody<Paths extends {}, T extends Table, P extends keyof T> = P extends keyof Paths
  ? MethodAt<T, P> extends infer Method extends keyof Paths[P]
    ? OkResponse<Paths[P][Method], object, "application/json">["data"]
    : never
  : never;
type Field<T, K extends string> = T extends object ? (K extends keyof T ? T[K] : undefined) : undefined;
type AtPath<T, K extends string> = K extends `${infer Head}.${infer Rest}`
  ? AtPath<NonNullable<Field<T, Head>>, Rest>
  : Field<T, K>;

/** One item of the list at the operation's `itemsField`, typed from its success response. */
export type PageItem<Paths extends {}, T extends Table, P extends keyof T> =
  NonNullable<AtPath<SuccessBody<Paths, T, P>, T[P]["itemsField"]>> extends readonly (infer I)[] ? I : unknown;

/** A vendor's paginate(): its generated pagination table bound to the walker below. */
export type Paginate<Paths extends {}, T extends Table> = <P extends PaginatedPath<T>>(
  client: OkClient<Paths> & { readonly meta: VendorMeta },
  path: P,
  init: PageInit<Paths, T, P>,
  options?: PaginateOptions,
) => AsyncGenerator<PageItem<Paths, T, P>, void, undefined>;

type Init = {
  params?: { query?: Record<string, unknown> } & Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
} & Record<string, unknown>;
type RawRequest = (method: string, path: string, init: Init) => Promise<{ data?: unknown }>;

/**
 * Walks every page of a list operation, as its spec's `x-pagination` describes it, yielding the items one by one:
 * - `offset`: sets `limitParam` (the init's value, else `maxLimit`) and `offsetParam` (from the init's, else 0);
 *   stops when `hasMoreField` is false, when `totalField` is reached, or on a short or empty page;
 * - `page`: sets `pageParam` (from the init's, else 1); stops when `hasNextField` is false, when `totalField` is
 *   reached, or on a short or empty page (short needs the init's `sizeParam`);
 * - `cursor`: sends `cursorParam` from the second page on (or from the first when the init has one); stops when
 *   `cursorField` comes back empty.
 * A page that makes no progress — the same items as the page before, or the same cursor again — or a cursor seen
 * before ends the walk with a ScrmResponseError ("no-progress", "cursor-cycle"), whatever the page style.
 * Parameters go where `in` says (query or JSON body; default: query for GET, body otherwise). Each page is a normal
 * call, so retries and the rate limiter apply; an error rejects the iterator. Breaking out of the loop stops fetching.
 *
 * @example
 * import { paginate } from "@scrm-openapi/weiban";
 * for await (const user of paginate(weiban, "/open-api/external_user/list", { params: { query: {} } })) { … }
 */
export function createPaginate<Paths extends {}, T extends Table>(table: T): Paginate<Paths, T> {
  return (client, path, init, options = {}) => {
    const pagination = table[path];
    if (!pagination) {
      throw new TypeError(`[${client.meta.vendor.id}] ${path} declares no x-pagination, so it cannot be paginated`);
    }
    const op: OperationMeta = { operationId: pagination.operationId, method: pagination.method, path };
    const request = client.request as unknown as RawRequest;
    return walk(client.meta.vendor.id, op, pagination, request, (init ?? {}) as Init, options) as AsyncGenerator<
      never,
      void,
      undefined
    >;
  };
}

async function* walk(
  vendor: string,
  op: OperationMeta,
  pagination: PaginationMeta,
  request: RawRequest,
  init: Init,
  options: PaginateOptions,
): AsyncGenerator<unknown, void, undefined> {
  const where = pagination.in ?? (op.method === "get" ? "query" : "body");
  const given = (param: string): unknown =>
    where === "query" ? init.params?.query?.[param] : isObject(init.body) ? init.body[param] : undefined;
  const fail = (reason: "cursor-cycle" | "no-progress", description: string) =>
    new ScrmResponseError({ vendor, operationId: op.operationId, requestId: "" }, { reason, description, status: 200 });
  const pager = createPager(pagination, given, (cursor) => {
    throw fail(
      "cursor-cycle",
      `the next-page cursor ${JSON.stringify(String(cursor)).slice(0, 80)} came back after ${pages} pages: the vendor's cursors loop, so paging stopped`,
    );
  });
  let pages = 0;
  let yielded = 0;
  let previous: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const { data } = await request(op.method, op.path, withParams(init, where, pager.params(), options.signal));
    pages++;
    const list = getPath(data, pagination.itemsField);
    const items: readonly unknown[] = Array.isArray(list) ? list : [];
    // A page with the very items of the one before moves nothing forward (a static or broken page): whatever the
    // page style says, walking on would yield them forever.
    const fingerprint = items.length > 0 ? JSON.stringify(items) : undefined;
    if (fingerprint !== undefined && fingerprint === previous) {
      throw fail(
        "no-progress",
        `page ${pages} holds the same ${items.length} items as page ${pages - 1}, so paging stopped`,
      );
    }
    previous = fingerprint;
    for (const item of items) {
      yield item;
      if (options.maxItems !== undefined && ++yielded >= options.maxItems) return;
    }
    if (options.maxPages !== undefined && pages >= options.maxPages) return;
    const next = pager.advance(data, items.length);
    if (next === "stuck") {
      throw fail("no-progress", `the next-page cursor came back unchanged after page ${pages}, so paging stopped`);
    }
    if (!next) return;
  }
}

interface Pager {
  /** Parameters of the next request; undefined values are left out. */
  params(): Record<string, unknown>;
  /** Moves to the next page; false when the last one has been read; "stuck" when the next page is this one again. */
  advance(data: unknown, count: number): boolean | "stuck";
}

function createPager(
  pagination: PaginationMeta,
  given: (param: string) => unknown,
  cycle: (cursor: unknown) => never,
): Pager {
  switch (pagination.style) {
    case "offset": {
      const start = given(pagination.offsetParam);
      const limit = given(pagination.limitParam) ?? pagination.maxLimit;
      const size = toCount(limit);
      let offset = toCount(start) ?? 0;
      return {
        params: () => ({
          [pagination.limitParam]: limit,
          // Keep the caller's type (some specs type offsets as strings).
          [pagination.offsetParam]: typeof start === "string" ? String(offset) : offset,
        }),
        advance(data, count) {
          if (count === 0) return false;
          offset += count;
          const more = flag(data, pagination.hasMoreField);
          if (more !== undefined) return more;
          const total = toCount(pagination.totalField && getPath(data, pagination.totalField));
          if (total !== undefined) return offset < total;
          return size === undefined || count >= size;
        },
      };
    }
    case "page": {
      const start = given(pagination.pageParam);
      const size = toCount(given(pagination.sizeParam));
      let page = toCount(start) ?? 1;
      let seen = 0;
      return {
        params: () => ({ [pagination.pageParam]: typeof start === "string" ? String(page) : page }),
        advance(data, count) {
          if (count === 0) return false;
          seen += count;
          page += 1;
          const more = flag(data, pagination.hasNextField);
          if (more !== undefined) return more;
          const total = toCount(pagination.totalField && getPath(data, pagination.totalField));
          // Items before the first page walked: known only when its number and the page size are.
          const before =
            (toCount(start) ?? 1) === 1 ? 0 : size === undefined ? undefined : ((toCount(start) ?? 1) - 1) * size;
          if (total !== undefined && before !== undefined) return before + seen < total;
          return size === undefined || count >= size;
        },
      };
    }
    case "cursor": {
      let cursor = given(pagination.cursorParam);
      const seen = new Set<string>();
      if (cursor !== undefined) seen.add(JSON.stringify(cursor));
      return {
        params: () => (cursor === undefined ? {} : { [pagination.cursorParam]: cursor }),
        advance(data) {
          const next = getPath(data, pagination.cursorField);
          // Empty means the end; an unchanged cursor would fetch the same page forever.
          if (next === undefined || next === null || next === "") return false;
          if (next === cursor) return "stuck";
          // A cursor seen before (A → B → A) is a loop: fail rather than walk it forever.
          const key = JSON.stringify(next);
          if (seen.has(key)) cycle(next);
          seen.add(key);
          cursor = next;
          return true;
        },
      };
    }
  }
}

function withParams(init: Init, where: "query" | "body", params: Record<string, unknown>, signal?: AbortSignal): Init {
  const set = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  const next: Init =
    where === "query"
      ? { ...init, params: { ...init.params, query: { ...init.params?.query, ...set } } }
      : { ...init, body: { ...(isObject(init.body) ? init.body : {}), ...set } };
  return signal ? { ...next, signal } : next;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A boolean-ish flag (true/false, 1/0); undefined when the field is absent. */
function flag(data: unknown, field: string | undefined): boolean | undefined {
  if (!field) return undefined;
  const value = getPath(data, field);
  return typeof value === "boolean" ? value : typeof value === "number" ? value !== 0 : undefined;
}

/** A non-negative integer from a number or numeric string. */
function toCount(value: unknown): number | undefined {
  const n =
    typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
