import {
  type CommonClientOptions,
  createLimiter,
  createPaginate,
  createVendorClient,
  tokenAuth,
  type VendorClient,
} from "@scrm-openapi/core";
import { meta, pagination } from "./generated/meta.js";
import type { components, operations, paths } from "./generated/schema.js";

/**
 * How long this client keeps a Weiling access token when you do not say otherwise: 1 hour.
 *
 * Used only when the token answer carries no `expires_in`. The page body of 1.1 获取access_token could not be read;
 * the docs' index (llms.txt) describes `expires_in`, normally 7200 s, and the client uses it when it comes. Weiling
 * documents no token-invalid code, so the client cannot notice an expired token and replay the call: without a
 * lifetime it refreshes on this schedule (our choice, half of the usual 2 h; with the default 300 s margin a token
 * is replaced after 55 minutes). Override it with `tokenTtlSeconds` once you know your tenant's real lifetime.
 */
export const WEILING_DEFAULT_TOKEN_TTL_SECONDS = 3600;

export interface WeilingClientOptions extends CommonClientOptions {
  /** app_id of the 开放平台 app (设置 → 开放平台 → 创建应用). */
  appId: string;
  /** app_secret of that app. Sent only to the token call; never logged nor put in an error. */
  appSecret: string;
  /**
   * Seconds to keep a fetched token (a positive number). Default {@link WEILING_DEFAULT_TOKEN_TTL_SECONDS} (1 h):
   * our conservative choice for answers without `expires_in`, because Weiling documents no expiry code. The token is
   * refreshed `tokenRefreshMarginSeconds` (default 300, at most half the TTL) before this runs out.
   */
  tokenTtlSeconds?: number;
}

export type WeilingClient = VendorClient<paths, typeof meta>;

/**
 * A typed 卫瓴 client. It fetches the access token itself (GET with `app_id`/`app_secret` in the query), sends it as
 * the `access_token` query parameter on every other call, refreshes it every `tokenTtlSeconds`, and throws any
 * `code` other than 0 / "0" as a ScrmApiError.
 */
export function createWeilingClient(options: WeilingClientOptions): WeilingClient {
  const { appId, appSecret, tokenTtlSeconds = WEILING_DEFAULT_TOKEN_TTL_SECONDS, ...common } = options;
  if (!(Number.isFinite(tokenTtlSeconds) && tokenTtlSeconds > 0)) {
    // Without a positive TTL the token would be kept forever: Weiling gives no code to notice its expiry.
    throw new TypeError(`[weiling] tokenTtlSeconds must be a positive number of seconds, got ${tokenTtlSeconds}`);
  }
  return createVendorClient<paths, typeof meta>(
    meta,
    {
      ...common,
      tokenTtlSeconds,
      credentials: { appId, appSecret },
    },
    { auth: tokenAuth, limiter: createLimiter },
  );
}

export type { components, operations, paths };
export { meta };

/** Walks every page of a list operation (x-pagination), yielding its items: `for await (const x of paginate(client, path, init))`. */
export const paginate = /* @__PURE__ */ createPaginate<paths, typeof pagination>(pagination);
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
