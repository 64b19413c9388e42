// Every webhook example of specs/weiling through the receiver (tools/testing/src/webhook-examples.ts).
import { describeWebhookExamples, webhookCases } from "@scrm-openapi/testing";
import { createWeilingWebhookReceiver } from "../src/webhooks.js";

const receiver = createWeilingWebhookReceiver({ token: "callback-token", encodingAESKey: "k".repeat(43) });
const { cases } = await webhookCases("weiling");
describeWebhookExamples("weiling", cases, receiver, (i) => ({ timestamp: String(1764500000 + i), nonce: `n${i}` }));
