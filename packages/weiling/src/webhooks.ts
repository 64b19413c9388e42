// Node-only (node:crypto): the callback receiver lives in its own subpath, so the client entry stays platform-neutral.
import {
  createWebhookReceiver,
  type WebhookReceiverOptions,
  type WecomWebhookReceiver,
} from "@scrm-openapi/core/webhooks";
import { meta, webhookCrypto } from "./generated/meta.js";
import type { WebhookPayload } from "./generated/schema.js";

export { MemoryReplayGuard, type ReplayGuard, readRequestBody, ScrmWebhookError } from "@scrm-openapi/core/webhooks";
export type { WebhookPayload, WebhookPayloads } from "./generated/schema.js";

export interface WeilingWebhookOptions extends Omit<WebhookReceiverOptions, "encryptedField"> {
  /** Token set for the 事件回调 URL. Never logged nor put in an error. */
  token: string;
  /** The 43-character EncodingAESKey. Never logged nor put in an error. */
  encodingAESKey: string;
  /** Weiling does not say what the plaintext's trailing id is: it is checked only when you pass the expected value. */
  receiveId?: string;
}

/** Verifies and decrypts 卫瓴 事件回调 (URL verification and event POSTs); reply `receiver.ack` ("success") within 1 s. */
export function createWeilingWebhookReceiver(options: WeilingWebhookOptions): WecomWebhookReceiver<WebhookPayload> {
  const { token, encodingAESKey, receiveId, ...receiver } = options;
  return createWebhookReceiver(
    meta.vendor.id,
    webhookCrypto,
    { token, encodingAESKey, ...(receiveId === undefined ? {} : { receiveId }) },
    receiver,
  );
}
