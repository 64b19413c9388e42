import type { FetchResponse, MaybeOptionalInit, QuerySerializer, QuerySerializerOptions } from "openapi-fetch";
import type { RetryOptions } from "./options.js";

// The client keeps openapi-fetch's call shape and types (`GET(path, { params, body })`), but runs every call through
// our pipeline, which throws every failure: so a resolved call always holds the success body, and these types say so.

/** Per-call settings on top of openapi-fetch's init. */
export interface CallOptions {
  signal?: AbortSignal | null;
  /** This call's bound on one HTTP exchange (ms, 0 = none). */
  timeoutMs?: number;
  /** This call's bound on the whole call: rate-limit wait, attempts and backoff (ms). */
  deadlineMs?: number;
  /** This call's retry policy (`false`: send once). */
  retry?: RetryOptions | false;
}

/** What the runtime reads from an init at run time (the types come from openapi-fetch). */
export interface RequestInitLike {
  params?: { query?: Record<string, unknown>; path?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: unknown;
  /** A function (query) => string (openapi-fetch's options object is not supported). */
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: (body: never) => unknown;
}

type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
type MediaType = `${string}/${string}`;
type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];
type Operation<PathItem, M extends HttpMethod> = PathItem extends { [K in M]: infer O } ? O : never;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how an optional key is detected.
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & CallOptions)?] : [Init & CallOptions];

/** What every resolved call holds besides its data. */
export interface OkMetadata {
  /** The raw Response (its body already read into `data`): status, headers. */
  response: Response;
  /**
   * The vendor's request id (the response header the spec names in `x-vendor.requestIdHeader`), or, when the answer
   * carries none, the id this client gave the call in its logs and errors: quote it when asking the vendor's support.
   */
  readonly requestId: string;
}

/** An untyped call's result (`request(method, path, init)`). */
export interface OkResult extends OkMetadata {
  data: unknown;
}

/** What a resolved call holds: the success body (never undefined), the raw Response and the request id. */
export interface OkResponse<Op, Init, Media extends MediaType> extends OkMetadata {
  data: NonNullable<FetchResponse<Op & Record<string | number, unknown>, Init, Media>["data"]>;
}

export type OkMethod<Paths, M extends HttpMethod, Media extends MediaType = "application/json"> = <
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<OkResponse<Operation<Paths[Path], M>, Init, Media>>;

/** GET/POST/… typed from the spec's paths, resolving to `{ data, response, requestId }` only. */
export interface OkClient<Paths extends {}> {
  GET: OkMethod<Paths, "get">;
  POST: OkMethod<Paths, "post">;
  PUT: OkMethod<Paths, "put">;
  PATCH: OkMethod<Paths, "patch">;
  DELETE: OkMethod<Paths, "delete">;
  /**
   * The escape hatch for an operation the vendor publishes but the spec does not have yet: any method and path, run
   * through the same pipeline as a typed call (auth or signing, envelope, retries, rate limits, typed errors). Only
   * the types are missing: `data` is `unknown`. The spec's operation is used when the path is one it has.
   */
  request(method: string, path: string, init?: RequestInitLike & CallOptions): Promise<OkResult>;
}
