// generated/webhooks.ts: the Node receiver of a vendor that declares x-webhook-crypto (its own subpath, so the
// client entry stays platform-neutral).
import { isCbc } from "../extensions.js";
import type { VendorModel } from "../model.js";
import { HEADER, pascal } from "./common.js";

export function renderWebhooks(model: VendorModel): string | undefined {
  const { id, webhookCrypto: crypto } = model;
  if (!crypto) return undefined;
  const Name = pascal(id);
  const wecom = isCbc(crypto);
  const receiveId = crypto.receiveId;
  const fields = wecom
    ? [
        `  /** The callback Token set in the vendor's console. Never logged nor put in an error. */\n  token: string;`,
        `  /** The 43-character EncodingAESKey. Never logged nor put in an error. */\n  encodingAESKey: string;`,
        receiveId
          ? `  /** The value the decrypted message's trailing id must equal (the spec's receiveId). */\n  ${receiveId}: string;`
          : `  /** The docs do not say what the trailing id is: it is checked only when you pass the expected value. */\n  receiveId?: string;`,
      ]
    : [
        `  /** The app's appId, checked against the push's appId header. */\n  appId: string;`,
        `  /** Checks the push sign and derives the AES key. Never logged nor put in an error. */\n  appKey: string;`,
        `  /** The IV input; by default the part of appId before the spec's corpIdSeparator. */\n  corpId?: string;`,
      ];
  const secrets = wecom
    ? receiveId
      ? `const { token, encodingAESKey, ${receiveId}, ...receiver } = options;\n  return createWebhookReceiver(meta.vendor.id, webhookCrypto, { token, encodingAESKey, receiveId: ${receiveId} }, receiver);`
      : `const { token, encodingAESKey, receiveId, ...receiver } = options;\n  return createWebhookReceiver(\n    meta.vendor.id,\n    webhookCrypto,\n    { token, encodingAESKey, ...(receiveId === undefined ? {} : { receiveId }) },\n    receiver,\n  );`
    : `const { appId, appKey, corpId, ...receiver } = options;\n  return createWebhookReceiver(\n    meta.vendor.id,\n    webhookCrypto,\n    { appId, appKey, ...(corpId === undefined ? {} : { corpId }) },\n    receiver,\n  );`;
  const kind = wecom ? "Sha1AesCbcReceiver" : "Sha256AesCtrReceiver";
  return `${HEADER(id)}// Web Crypto: the receiver runs on Node, Deno, Bun and Workers; its own subpath keeps it out of client bundles.
import {
  createWebhookReceiver,
  createWebhookRouter,
  type ${kind},
  type WebhookReceiverOptions,
  type WebhookRouter,
  type WebhookRouterOptions,
} from "@scrm-openapi/core/webhooks";
import { meta, webhookCrypto, webhooks } from "./meta.js";
import type { WebhookPayload, WebhookPayloads } from "./schema.js";

export {
  createWebHandler,
  MemoryReplayGuard,
  type ReplayGuard,
  readRequestBody,
  ScrmWebhookError,
} from "@scrm-openapi/core/webhooks";
export type { WebhookPayload, WebhookPayloads } from "./schema.js";

export interface ${Name}WebhookOptions extends Omit<WebhookReceiverOptions, "encryptedField"> {
${fields.join("\n")}
}

/**
 * Verifies and decrypts ${model.name} callbacks as its spec's x-webhook-crypto describes (${crypto.style}); \`open()\`
 * resolves with the decrypted message, typed as the spec's webhook payloads. Reply \`receiver.ack\` when it is defined.
 */
export function create${Name}WebhookReceiver(options: ${Name}WebhookOptions): ${kind}<WebhookPayload> {
  ${secrets}
}

/**
 * ${model.name} callbacks as a typed event stream: \`on("<webhook name>", handler)\` with the spec's payload type,
 * \`onAny\`, \`onUnknown\` (acknowledged, never thrown) and \`onError\`. Serve it with \`createWebHandler(router)\`
 * (Workers, Deno, Bun, route handlers) or \`createNodeMiddleware(router)\` from \`@scrm-openapi/core/webhooks/node\`.
 */
export function create${Name}Webhooks(
  options: ${Name}WebhookOptions & WebhookRouterOptions,
): WebhookRouter<WebhookPayloads> {
  const { reply, ...receiver } = options;
  return createWebhookRouter<WebhookPayloads>(create${Name}WebhookReceiver(receiver), webhooks, webhookCrypto, options);
}
`;
}
