// The typed router of specs/tanma: every push type routed by its `type` (x-webhook-crypto typeField).
import { describeWebhookRouting, webhookCases } from "@scrm-openapi/testing";
import { createTanmaWebhookReceiver, createTanmaWebhooks, createWebHandler } from "../src/webhooks.js";

const secrets = { appId: "ww51046ddc4f4df510_NjaEnW", appKey: "tanma-push-app-key" };
const sender = createTanmaWebhookReceiver(secrets);
const router = createTanmaWebhooks(secrets);
const { cases } = await webhookCases("tanma");
describeWebhookRouting("tanma", cases, router, createWebHandler(router), (message, i) =>
  sender.seal(message as never, { timestamp: String(1764500000000 + i), version: "1" }),
);
