import { type CommonClientOptions, createVendorClient, type FetchedToken, type VendorClient } from "@scrm-openapi/core";
import { meta } from "./generated/meta.js";
import type { components, operations, paths } from "./generated/schema.js";

export interface PlanyunClientOptions extends CommonClientOptions {
  /**
   * Planyun's token endpoint is not documented, so the caller supplies the token. The client still caches it
   * (for `expiresIn` seconds when given), shares one fetch between concurrent calls and replays once on HTTP 401.
   */
  getAccessToken: () => Promise<string | FetchedToken>;
}

export type PlanyunClient = VendorClient<paths, typeof meta>;

/** A typed 谱蓝云 client: sends `Authorization: Bearer <token>` and throws code ≠ 0 as ScrmApiError. */
export function createPlanyunClient(options: PlanyunClientOptions): PlanyunClient {
  const { getAccessToken, ...common } = options;
  return createVendorClient<paths, typeof meta>(meta, { ...common, credentials: {}, getAccessToken });
}

export { meta };
export type { components, operations, paths };
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
