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

export interface WeibanClientOptions extends CommonClientOptions {
  /** 企业 corp_id from the Weiban console (应用中心 → 开放平台接入). */
  corpId: string;
  /** The 开放平台 secret. Never logged nor put in an error. */
  secret: string;
}

export type WeibanClient = VendorClient<paths, typeof meta>;

/** A typed 微伴助手 client: fetches and caches the access token itself and throws errcode ≠ 0 as ScrmApiError. */
export function createWeibanClient(options: WeibanClientOptions): WeibanClient {
  const { corpId, secret, ...common } = options;
  return createVendorClient<paths, typeof meta>(
    meta,
    { ...common, credentials: { corpId, secret } },
    { auth: tokenAuth, limiter: createLimiter },
  );
}

export type { components, operations, paths };
export { meta };

/** Walks every page of a list operation (x-pagination), yielding its items: `for await (const x of paginate(client, path, init))`. */
export const paginate = /* @__PURE__ */ createPaginate<paths, typeof pagination>(pagination);
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
