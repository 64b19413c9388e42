// Mock Service Worker handlers for a vendor, driven by its spec: every operation answers the spec's first 200
// example; `Prefer: example=<name>` picks another named example per request, as Prism does; scenario() and fail()
// override answers from a test; vendor packages add stateful handlers over an in-memory store. The same handlers run
// in the browser (setupWorker) and in Node (setupServer), and behind `pnpm mock --msw` over HTTP.
import type { Faker } from "@faker-js/faker";
// TODO(lead): `@scrm-openapi/core/vendor` once main has it (the contract puts the meta types there).
import type { VendorMeta } from "@scrm-openapi/core/vendor";
import { delay, type HttpHandler, HttpResponse, http, type JsonBodyType } from "msw";
import { createOpenApiHttp, type OpenApiHttpHandlers } from "openapi-msw";
import { createFaker, fakeFromSchema, type JsonSchema } from "./fake.js";
import { createMockStore, type MockStore } from "./store.js";

export { chinaDate, createFaker, fakeFromSchema, fakeId, fakeMobile, type JsonSchema } from "./fake.js";
export { createMockStore, type MockCollection, type MockStore } from "./store.js";

export type MockMethod = "get" | "post" | "put" | "patch" | "delete";

/** One operation as `pnpm generate` writes it into `src/generated/mocks.ts`. */
export interface MockOperation {
  readonly operationId: string;
  readonly method: MockMethod;
  /** The spec's path template, e.g. `/open-api/opportunity/one`. */
  readonly path: string;
  /** The 200 response's named examples, in spec order: the first one is the default answer. */
  readonly examples: Readonly<Record<string, unknown>>;
  /** Only when the spec has no example: the success schema (refs inlined), answered with seeded faker data. */
  readonly schema?: JsonSchema;
}

export interface MockData {
  readonly vendor: string;
  readonly operations: readonly MockOperation[];
}

/** operationId → the union of its example names (generated as `MockExamples`). */
export type ExampleTable = { readonly [operationId: string]: string };

/** The operations of `E` that have an example called `N`. */
export type OperationsWith<E extends ExampleTable, N extends string> = {
  [Op in keyof E & string]: N extends E[Op] ? Op : never;
}[keyof E & string];

export interface MockOptions {
  /**
   * Where the handlers answer: an origin with an optional path prefix (`"http://localhost:5173/api/weiban"`), or
   * `"*"` for any origin. Default: the spec's server URL, which is also the client's default `baseUrl`.
   */
  baseUrl?: string;
  /** Seed of the generated data (ids of created records, answers of operations without an example). Default 1. */
  seed?: number;
  /** Clock of created records' timestamps (ms). Default `Date.now`. */
  now?: () => number;
  /** Wait this long before each answer, to see loading states. Default 0. */
  delayMs?: number;
}

export interface ScenarioOptions<Op extends string> {
  /** Only these operations (default: every operation that has the example, or every operation for fail()). */
  operations?: readonly Op[];
  /** Answer this many requests, then let the usual handlers answer again (default: until `resetHandlers()`). */
  times?: number;
}

/** What a vendor's stateful handlers are built from. */
export interface MockContext<Paths extends {}, E extends ExampleTable> {
  readonly vendor: string;
  /** openapi-msw's `http`, typed by the vendor's `paths`, on this mock's base URL. */
  readonly http: OpenApiHttpHandlers<Paths>;
  readonly store: MockStore;
  readonly faker: Faker;
  readonly now: () => number;
  /** A copy of the operation's named example (default: its first). */
  example<Op extends keyof E & string>(operationId: Op, name?: E[Op]): unknown;
}

export interface VendorMocks<Paths extends {}, E extends ExampleTable> {
  readonly vendor: string;
  /** The base URL the handlers answer on (`"*"`: any origin). */
  readonly baseUrl: string;
  /** `setupWorker(...mocks.handlers)` / `setupServer(...mocks.handlers)`. */
  readonly handlers: HttpHandler[];
  /** Typed handlers for your own overrides: `server.use(mocks.http.post("/path", ({ response }) => …))`. */
  readonly http: OpenApiHttpHandlers<Paths>;
  readonly store: MockStore;
  readonly faker: Faker;
  /**
   * One handler answering the named example — as `Prefer: example=<name>` would — for every operation that has it
   * (or only `operations`): `server.use(mocks.scenario("rateLimited"))`. Others fall through to the usual answer.
   */
  scenario<N extends E[keyof E]>(name: N, options?: ScenarioOptions<OperationsWith<E, N>>): HttpHandler;
  /**
   * One handler answering the vendor's error envelope with `code` (message: `message`, else the code's meaning in
   * the spec), for a code no example shows: `server.use(mocks.fail(10053, { operations: ["getOpportunity"] }))`.
   */
  fail(code: string | number, options?: ScenarioOptions<keyof E & string> & { message?: string }): HttpHandler;
  /** A copy of an operation's named example (default: its first). */
  example<Op extends keyof E & string>(operationId: Op, name?: E[Op]): unknown;
  /** The store back to its seed and the generated data back to its first value. */
  reset(): void;
}

interface Route {
  op: MockOperation;
  pattern: RegExp;
}

const json = (body: unknown, init?: ResponseInit) => HttpResponse.json(body as JsonBodyType, init);

/** `Prefer: example=<name>` (Prism's header; other preferences in it are ignored). */
export function preferredExample(request: Request): string | undefined {
  return /(?:^|[\s,;])example=([^\s,;]+)/.exec(request.headers.get("prefer") ?? "")?.[1];
}

/**
 * A vendor's mocks from its generated data: the vendor package calls this with its meta, its generated mock data and
 * its stateful handlers (if any), and exports the result's factory.
 */
export function createVendorMocks<Paths extends {}, E extends ExampleTable>(
  meta: VendorMeta,
  data: MockData,
  options: MockOptions = {},
  stateful?: (context: MockContext<Paths, E>) => HttpHandler[],
): VendorMocks<Paths, E> {
  const vendor = meta.vendor.id;
  const baseUrl = (options.baseUrl ?? meta.vendor.baseUrl) || "*";
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const faker = createFaker(seed);
  const store = createMockStore();
  const typedHttp = createOpenApiHttp<Paths>({ baseUrl: baseUrl === "*" ? "*" : baseUrl.replace(/\/$/, "") });
  const operations = new Map(data.operations.map((op) => [op.operationId, op]));
  const routes: Route[] = data.operations.map((op) => ({ op, pattern: templatePattern(op.path) }));
  const wait = async () => {
    if (options.delayMs) await delay(options.delayMs);
  };

  const example = (operationId: string, name?: string): unknown => {
    const op = operations.get(operationId);
    if (!op) throw new Error(`[${vendor}] mocks: no operation ${operationId}`);
    const key = name ?? Object.keys(op.examples)[0];
    if (key === undefined) return fakeFromSchema(faker, op.schema);
    if (!(key in op.examples)) throw new Error(`[${vendor}] mocks: ${operationId} has no example "${key}"`);
    return structuredClone(op.examples[key]);
  };

  /** The operation a request is for, when it is on this mock's base URL. */
  const routeOf = (request: Request): MockOperation | undefined => {
    const path = relativePath(request.url, baseUrl);
    if (path === undefined) return undefined;
    const method = request.method.toLowerCase();
    return routes.find((r) => r.op.method === method && r.pattern.test(path))?.op;
  };

  /**
   * A handler for the requests `select` accepts, answered by `answer`; with `times`, only that many. A custom
   * predicate, so a request it does not take falls through without using up `times` (msw's `once` would be used up
   * by any matching request); counted in the predicate, so concurrent requests cannot overshoot it.
   */
  const override = (
    select: (op: MockOperation, request: Request) => boolean,
    answer: (op: MockOperation) => Promise<Response> | Response,
    times?: number,
  ): HttpHandler => {
    let left = times ?? Number.POSITIVE_INFINITY;
    return http.all(
      ({ request }) => {
        const op = left > 0 ? routeOf(request) : undefined;
        if (op === undefined || !select(op, request)) return false;
        left--;
        return true;
      },
      async ({ request }) => {
        await wait();
        return answer(routeOf(request)!);
      },
    );
  };

  const envelope = meta.envelope;
  const fail = (code: string | number, opts: ScenarioOptions<string> & { message?: string } = {}) =>
    override(
      (op) => opts.operations === undefined || opts.operations.includes(op.operationId),
      async () => {
        const meaning =
          opts.message ?? (await meta.meanings?.())?.[String(code)] ?? meta.errorCodes[String(code)]?.meaning ?? "";
        return json(setPath(setPath({}, envelope.codeField, code), envelope.messageField, meaning));
      },
      opts.times,
    );

  // Prism's per-request choice; a name the operation lacks is Prism's 404 problem, so a typo is not a silent success.
  const prefer = http.all(
    ({ request }) => preferredExample(request) !== undefined && routeOf(request) !== undefined,
    async ({ request }) => {
      await wait();
      const op = routeOf(request)!;
      const name = preferredExample(request)!;
      if (name in op.examples) return json(structuredClone(op.examples[name]));
      return json(
        {
          type: "https://stoplight.io/prism/errors#NOT_FOUND",
          title: "The server cannot find the requested content",
          status: 404,
          detail: `Response for contentType: application/json and exampleKey: ${name} does not exist.`,
        },
        { status: 404, headers: { "content-type": "application/problem+json" } },
      );
    },
  );

  const context: MockContext<Paths, E> = {
    vendor,
    http: typedHttp,
    store,
    faker,
    now,
    example: (operationId, name) => example(operationId, name),
  };
  const own = stateful?.(context) ?? [];
  const defaults = data.operations.map((op) =>
    http[op.method](mswPath(baseUrl, op.path), async () => {
      await wait();
      return json(example(op.operationId));
    }),
  );

  return {
    vendor,
    baseUrl,
    handlers: [prefer, ...own, ...defaults],
    http: typedHttp,
    store,
    faker,
    scenario: (name, opts = {}) => {
      const only: readonly string[] | undefined = opts.operations;
      return override(
        (op) => name in op.examples && (only === undefined || only.includes(op.operationId)),
        (op) => json(structuredClone(op.examples[name])),
        opts.times,
      );
    },
    fail: (code, opts) => fail(code, opts),
    example: (operationId, name) => example(operationId, name),
    reset() {
      store.reset();
      faker.seed(seed);
    },
  };
}

/** `{param}` segments match one path segment. */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${escaped}$`);
}

/** msw's path syntax: the base URL prepended (`*` for any origin), `{param}` as `:param`. */
function mswPath(baseUrl: string, template: string): string {
  const path = template.replace(/\{([^}]+)\}/g, ":$1");
  return baseUrl === "*" ? `*${path}` : `${baseUrl.replace(/\/$/, "")}${path}`;
}

/** The request's path below the base URL, or undefined when it is not on it. */
function relativePath(url: string, baseUrl: string): string | undefined {
  const target = new URL(url);
  if (baseUrl === "*") return target.pathname;
  const base = new URL(baseUrl, globalThis.location?.href);
  if (target.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/$/, "");
  if (!target.pathname.startsWith(prefix)) return undefined;
  return target.pathname.slice(prefix.length) || "/";
}

/** Sets a dotted path (`data.code`) in a plain object, creating what is missing. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(".");
  let at = target;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return target;
}
