import {
  type CommonClientOptions,
  createPaginate,
  createVendorClient,
  signatureAuth,
  type VendorClient,
} from "@scrm-openapi/core";
import { meta, pagination } from "./generated/meta.js";
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
  return createVendorClient<paths, typeof meta>(
    meta,
    { ...common, credentials: { appId, appKey } },
    { auth: signatureAuth },
  );
}

export type { components, operations, paths };
export { meta };

/** Walks every page of a list operation (x-pagination), yielding its items: `for await (const x of paginate(client, path, init))`. */
export const paginate = /* @__PURE__ */ createPaginate<paths, typeof pagination>(pagination);
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
