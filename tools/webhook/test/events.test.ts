// Normalized events, golden per vendor: every example message the specs give for a webhook is sealed as the vendor
// would, sent through the vendor's own router (its web handler) extended with withNormalizedEvents, and what comes out
// is compared with test/golden/<vendor>.json: the normalized event, or null where the spec maps none for the message.
// UPDATE_GOLDEN=1 rewrites the files (read the diff before committing it).
import { readFileSync, writeFileSync } from "node:fs";
import type { WebhookRouter } from "@scrm-openapi/core/webhooks";
import { events as tanmaEvents } from "@scrm-openapi/tanma/unified";
import { createTanmaWebhookReceiver, createTanmaWebhooks } from "@scrm-openapi/tanma/webhooks";
import {
  type NormalizedEvent,
  type NormalizedEvents,
  type VendorEvents,
  withNormalizedEvents,
} from "@scrm-openapi/unified/events";
import { events as weibanEvents } from "@scrm-openapi/weiban/unified";
import { createWeibanWebhookReceiver, createWeibanWebhooks } from "@scrm-openapi/weiban/webhooks";
import { events as weilingEvents } from "@scrm-openapi/weiling/unified";
import { createWebHandler, createWeilingWebhookReceiver, createWeilingWebhooks } from "@scrm-openapi/weiling/webhooks";
import { describe, expect, it } from "vitest";
import { loadVendor } from "../src/index.js";

const SIGNED_AT = 1_764_990_000_000;
const cbc = { token: "golden-token", encodingAESKey: "g".repeat(43) };
const ctr = { appId: "ww51046ddc4f4df510_NjaEnW", appKey: "golden-app-key" };

interface Wiring {
  events: VendorEvents;
  /** The vendor's router with normalized events, and its web handler. */
  setup: () => { router: NormalizedEvents; handle: (request: Request) => Promise<Response> };
  /** The request a vendor would send for `message`. */
  request: (message: unknown, nonce: number) => Promise<Request>;
}

const cbcRequest =
  (seal: ReturnType<typeof createWeilingWebhookReceiver>["seal"]) => async (message: unknown, nonce: number) => {
    const sealed = await seal(message as never, { timestamp: String(SIGNED_AT / 1000), nonce: String(nonce) });
    const query = new URLSearchParams(sealed.query);
    return new Request(`http://receiver.test/cb?${query}`, { method: "POST", body: sealed.body ?? "" });
  };

const serve = <P>(router: WebhookRouter<P> & NormalizedEvents) => ({ router, handle: createWebHandler(router) });

const WIRING: Record<string, Wiring> = {
  weiling: {
    events: weilingEvents,
    setup: () => serve(withNormalizedEvents(createWeilingWebhooks(cbc), weilingEvents)),
    request: cbcRequest(createWeilingWebhookReceiver(cbc).seal),
  },
  weiban: {
    events: weibanEvents,
    setup: () =>
      serve(withNormalizedEvents(createWeibanWebhooks({ ...cbc, corpId: "ww0123456789abcdef" }), weibanEvents)),
    request: cbcRequest(createWeibanWebhookReceiver({ ...cbc, corpId: "ww0123456789abcdef" }).seal),
  },
  tanma: {
    events: tanmaEvents,
    setup: () => serve(withNormalizedEvents(createTanmaWebhooks({ ...ctr, reply: () => "ok" }), tanmaEvents)),
    request: async (message) => {
      const sealed = await createTanmaWebhookReceiver(ctr).seal(message as never, {
        timestamp: String(SIGNED_AT),
        version: "1",
      });
      return new Request("http://receiver.test/push", { method: "POST", headers: sealed.headers, body: sealed.body });
    },
  },
};

/** What the golden file keeps of an event: its JSON form (fetch is a method). */
const plain = (event: NormalizedEvent | undefined) => (event ? JSON.parse(JSON.stringify(event)) : null);

describe.each(Object.keys(WIRING))("%s webhooks → normalized events", (vendor) => {
  it("every example of the spec, sealed and routed, normalizes as the golden file says", async () => {
    const wiring = WIRING[vendor] as Wiring;
    const spec = await loadVendor(vendor);
    const got: Record<string, unknown[]> = {};
    const statuses = new Set<number>();
    let nonce = 0;
    const { router, handle } = wiring.setup();
    let last: NormalizedEvent | undefined;
    router.onAnyNormalized((event) => {
      last = event;
    });
    for (const webhook of spec.webhooks) {
      if (webhook.examples.length === 0) continue;
      got[webhook.name] = [];
      for (const example of webhook.examples) {
        last = undefined;
        const answer = await handle(await wiring.request(example, ++nonce));
        statuses.add(answer.status);
        got[webhook.name]?.push(plain(last));
      }
    }
    expect([...statuses]).toEqual([200]);
    const file = new URL(`golden/${vendor}.json`, import.meta.url);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(file, "utf8")));
    // Only mapped webhooks normalize (an unmapped one never does); a vendor with mappings normalizes some example.
    for (const [name, list] of Object.entries(got)) {
      if (!(name in wiring.events.mappings)) expect(list.every((event) => event === null)).toBe(true);
    }
    const mapped = Object.keys(wiring.events.mappings).length > 0;
    expect(Object.values(got).some((list) => list.some((event) => event !== null))).toBe(mapped);
  });
});

describe("the normalizing router", () => {
  it("routes by type and keeps the vendor's handlers; what a normalized handler throws is not acknowledged", async () => {
    const spec = await loadVendor("weiling");
    const example = spec.webhooks.find((w) => w.name === "opportunityAdd")?.example;
    const seen: string[] = [];
    let fail = true;
    const router = withNormalizedEvents(createWeilingWebhooks(cbc), weilingEvents)
      .on("opportunityAdd", (event) => {
        seen.push(`on ${event.message.event?.business_name}`);
      })
      .onNormalized(["opportunity.created", "opportunity.updated"], (event) => {
        if (fail) throw new Error("database down");
        seen.push(`${event.type} ${event.record.name} ${event.actor?.staffId}`);
      })
      .onNormalized("customer.created", () => {
        seen.push("never");
      });
    const handle = createWebHandler(router);
    const request = cbcRequest(createWeilingWebhookReceiver(cbc).seal);
    expect((await handle(await request(example, 1))).status).toBe(500);
    fail = false;
    expect((await handle(await request(example, 2))).status).toBe(200);
    expect(seen).toEqual([
      "on 但是方法",
      "on 但是方法",
      "opportunity.created 但是方法 weiling:staff:wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY",
    ]);
  });

  it("refuses another vendor's events; an unmapped or unclear message normalizes to undefined", () => {
    expect(() => withNormalizedEvents(createWeilingWebhooks(cbc), tanmaEvents)).toThrow(
      /tanma events; pass the ones of weiling/,
    );
    const router = withNormalizedEvents(createTanmaWebhooks(ctr), tanmaEvents);
    expect(router.normalize({ name: "register", message: { type: "register", content: "hello" } })).toBeUndefined();
    const change = (content: object) => router.normalize({ name: "change_corp_tag", message: { content } });
    expect(change({ tagType: "tag", changeType: "rename", tagId: 1 })).toBeUndefined();
    expect(change({ tagType: "tag", changeType: "delete", tagId: "" })).toBeUndefined();
    expect(change({ tagType: "tag", changeType: "delete", tagId: 8334 })).toMatchObject({
      type: "tag.deleted",
      id: "tanma:tag:8334",
    });
    expect(change({ tagType: "tag", changeType: "delete", tagId: 8334 })?.time).toBeUndefined();
  });
});
