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

export interface WeibanWebhookOptions extends Omit<WebhookReceiverOptions, "encryptedField"> {
  /** Token set for the 消息订阅 URL. Never logged nor put in an error. */
  token: string;
  /** The 43-character EncodingAESKey. Never logged nor put in an error. */
  encodingAESKey: string;
  /** ReceiveId = CorpId: the plaintext's trailing id must equal it (Weiban's docs do not say which corp id form). */
  corpId: string;
}

/** Verifies and decrypts 微伴 消息订阅 callbacks (WBMsgCrypt); reply `receiver.ack` after `open`. */
export function createWeibanWebhookReceiver(options: WeibanWebhookOptions): WecomWebhookReceiver<WebhookPayload> {
  const { token, encodingAESKey, corpId, ...receiver } = options;
  return createWebhookReceiver(meta.vendor.id, webhookCrypto, { token, encodingAESKey, receiveId: corpId }, receiver);
}
