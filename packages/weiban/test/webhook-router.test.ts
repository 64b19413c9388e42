// The router of specs/weiban: its one documented webhook takes every callback (no typeField).
import { describeWebhookRouting, webhookCases } from "@scrm-openapi/testing";
import { createWebHandler, createWeibanWebhookReceiver, createWeibanWebhooks } from "../src/webhooks.js";

const secrets = { token: "callback-token", encodingAESKey: "k".repeat(43), corpId: "wwmockcorp" };
const sender = createWeibanWebhookReceiver(secrets);
const router = createWeibanWebhooks(secrets);
const { cases } = await webhookCases("weiban");
describeWebhookRouting("weiban", cases, router, createWebHandler(router), async (message, i) => {
  const { query, body } = await sender.seal(message as never, { timestamp: String(1764500000 + i), nonce: `r${i}` });
  return { query, body };
});
