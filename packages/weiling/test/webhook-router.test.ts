// The typed router of specs/weiling: every example routed by header.event_type (x-webhook-crypto typeField).
import { webCrypto } from "@scrm-openapi/core/webhooks";
import { nodeCrypto } from "@scrm-openapi/core/webhooks/node";
import { describeWebhookRouting, webhookCases } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createWebHandler, createWeilingWebhookReceiver, createWeilingWebhooks } from "../src/webhooks.js";

const secrets = { token: "callback-token", encodingAESKey: "k".repeat(43) };
const sender = createWeilingWebhookReceiver(secrets);
const router = createWeilingWebhooks(secrets);
const { cases } = await webhookCases("weiling");
describeWebhookRouting("weiling", cases, router, createWebHandler(router), async (message, i) => {
  const { query, body } = await sender.seal(message as never, { timestamp: String(1764500000 + i), nonce: `r${i}` });
  return { query, body };
});

describe("weiling router types", () => {
  // The router factory passes `crypto` to its receiver; the sender seals on Web Crypto either way.
  it.each([
    ["webCrypto", webCrypto],
    ["nodeCrypto", nodeCrypto],
  ] as const)("on() hands the handler the payload typed from WebhookPayloads (%s)", async (_, crypto) => {
    const seen: string[] = [];
    const typed = createWeilingWebhooks({ ...secrets, crypto }).on("opportunityAdd", (event) => {
      seen.push(event.message.event?.business_id ?? "");
    });
    const example = cases.find((c) => c.name === "opportunityAdd")?.example;
    const { query, body } = await sender.seal(example as never, { timestamp: "1764500000", nonce: "t" });
    const res = await createWebHandler(typed)(
      new Request(`http://x/cb?${new URLSearchParams(query)}`, { method: "POST", body: body ?? "" }),
    );
    expect([res.status, await res.text()]).toEqual([200, "success"]);
    expect(seen).toEqual([(example as { event: { business_id: string } }).event.business_id]);
  });
});
