// A normalized event's fetch helper: a webhook whose payload is partial gets the whole record from the unified client
// of the same vendor (here Weiling's Prism mock), by the id the event carries; a vendor with no get for the entity
// answers with a typed UnifiedUnsupportedError.

import { events as tanmaEvents, mapping as tanmaMapping } from "@scrm-openapi/tanma/unified";
import { createTanmaWebhooks } from "@scrm-openapi/tanma/webhooks";
import { events as weilingEvents, mapping as weilingMapping } from "@scrm-openapi/weiling/unified";
import { createWebHandler, createWeilingWebhookReceiver, createWeilingWebhooks } from "@scrm-openapi/weiling/webhooks";
import { describe, expect, inject, it } from "vitest";
import { withNormalizedEvents } from "../src/events/index.js";
import { createUnifiedClient, type Opportunity, UnifiedUnsupportedError } from "../src/index.js";
import { vendorClient } from "./vendors.js";

const cbc = { token: "events-token", encodingAESKey: "e".repeat(43) };
// The shape of Weiling's 商机新增事件; the id is the one the mock's 商机 list answers with.
const message = {
  header: { event_type: "opportunity_add", time_stamp: "1611580672000" },
  event: {
    business_id: "JVjF70AGsxR4aGkD2y1g9RAwUc1ZJHH-xI6y1vt-bRI",
    business_name: "但是方法",
    create_time: 1650866122000,
  },
};

describe("fetch on a normalized event", () => {
  it("a partial opportunity.created event fetches the whole record through the unified client", async () => {
    const unified = createUnifiedClient(vendorClient("weiling", inject("mockUrls").weiling as string), weilingMapping);
    const fetched: Opportunity[] = [];
    const router = withNormalizedEvents(createWeilingWebhooks(cbc), weilingEvents).onNormalized(
      "opportunity.created",
      async (event) => {
        expect(event.partial).toBe(true);
        fetched.push(await event.fetch(unified));
      },
    );
    const sealed = await createWeilingWebhookReceiver(cbc).seal(message, { timestamp: "1611580672", nonce: "1" });
    const answer = await createWebHandler(router)(
      new Request(`http://receiver.test/cb?${new URLSearchParams(sealed.query)}`, {
        method: "POST",
        body: sealed.body ?? "",
      }),
    );
    expect(answer.status).toBe(200);
    expect(fetched).toHaveLength(1);
    expect(fetched[0]?.id).toBe("weiling:opportunity:JVjF70AGsxR4aGkD2y1g9RAwUc1ZJHH-xI6y1vt-bRI");
    // The list answer carries what the callback did not: the stage's name.
    expect(fetched[0]?.stageName).toEqual(expect.any(String));
  });

  it("a vendor whose spec maps no get for the entity: a typed UnifiedUnsupportedError", async () => {
    const unified = createUnifiedClient(vendorClient("tanma", inject("mockUrls").tanma as string), tanmaMapping);
    const router = withNormalizedEvents(
      createTanmaWebhooks({ appId: "ww51046ddc4f4df510_NjaEnW", appKey: "k" }),
      tanmaEvents,
    );
    const event = router.normalize({
      name: "opportunity_info",
      message: { type: "opportunity_info", content: { changeType: "edit_opportunity", cosId: "5021" } },
    });
    expect(event?.type).toBe("opportunity.updated");
    await expect(event?.fetch(unified)).rejects.toBeInstanceOf(UnifiedUnsupportedError);
  });
});
