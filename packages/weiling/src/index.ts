import { type CommonClientOptions, createVendorClient, type VendorClient } from "@scrm-openapi/core";
import { meta } from "./generated/meta.js";
import type { components, operations, paths } from "./generated/schema.js";

export interface WeilingClientOptions extends CommonClientOptions {
  /** app_id of the 开放平台 app (设置 → 开放平台). */
  appId: string;
  /** app_secret of that app. Never logged nor put in an error. */
  appSecret: string;
}

export type WeilingClient = VendorClient<paths, typeof meta>;

/** A typed 卫瓴 client: fetches and caches the access token itself and throws code ≠ 0 as ScrmApiError. */
export function createWeilingClient(options: WeilingClientOptions): WeilingClient {
  const { appId, appSecret, ...common } = options;
  return createVendorClient<paths, typeof meta>(meta, { ...common, credentials: { appId, appSecret } });
}

export { meta };
export type { components, operations, paths };
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
