// Every push type of specs/tanma: its example encrypted (AES-CTR) and signed as the docs describe, then opened by the
// receiver and told apart by its `type` (tools/testing/src/webhook-examples.ts).
import { describeWebhookExamples, webhookCases } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createTanmaWebhookReceiver } from "../src/webhooks.js";

const receiver = createTanmaWebhookReceiver({ appId: "ww51046ddc4f4df510_NjaEnW", appKey: "tanma-push-app-key" });
const { cases, withoutExample } = await webhookCases("tanma");
describeWebhookExamples("tanma", cases, receiver, (i) => ({ timestamp: String(1764500000000 + i), version: "1" }));

describe("tanma push types", () => {
  it("every push type in the spec has an example, and each type value is distinct", () => {
    expect(withoutExample).toEqual([]);
    const types = cases.map((c) => c.messageType);
    expect(new Set(types).size).toBe(types.length);
  });
});
