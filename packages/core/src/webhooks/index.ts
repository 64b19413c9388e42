/**
 * `@scrm-openapi/core/webhooks`: callback (webhook) verification and decryption, driven by a spec's `x-webhook-crypto`
 * (`webhookCrypto` from codegen). One file per crypto style, named by its algorithm: sha1-aes-cbc.ts (WeCom's
 * WXBizMsgCrypt) and sha256-aes-ctr.ts; guard.ts bounds size, age and replays; codec.ts and json.ts are shared bytes.
 *
 * The signature is always checked before anything is decrypted (so bad padding cannot be probed without the token),
 * with a constant-time compare. Every rejected request throws ScrmWebhookError; no message carries a secret or the
 * expected signature (which would let a caller forge that one message).
 *
 * Options bound what an attacker can make a receiver do: `maxBodyBytes` (default 1 MiB), an optional timestamp window
 * (`maxAgeSeconds`: the vendors sign a timestamp but document no window) and an optional replay guard (a message
 * seen before within `replayWindowSeconds` is rejected). What each style cannot protect is said in its file.
 *
 * `createWebhookRouter` routes opened callbacks by the spec's webhook names (on, onAny, onUnknown, onError);
 * `createWebHandler` serves it as `(request: Request) => Promise<Response>`, and `./webhooks/node` on node:http,
 * Express, Fastify and Koa. Everything runs on Web Crypto (`webCrypto`) unless the `crypto` option says otherwise:
 * `nodeCrypto` from `./webhooks/node` runs the same operations on node:crypto, without a worker-thread hop per call.
 *
 * `seal` / `sealEcho` do the sending side. They exist for tests and local development (replaying a callback into
 * your own receiver); production traffic comes from the vendor.
 */
export { ScrmWebhookError, type WebhookFailure } from "../errors.js";
export type { Sha1AesCbcCryptoMeta, Sha256AesCtrCryptoMeta, WebhookCryptoMeta } from "../meta.js";
export { MemoryReplayGuard } from "./guard.js";
export { parseJsonLossless } from "./json.js";
export { readRequestBody } from "./read-body.js";
export { createWebhookReceiver } from "./receiver.js";
export {
  type AnyWebhookEvent,
  createWebhookRouter,
  type RoutableReceiver,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookReply,
  type WebhookRouter,
  type WebhookRouterOptions,
} from "./router.js";
export { webCrypto } from "./subtle.js";
export type {
  HeadersInput,
  JsonValue,
  OpenedWebhook,
  QueryInput,
  ReplayGuard,
  Sha1AesCbcReceiver,
  Sha1AesCbcSealed,
  Sha1AesCbcSealOptions,
  Sha1AesCbcSecrets,
  Sha256AesCtrReceiver,
  Sha256AesCtrSealOptions,
  Sha256AesCtrSecrets,
  TanmaWebhookReceiver,
  WebhookCrypto,
  WebhookReceiverFor,
  WebhookReceiverOptions,
  WebhookRequest,
  WebhookSecretsFor,
  WecomWebhookReceiver,
} from "./types.js";
export { createWebHandler } from "./web.js";
