// The shapes around a vendor's mocks: what `pnpm generate` writes (MockData), what a vendor package passes
// (MockOptions) and what it hands out (VendorMocks, MockContext).
import type { Faker } from "@faker-js/faker";
import type { HttpHandler } from "msw";
import type { OpenApiHttpHandlers } from "openapi-msw";
import type { JsonSchema } from "./fake.js";
import type { MockStore } from "./store.js";

export type MockMethod = "get" | "post" | "put" | "patch" | "delete";

/** One operation as `pnpm generate` writes it into `src/generated/mocks.ts`. */
export interface MockOperation {
  readonly operationId: string;
  readonly method: MockMethod;
  /** The spec's path template, e.g. `/open-api/opportunity/one`. */
  readonly path: string;
  /** The 200 response's named examples, in spec order (`Prefer: example=<name>`; the first shapes the seeded data). */
  readonly examples: Readonly<Record<string, unknown>>;
  /**
   * Only when the spec has no example, or its first example's x-pagination list is empty: the success schema (refs
   * inlined), which shapes the seeded data.
   */
  readonly schema?: JsonSchema;
  /** What the spec says of the request (parameters, body), validated as Prism does. */
  readonly request?: MockRequest;
  /** The operation's own security requirements, when they differ from the document's (`[]`: none). */
  readonly security?: readonly (readonly string[])[];
  /** The spec's x-pagination: how the seeded list behind this operation is paged. */
  readonly pagination?: MockPagination;
  /** What the operation does to an entity of the seeded dataset (from the spec's x-unified and x-mock). */
  readonly roles?: readonly MockRole[];
}

/** x-pagination as the spec writes it (dotted paths from the answer's root). */
export interface MockPagination {
  readonly style: "offset" | "page" | "cursor";
  readonly in?: "query" | "body";
  readonly itemsField: string;
  readonly limitParam?: string;
  readonly offsetParam?: string;
  readonly pageParam?: string;
  readonly sizeParam?: string;
  readonly cursorParam?: string;
  readonly cursorField?: string;
  readonly totalField?: string;
  readonly hasMoreField?: string;
  readonly hasNextField?: string;
  readonly maxLimit?: number;
}

/** One operation's part in an entity's create → get → list → update → delete. */
export interface MockRole {
  readonly entity: string;
  readonly kind: "list" | "get" | "create" | "update" | "delete";
  /** Where the records are in the answer (dotted); a list's default is x-pagination.itemsField. */
  readonly records?: string;
  /** The record's id field (dotted, in the record). */
  readonly id?: string;
  /** get, update, delete: the request parameter (query, path or dotted body field) holding the id or a list of ids. */
  readonly idParam?: string;
  /** create: where the answer carries the new record's id (dotted). */
  readonly resultId?: string;
  /** create, update: record field → the request field (dotted) that sets it, where their names differ. */
  readonly fields?: Readonly<Record<string, string>>;
}

/** A request parameter as the spec declares it (`in: cookie` is not validated, as in Prism's mock). */
export interface MockParameter {
  readonly name: string;
  readonly in: "query" | "header" | "path" | "cookie";
  readonly required?: boolean;
  readonly schema?: ValidationSchema;
}

export interface MockRequest {
  readonly parameters?: readonly MockParameter[];
  /** The JSON body's schema; `$ref`s point into `MockData.schemas` as `#/components/schemas/<name>`. */
  readonly body?: { readonly required?: boolean; readonly schema?: ValidationSchema };
}

/** A JSON Schema as the spec writes it (descriptions and examples left out), for ajv. */
export type ValidationSchema = Readonly<Record<string, unknown>> | boolean;

/** A security scheme of the spec, as far as a mock checks it: is the credential there at all. */
export interface MockSecurityScheme {
  readonly type: string;
  readonly in?: string;
  readonly name?: string;
  readonly scheme?: string;
}

export interface MockData {
  readonly vendor: string;
  readonly operations: readonly MockOperation[];
  /** The spec's security schemes by name, and the document's requirements (alternatives of scheme names). */
  readonly securitySchemes?: Readonly<Record<string, MockSecurityScheme>>;
  readonly security?: readonly (readonly string[])[];
  /** The `components.schemas` the request schemas refer to. */
  readonly schemas?: Readonly<Record<string, ValidationSchema>>;
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
  /**
   * Check each request as Prism does before any handler answers: its credentials (401), parameters and JSON body
   * against the spec (422, Prism's violations). Default true; `false` lets anything through to the handlers.
   */
  validate?: boolean;
  /**
   * What an operation answers by default: `"seeded"` (default) the vendor's seeded zh-CN dataset (lists of 11–49
   * records paged for real, ids that get finds, creates and updates kept for the session); `"examples"` the spec's
   * first example, as before. `Prefer: example=<name>` and scenario() answer the doc examples either way.
   */
  data?: "seeded" | "examples";
  /** Larger request bodies are answered 413 before they are parsed. Default 1 MiB. */
  maxBodyBytes?: number;
  /** JSON bodies nested deeper than this are answered 422 before they are parsed. Default 64. */
  maxJsonDepth?: number;
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
  /** The seeded dataset's records of an entity, copied: what a stateful handler's collection starts from. */
  records(entity: string): Record<string, unknown>[];
  /** False with `data: "examples"`: a stateful handler then starts from the doc examples too. */
  readonly seeded: boolean;
}

export interface VendorMocks<Paths extends {}, E extends ExampleTable> {
  readonly vendor: string;
  /** The base URL the handlers answer on (`"*"`: any origin). */
  readonly baseUrl: string;
  /** The body caps in force (`pnpm mock --msw` stops reading a body at `maxBodyBytes`). */
  readonly limits: { readonly maxBodyBytes: number; readonly maxJsonDepth: number };
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
  /** The seeded records of an entity (`"customer"`, `"tag"`…, as the spec's x-unified/x-mock name it), copied. */
  records(entity: string): Record<string, unknown>[];
  /** The store and the seeded dataset back to their seed, and the generated data back to its first value. */
  reset(): void;
}
