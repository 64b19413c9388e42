import {
  type CommonClientOptions,
  createVendorClient,
  createWebhookReceiver,
  type TanmaWebhookReceiver,
  type VendorClient,
} from "@scrm-openapi/core";
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

export interface TanmaWebhookOptions {
  /** The app's appId, checked against the push's appId header. */
  appId: string;
  /** Checks the push `sign` and derives the AES key. Never logged nor put in an error. */
  appKey: string;
  /**
   * The corpid that feeds the decryption IV. Default: the part of appId before "_", as the doc's prose says; the
   * doc's own test vector (appId and corpid both "zc_test") does not follow that rule, so pass it when they differ.
   */
  corpId?: string;
}

/**
 * Verifies and decrypts 探马 pushes (headers appId/timestamp/version/sign, Base64 AES-CTR body). The reply format is
 * not documented (the message's `noise` must be echoed), so `receiver.ack` is undefined; `noise` comes back exact.
 */
export function createTanmaWebhookReceiver(options: TanmaWebhookOptions): TanmaWebhookReceiver {
  const { appId, appKey, corpId } = options;
  return createWebhookReceiver(meta, { appId, appKey, ...(corpId === undefined ? {} : { corpId }) });
}
