import { type CommonClientOptions, createVendorClient, type VendorClient } from "@scrm-openapi/core";
import { meta } from "./generated/meta.js";
import type { components, operations, paths } from "./generated/schema.js";

export interface TanmaClientOptions extends CommonClientOptions {
  appId: string;
  /** Signs every request; sent as a header only where the docs list it. Never logged nor put in an error. */
  appKey: string;
}

export type TanmaClient = VendorClient<paths, typeof meta>;

/** A typed 探马 client: signs every request (SHA-256 over appId + timestamp + body + appKey) and throws code ≠ 0. */
export function createTanmaClient(options: TanmaClientOptions): TanmaClient {
  const { appId, appKey, ...common } = options;
  return createVendorClient<paths, typeof meta>(meta, { ...common, credentials: { appId, appKey } });
}

export type { components, operations, paths };
export { meta };
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
