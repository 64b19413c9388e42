import {
  type CommonClientOptions,
  createPaginate,
  createVendorClient,
  type FetchedToken,
  tokenAuth,
  type VendorClient,
} from "@scrm-openapi/core";
import { meta, pagination } from "./generated/meta.js";
import type { components, operations, paths } from "./generated/schema.js";

export interface PlanyunClientOptions extends Omit<CommonClientOptions, "baseUrl"> {
  /**
   * The Planyun API base URL, e.g. `https://<api host>` as given by Planyun. **Required**: Planyun documents no API
   * host (its curl samples use relative paths) and the spec's server is only the docs host, so the client never
   * guesses where to send your bearer token. For local work use the mock: `pnpm mock planyun` → http://127.0.0.1:4013.
   */
  baseUrl: string;
  /**
   * Returns a Planyun access token: a string, or `{ accessToken, expiresIn }` with the lifetime in seconds.
   * Planyun does not document its token endpoint, so you fetch the token yourself. The client sends it as
   * `Authorization: Bearer <token>` and:
   * - caches it for `expiresIn` minus `tokenRefreshMarginSeconds`; without `expiresIn`, for `tokenTtlSeconds` if
   *   set, else until Planyun rejects it;
   * - calls this once for any number of concurrent calls (single flight);
   * - on HTTP 401 (the only rejection it recognises: Planyun documents no token-invalid code) calls it again and
   *   replays the request once, whatever the 401's body; a second 401 is thrown, never retried in a loop.
   *
   * If it throws or rejects, the API call rejects with **that same error, unwrapped** (it is your code's failure,
   * not Planyun's); no request is sent and nothing is cached, so the next call asks again.
   */
  getAccessToken: () => Promise<string | FetchedToken>;
}

export type PlanyunClient = VendorClient<paths, typeof meta>;

/**
 * A typed 谱蓝云 client: `Authorization: Bearer` from your `getAccessToken()`, `code ≠ 0` thrown as ScrmApiError.
 *
 * ```ts
 * const planyun = createPlanyunClient({ baseUrl: "https://<api host>", getAccessToken: () => myTokenService.get() });
 * await planyun.POST("/open-api/customer/biz-submit/create-business", { body: { customerId: 100, source: 1 } });
 * ```
 *
 * The query parameters of get-customer-info-extend are undocumented, so the typed client declares none; pass the
 * ones Planyun gives you with openapi-fetch's per-call `querySerializer: () => new URLSearchParams({…}).toString()`.
 *
 * @throws TypeError when `baseUrl` or `getAccessToken` is missing.
 */
export function createPlanyunClient(options: PlanyunClientOptions): PlanyunClient {
  const { baseUrl, getAccessToken, ...common } = options;
  // Checked at run time too, for JavaScript callers: a missing baseUrl must not fall back to the docs host.
  if (typeof baseUrl !== "string" || baseUrl.trim() === "") {
    throw new TypeError(
      "[planyun] baseUrl is required: Planyun documents no API host (the spec's server is only the docs host)",
    );
  }
  if (typeof getAccessToken !== "function") {
    throw new TypeError("[planyun] getAccessToken is required: Planyun's token endpoint is not documented");
  }
  return createVendorClient<paths, typeof meta>(
    meta,
    { ...common, baseUrl, credentials: {}, getAccessToken },
    { auth: tokenAuth },
  );
}

export type { components, operations, paths };
export { meta };

/** Walks every page of a list operation (x-pagination), yielding its items: `for await (const x of paginate(client, path, init))`. */
export const paginate = /* @__PURE__ */ createPaginate<paths, typeof pagination>(pagination);
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
