// Provenance on the portal, as HTML (no Redoc, no browser): the guide's badge per operation and inferred constraints,
// the index's counts by source class. The classes are read here straight from the evidence files.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkVendorEvidence, listApis, loadModel, repoRoot } from "@scrm-openapi/codegen";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SiteVendor } from "../src/pages/common.js";
import { renderGuide } from "../src/pages/guide.js";
import { renderIndex } from "../src/pages/index.js";

/** operationId/webhook → class, from specs/<vendor>/evidence/*.yaml. */
async function classesOf(id: string): Promise<Map<string, string>> {
  const dir = join(repoRoot, "specs", id, "evidence");
  const out = new Map<string, string>();
  for (const file of await readdir(dir)) {
    const data = parse(await readFile(join(dir, file), "utf8")) as {
      operationId?: string;
      webhook?: string;
      class: string;
    };
    out.set(data.operationId ?? data.webhook ?? file, data.class);
  }
  return out;
}

const attrs = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => [m[1] ?? "", m[2] ?? ""] as const);

describe("provenance on the portal", async () => {
  const sites: SiteVendor[] = await Promise.all(
    (await listApis()).map(async (api) => {
      const vendor = await loadModel(api);
      // Deep links into Redoc are beside the point here: a plain anchor stands in for the built reference page.
      const reference = { link: (operationId: string) => `index.html#op-${operationId}` };
      return { vendor, reference, evidence: await checkVendorEvidence(vendor.doc, api.root) } as SiteVendor;
    }),
  );

  it("the guide badges every operation and webhook with its evidence file's class, and lists inferred constraints", async () => {
    for (const s of sites) {
      const html = renderGuide(s, sites);
      const section = html.slice(html.indexOf('<section id="sources">'));
      const rows = new Map(attrs(section, /<tr data-operation="([^"]+)" data-source-class="([^"]+)">/g));
      expect(Object.fromEntries(rows), s.vendor.id).toEqual(Object.fromEntries(await classesOf(s.vendor.id)));
      expect(html).toContain('<a href="#sources">');
    }
    const tanma = renderGuide(sites.find((s) => s.vendor.id === "tanma") as SiteVendor, sites);
    // addClue rests on integrator code only; ExternalOrder.salesId is x-inferred (its int64 format no page states).
    expect(tanma).toMatch(/data-operation="addClue" data-source-class="third-party-code">.*第三方代码，未核实/);
    expect(tanma).toMatch(
      /<li data-operation="getExternalOrder" data-field="[^"]*salesId"><code>getExternalOrder<\/code>.*format/,
    );
  });

  it("the index counts each vendor's operations by source class", async () => {
    const html = renderIndex(sites);
    expect(html).toContain("来源");
    for (const s of sites) {
      const row = html.slice(html.indexOf(`<tr data-vendor="${s.vendor.id}">`));
      const cell = row.slice(row.indexOf('<td class="sources">'), row.indexOf("</tr>"));
      const expected = new Map<string, string>();
      for (const cls of (await classesOf(s.vendor.id)).values())
        expected.set(cls, String(Number(expected.get(cls) ?? 0) + 1));
      expect(Object.fromEntries(attrs(cell, /<span data-source-class="([^"]+)" data-count="(\d+)">/g))).toEqual(
        Object.fromEntries(expected),
      );
    }
  });
});
