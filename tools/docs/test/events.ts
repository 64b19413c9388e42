// The event catalogue pages (pages/events.ts), read from the built site: every webhook with the normalized events the
// specs' x-unified-event give it (read from the webhook files here, not from codegen's model) and its acknowledgement.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "@scrm-openapi/codegen";
import { expect, it } from "vitest";
import { parse } from "yaml";
import type { PortalContext } from "./search-terms.js";

export function eventCatalogueTests(ctx: PortalContext): void {
  it("event catalogue pages list every webhook with its normalized events (as the specs map them) and its ack", async () => {
    const family: Record<string, string> = { followRelation: "follow" };
    const site = ctx.site();
    const dir = join(site.vendors[0]?.pages.spec ?? "", "../..");
    const index = await readFile(join(dir, "index.html"), "utf8");
    for (const { vendor: v } of site.vendors) {
      const folder = join(repoRoot, "specs", v.id, "webhooks");
      const files = await readdir(folder).catch(() => []);
      if (files.length === 0) {
        expect(index).not.toContain(`./${v.id}/events.html`);
        continue;
      }
      // What the specs map, read from the webhook files themselves.
      const expected = new Map<string, string>();
      for (const file of files) {
        const op = (parse(await readFile(join(folder, file), "utf8")) as { post: Record<string, unknown> }).post;
        const event = op["x-unified-event"] as { entity: string; action: string | { values: object } } | undefined;
        if (!event) continue;
        const actions =
          typeof event.action === "string" ? [event.action] : [...new Set(Object.values(event.action.values))];
        const name = v.webhooks.find((w) => w.operationId === op.operationId)?.name ?? "";
        expected.set(name, actions.map((a) => `${family[event.entity] ?? event.entity}.${a}`).join(" "));
      }
      const html = await readFile(join(dir, v.id, "events.html"), "utf8");
      const rows = [...html.matchAll(/<tr data-webhook="([^"]+)" data-normalized="([^"]*)">/g)];
      expect(rows.map((r) => r[1])).toEqual(v.webhooks.map((w) => w.name));
      expect(new Map(rows.filter((r) => r[2]).map((r) => [r[1], r[2]]))).toEqual(expected);
      expect(html).toContain(`data-normalized="${expected.size}" data-total="${files.length}"`);
      // The acknowledgement each webhook's 200 response documents is on its row.
      expect(html).toContain(
        v.id === "weiban" ? "Acknowledge with <code>{}</code>" : v.id === "weiling" ? "success" : "noise",
      );
      expect(index).toContain(`href="./${v.id}/events.html"`);
    }
  });
}
