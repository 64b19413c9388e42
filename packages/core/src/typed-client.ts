import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";

// openapi-fetch types every call as `{ data } | { error }`. Our pipeline throws every failure (ScrmError), so a
// resolved call always holds the success body: these types say so, sparing callers a `data?.` on every line.
// They follow openapi-fetch 0.17's ClientMethod with only the return type changed.

type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
type MediaType = `${string}/${string}`;
type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];
type Operation<PathItem, M extends HttpMethod> = PathItem extends { [K in M]: infer O } ? O : never;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how an optional key is detected.
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** What a resolved call holds: the success body (never undefined) and the raw Response. */
export interface OkResponse<Op, Init, Media extends MediaType> {
  data: NonNullable<FetchResponse<Op & Record<string | number, unknown>, Init, Media>["data"]>;
  response: Response;
}

export type OkMethod<Paths, M extends HttpMethod, Media extends MediaType> = <
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<OkResponse<Operation<Paths[Path], M>, Init, Media>>;

/** openapi-fetch's Client with GET/POST/… resolving to `{ data, response }` only. */
export type OkClient<Paths extends {}, Media extends MediaType = "application/json"> = Omit<
  Client<Paths, Media>,
  HttpMethod extends infer M ? Uppercase<M & string> : never
> & {
  GET: OkMethod<Paths, "get", Media>;
  POST: OkMethod<Paths, "post", Media>;
  PUT: OkMethod<Paths, "put", Media>;
  PATCH: OkMethod<Paths, "patch", Media>;
  DELETE: OkMethod<Paths, "delete", Media>;
};
