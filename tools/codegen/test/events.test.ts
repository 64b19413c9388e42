// x-unified-event: the extensions schema refuses a malformed mapping, render/events.ts refuses one naming what the
// webhook's x-payload does not have, and `partial` says whether the vendor's read mapping gives more than the payload.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSpec, checkExtensions, type Json, repoRoot } from "../src/index.js";
import { renderEvents } from "../src/render/events.js";

const ROOT = join(repoRoot, "specs/tanma/openapi.yaml");
let doc: Json;
beforeAll(async () => {
  doc = await bundleSpec(ROOT);
});

/** The bundled Tanma spec with new_qw_customer's x-unified-event changed by `edit`. */
function withMapping(edit: (mapping: Json) => Json): Json {
  const copy = structuredClone(doc);
  const op = ((copy.webhooks as Json).new_qw_customer as Json).post as Json;
  op["x-unified-event"] = edit(op["x-unified-event"] as Json);
  return copy;
}

const rendered = (spec: Json) => {
  const out = renderEvents("tanma", spec);
  return JSON.parse(out.slice(out.indexOf("export const events = ") + 22, out.lastIndexOf(" as const;"))) as {
    webhooks: string[];
    mappings: Record<string, Json>;
  };
};

describe("x-unified-event", () => {
  it("renders every webhook's name and the mapped ones' rules, notes left out, partial computed", () => {
    const events = rendered(doc);
    expect(events.webhooks).toHaveLength(10);
    expect(Object.keys(events.mappings).sort()).toEqual(["change_corp_tag", "new_qw_customer", "opportunity_info"]);
    expect(events.mappings.new_qw_customer).toMatchObject({ entity: "customer", records: "content", partial: false });
    expect(JSON.stringify(events)).not.toContain("x-note");
    // Mapping only the name leaves out fields the customer's get gives: the event's record is partial.
    const fewer = rendered(withMapping((m) => ({ ...m, fields: { name: "wechatNickname" } })));
    expect(fewer.mappings.new_qw_customer?.partial).toBe(true);
  });

  it("a path the payload does not have fails generation, naming the webhook and the path", () => {
    expect(() => rendered(withMapping((m) => ({ ...m, id: "externalUserID" })))).toThrow(
      /new_qw_customer: x-unified-event id reads externalUserID, not in x-payload/,
    );
    expect(() => rendered(withMapping((m) => ({ ...m, records: "body" })))).toThrow(/records body: not in x-payload/);
    expect(() => rendered(withMapping((m) => ({ ...m, actor: "content.staffId" })))).toThrow(
      /actor reads content.staffId/,
    );
  });

  it("the extensions schema refuses an unknown entity, action or key", async () => {
    const problems = await checkExtensions(
      withMapping((m) => ({ ...m, entity: "clue", action: "renamed", extra: 1 })),
      ROOT,
    );
    const mine = problems.filter((p) => p.includes("new_qw_customer"));
    expect(mine.join("\n")).toMatch(/x-unified-event\.entity/);
    expect(mine.join("\n")).toMatch(/x-unified-event\.action/);
    expect(mine.join("\n")).toMatch(/additional properties/);
  });
});
