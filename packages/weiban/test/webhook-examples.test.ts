// Every webhook example of specs/weiban through the receiver (tools/testing/src/webhook-examples.ts).
import { describeWebhookExamples, webhookCases } from "@scrm-openapi/testing";
import { createWeibanWebhookReceiver } from "../src/webhooks.js";

const receiver = createWeibanWebhookReceiver({
  token: "callback-token",
  encodingAESKey: "k".repeat(43),
  corpId: "wwmockcorp",
});
const { cases } = await webhookCases("weiban");
describeWebhookExamples("weiban", cases, receiver, (i) => ({ timestamp: String(1764500000 + i), nonce: `n${i}` }));
