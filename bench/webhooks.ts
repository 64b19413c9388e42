// Per-callback cost of a webhook receiver: open() (verify + decrypt + parse) against the router's web handler
// (Request in, Response out: body read, open, route, ack), per style, on the built packages. `tsx webhooks.ts`.

import { createTanmaWebhookReceiver, createTanmaWebhooks } from "@scrm-openapi/tanma/webhooks";
import { createWebHandler, createWeilingWebhookReceiver, createWeilingWebhooks } from "@scrm-openapi/weiling/webhooks";

const RUNS = 2000;
async function perCall(label: string, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await fn(i);
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) await fn(i);
  console.log(`${label}: ${(((performance.now() - start) / RUNS) * 1000).toFixed(1)} µs per callback`);
}

const wl = { token: "bench-token", encodingAESKey: "b".repeat(43) };
const wlMessage = {
  header: { event_type: "opportunity_add", time_stamp: "1", to_app: "x" },
  event: { business_id: "B" },
};
const wlSealed = await createWeilingWebhookReceiver(wl).seal(wlMessage, { timestamp: "1700000000", nonce: "n" });
const wlReceiver = createWeilingWebhookReceiver(wl);
const wlHandle = createWebHandler(createWeilingWebhooks(wl).on("opportunityAdd", () => undefined));
const wlQuery = new URLSearchParams(wlSealed.query).toString();
await perCall("sha1-aes-cbc open()", () => wlReceiver.open({ query: wlSealed.query, body: wlSealed.body ?? "" }));
await perCall("sha1-aes-cbc web handler", () =>
  wlHandle(new Request(`http://x/cb?${wlQuery}`, { method: "POST", body: wlSealed.body ?? "" })),
);

const tm = { appId: "ww1_bench", appKey: "bench-key" };
const tmSealed = await createTanmaWebhookReceiver(tm).seal(
  { type: "tag_info", noise: 1 },
  { timestamp: "1", version: "1" },
);
const tmReceiver = createTanmaWebhookReceiver(tm);
const tmHandle = createWebHandler(createTanmaWebhooks(tm).on("tag_info", () => undefined));
await perCall("sha256-aes-ctr open()", () => tmReceiver.open({ headers: tmSealed.headers, body: tmSealed.body }));
await perCall("sha256-aes-ctr web handler", () =>
  tmHandle(new Request("http://x/cb", { method: "POST", headers: tmSealed.headers, body: tmSealed.body })),
);
