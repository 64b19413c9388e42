// Mock Service Worker handlers for a vendor, driven by its spec: every operation answers the vendor's seeded dataset
// (data/, made on the first request; `data: "examples"`: the spec's first 200 example); `Prefer: example=<name>`
// picks a named example per request, as Prism does; scenario() and fail()
// override answers from a test; vendor packages add stateful handlers over an in-memory store. The same handlers run
// in the browser (setupWorker) and in Node (setupServer), and behind `pnpm mock --msw` over HTTP. Before any of them,
// a guard refuses what Prism would refuse (credentials, parameters, body) and what no mock should read (huge or deeply
// nested bodies).
import type { VendorMeta } from "@scrm-openapi/core/vendor";
import { delay, type HttpHandler, http } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { createDataset, type Dataset } from "./data/dataset.js";
import { createFaker, fakeFromSchema } from "./fake.js";
import { requestGuard } from "./guard.js";
import { json, noSuchExample, setPath } from "./problems.js";
import { createRouter, mswPath, preferredExample } from "./routes.js";
import { createMockStore } from "./store.js";
import type { ExampleTable, MockContext, MockData, MockOperation, MockOptions, VendorMocks } from "./types.js";

export { createDataset, type Dataset, type MockAnswer, type MockInput } from "./data/dataset.js";
export { chinaDate, createFaker, fakeFromSchema, fakeId, fakeMobile, type JsonSchema } from "./fake.js";
export { preferredExample } from "./routes.js";
export { createMockStore, type MockCollection, type MockStore } from "./store.js";
export type * from "./types.js";

/** Default body caps: far above any request these APIs take, far below what would hurt a page or the mock host. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_JSON_DEPTH = 64;
const PROBLEM = { "content-type": "application/problem+json" };

/** An own property only: a name like `constructor` or `__proto__` is not an example. */
const hasExample = (op: MockOperation, name: string) => Object.hasOwn(op.examples, name);

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
  const limits = {
    maxBodyBytes: positive(options.maxBodyBytes, MAX_BODY_BYTES, "maxBodyBytes", vendor),
    maxJsonDepth: positive(options.maxJsonDepth, MAX_JSON_DEPTH, "maxJsonDepth", vendor),
  };
  const faker = createFaker(seed);
  const store = createMockStore();
  const typedHttp = createOpenApiHttp<Paths>({ baseUrl: baseUrl === "*" ? "*" : baseUrl.replace(/\/$/, "") });
  const routeOf = createRouter(data.operations, baseUrl);
  const opOf = (request: Request) => routeOf(request)?.op;
  const wait = async () => {
    if (options.delayMs) await delay(options.delayMs);
  };
  const example = exampleReader(vendor, data, (op) => fakeFromSchema(faker, op.schema));
  const override = overrides(opOf, wait);

  // Prism's per-request choice; a name the operation lacks is Prism's 404 problem, so a typo is not a silent success.
  const prefer = http.all(
    ({ request }) => preferredExample(request) !== undefined && opOf(request) !== undefined,
    async ({ request }) => {
      await wait();
      const op = opOf(request);
      const name = preferredExample(request);
      if (!op || name === undefined) return undefined;
      return hasExample(op, name) ? json(structuredClone(op.examples[name])) : noSuchExample(name);
    },
  );
  const seeded = lazyDataset(data, seed);
  const records = (entity: string) => seeded().records(entity);
  const context: MockContext<Paths, E> = {
    vendor,
    http: typedHttp,
    store,
    faker,
    now,
    example,
    records,
    seeded: options.data !== "examples",
  };
  const own = stateful?.(context) ?? [];
  const defaults = data.operations.map((op) =>
    http[op.method](mswPath(baseUrl, op.path), async ({ request, params }) => {
      await wait();
      if (options.data === "examples") return json(example(op.operationId));
      return seededAnswer(seeded(), op, request, params as Record<string, string>);
    }),
  );
  const guard = requestGuard(data, routeOf, limits, options.validate ?? true);

  return {
    vendor,
    baseUrl,
    limits,
    handlers: [guard, prefer, ...own, ...defaults],
    http: typedHttp,
    store,
    faker,
    scenario: (name, opts = {}) => {
      const only: readonly string[] | undefined = opts.operations;
      return override(
        (op) => hasExample(op, name) && (only === undefined || only.includes(op.operationId)),
        (op) => json(structuredClone(op.examples[name])),
        opts.times,
      );
    },
    fail: (code, opts = {}) => {
      const only: readonly string[] | undefined = opts.operations;
      return override(
        (op) => only === undefined || only.includes(op.operationId),
        async () => {
          const meaning =
            opts.message ?? (await meta.meanings?.())?.[String(code)] ?? meta.errorCodes[String(code)]?.meaning ?? "";
          return json(setPath(setPath({}, meta.envelope.codeField, code), meta.envelope.messageField, meaning));
        },
        opts.times,
      );
    },
    example,
    records,
    reset() {
      seeded().reset();
      store.reset();
      faker.seed(seed);
    },
  };
}

/** The seeded dataset, made on the first request that needs it (a page that never calls a vendor pays nothing). */
function lazyDataset(data: MockData, seed: number): () => Dataset {
  let dataset: Dataset | undefined;
  return () => {
    dataset ??= createDataset(data, seed);
    return dataset;
  };
}

/** The dataset's answer to a request: 200 with the vendor's answer, or a 404 problem for an id it lacks. */
async function seededAnswer(dataset: Dataset, op: MockOperation, request: Request, pathParams: Record<string, string>) {
  const body = await request.json().catch(() => undefined);
  const answer = dataset.answer(op.operationId, { pathParams, query: new URL(request.url).searchParams, body });
  return json(answer.body, answer.status === 200 ? {} : { status: answer.status, headers: PROBLEM });
}

/** A copy of an operation's named example (default: its first; without any, seeded data from its schema). */
function exampleReader(vendor: string, data: MockData, generate: (op: MockOperation) => unknown) {
  const operations = new Map(data.operations.map((op) => [op.operationId, op]));
  return (operationId: string, name?: string): unknown => {
    const op = operations.get(operationId);
    if (!op) throw new Error(`[${vendor}] mocks: no operation ${operationId}`);
    const key = name ?? Object.keys(op.examples)[0];
    if (key === undefined) return generate(op);
    if (!hasExample(op, key)) throw new Error(`[${vendor}] mocks: ${operationId} has no example "${key}"`);
    return structuredClone(op.examples[key]);
  };
}

/**
 * Handlers for the requests `select` accepts, answered by `answer`; with `times`, only that many. A custom
 * predicate, so a request it does not take falls through without using up `times` (msw's `once` would be used up
 * by any matching request); counted in the predicate, so concurrent requests cannot overshoot it.
 */
function overrides(opOf: (request: Request) => MockOperation | undefined, wait: () => Promise<void>) {
  return (
    select: (op: MockOperation) => boolean,
    answer: (op: MockOperation) => Promise<Response> | Response,
    times?: number,
  ): HttpHandler => {
    let left = times ?? Number.POSITIVE_INFINITY;
    return http.all(
      ({ request }) => {
        const op = left > 0 ? opOf(request) : undefined;
        if (op === undefined || !select(op)) return false;
        left--;
        return true;
      },
      async ({ request }) => {
        await wait();
        const op = opOf(request);
        return op ? answer(op) : undefined;
      },
    );
  };
}

function positive(value: number | undefined, fallback: number, name: string, vendor: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`[${vendor}] mocks: ${name} must be a positive integer`);
  }
  return value;
}
