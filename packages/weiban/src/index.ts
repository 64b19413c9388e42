import {
  type CommonClientOptions,
  createVendorClient,
  createWebhookReceiver,
  type VendorClient,
  type WecomWebhookReceiver,
} from "@scrm-openapi/core";
import { meta } from "./generated/meta.js";
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
  return createVendorClient<paths, typeof meta>(meta, { ...common, credentials: { corpId, secret } });
}

export type { components, operations, paths };
export { meta };
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];

export interface WeibanWebhookOptions {
  /** Token set for the 消息订阅 URL. Never logged nor put in an error. */
  token: string;
  /** The 43-character EncodingAESKey. Never logged nor put in an error. */
  encodingAESKey: string;
  /** ReceiveId = CorpId: the plaintext's trailing id must equal it (Weiban's docs do not say which corp id form). */
  corpId: string;
}

/** Verifies and decrypts 微伴 消息订阅 callbacks (WBMsgCrypt); reply `receiver.ack` after `open`. */
export function createWeibanWebhookReceiver(options: WeibanWebhookOptions): WecomWebhookReceiver {
  const { token, encodingAESKey, corpId } = options;
  return createWebhookReceiver(meta, { token, encodingAESKey, receiveId: corpId });
}
