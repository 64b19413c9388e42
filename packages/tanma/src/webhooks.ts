// Node-only (node:crypto): the callback receiver lives in its own subpath, so the client entry stays platform-neutral.
import {
  createWebhookReceiver,
  type TanmaWebhookReceiver,
  type WebhookReceiverOptions,
} from "@scrm-openapi/core/webhooks";
import { meta, webhookCrypto } from "./generated/meta.js";
import type { WebhookPayload } from "./generated/schema.js";

export { MemoryReplayGuard, type ReplayGuard, readRequestBody, ScrmWebhookError } from "@scrm-openapi/core/webhooks";
export type { WebhookPayload, WebhookPayloads } from "./generated/schema.js";

export interface TanmaWebhookOptions extends Omit<WebhookReceiverOptions, "encryptedField"> {
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
export function createTanmaWebhookReceiver(options: TanmaWebhookOptions): TanmaWebhookReceiver<WebhookPayload> {
  const { appId, appKey, corpId, ...receiver } = options;
  return createWebhookReceiver(
    meta.vendor.id,
    webhookCrypto,
    { appId, appKey, ...(corpId === undefined ? {} : { corpId }) },
    receiver,
  );
}
