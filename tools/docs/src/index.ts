// The offline docs portal (pnpm run docs → site/): per vendor a Redoc reference page (request examples and code
// samples on every operation), a guide, a coverage-ledger page, a try-it page for the local mock, the spec as OpenAPI
// 3.1 and as portable 3.0; plus the comparison index, one search across every vendor, llms.txt and llms-full.txt.
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { checkVendorEvidence, listApis, loadModel, repoRoot, withProvenance } from "@scrm-openapi/codegen";
import { readFactories } from "./factories.js";
import { llmsFull, llmsIndex } from "./llms.js";
import type { SiteVendor } from "./pages/common.js";
import { renderEvents } from "./pages/events.js";
import { renderGuide } from "./pages/guide.js";
import { renderIndex } from "./pages/index.js";
import { renderLedger } from "./pages/ledger.js";
import { renderTry } from "./pages/try.js";
import { toOpenApi30 } from "./portable.js";
import { buildReference } from "./redoc.js";
import { enrichSpec, type OperationSample } from "./samples.js";
import { buildSearchIndex, type SearchIndex, searchScript } from "./search.js";
import { renderUnifiedPage } from "./unified.js";

export type { Vendor } from "./pages/common.js";
export type { OperationSample } from "./samples.js";
export type { SearchEntry, SearchIndex } from "./search.js";

export interface BuiltVendor extends SiteVendor {
  /** site/<vendor>/index.html (Redoc), guide.html, ledger.html, try.html, openapi.json and openapi-3.0.json; events.html
   * (the event catalogue) when the spec has webhooks. */
  pages: {
    reference: string;
    guide: string;
    ledger: string;
    try: string;
    spec: string;
    portable: string;
    events?: string;
  };
  /** Each operation's request and its TypeScript and curl samples (the spec's x-codeSamples). */
  samples: OperationSample[];
}

export interface BuiltSite {
  vendors: BuiltVendor[];
  search: SearchIndex;
}

const ASSETS = ["portal.css", "search.js", "try.js"];
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function buildVendor(api: { id: string; root: string }, outDir: string): Promise<BuiltVendor> {
  const [vendor, factories] = await Promise.all([loadModel(api), readFactories(api.id)]);
  const dir = join(outDir, vendor.id);
  await mkdir(dir, { recursive: true });
  const pages = {
    reference: join(dir, "index.html"),
    guide: join(dir, "guide.html"),
    ledger: join(dir, "ledger.html"),
    try: join(dir, "try.html"),
    spec: join(dir, "openapi.json"),
    portable: join(dir, "openapi-3.0.json"),
    ...(vendor.webhooks.length > 0 ? { events: join(dir, "events.html") } : {}),
  };
  // The reference is built from the enriched spec: Redoc then shows the generated examples and the code samples.
  const enriched = enrichSpec(vendor, factories.client);
  // Each operation not read from a vendor page starts its Redoc description with its source class.
  const evidence = await checkVendorEvidence(vendor.doc, api.root);
  const { samples } = enriched;
  const doc = withProvenance(enriched.doc, new Map(evidence.operations.map((o) => [o.id, o.class])));
  await Promise.all([writeFile(pages.spec, json(doc)), writeFile(pages.portable, json(toOpenApi30(doc)))]);
  const used = [...vendor.operations, ...vendor.webhooks].flatMap((o) => o.tags.slice(0, 1));
  const reference = await buildReference(pages.spec, doc, pages.reference, vendor.name, [...new Set(used)]);
  return { vendor, reference, pages, samples, evidence, ...factories };
}

/** Builds the site into `outDir` (default site/), replacing what was there. */
export async function buildSite(outDir = join(repoRoot, "site")): Promise<BuiltSite> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, "assets"), { recursive: true });
  const vendors = await Promise.all((await listApis()).map((api) => buildVendor(api, outDir)));
  const search = buildSearchIndex(vendors);
  await Promise.all([
    writeFile(join(outDir, "index.html"), renderIndex(vendors)),
    renderUnifiedPage(vendors.map((v) => v.vendor)).then((html) => writeFile(join(outDir, "unified.html"), html)),
    writeFile(join(outDir, "search-index.js"), searchScript(search)),
    writeFile(join(outDir, "llms.txt"), llmsIndex(vendors)),
    writeFile(join(outDir, "llms-full.txt"), llmsFull(vendors)),
    ...ASSETS.map((file) => copyFile(join(import.meta.dirname, "assets", file), join(outDir, "assets", file))),
    ...vendors.flatMap((v) => [
      writeFile(v.pages.guide, renderGuide(v, vendors)),
      writeFile(v.pages.ledger, renderLedger(v, vendors)),
      writeFile(v.pages.try, renderTry(v, v.samples, vendors)),
      ...(v.pages.events ? [writeFile(v.pages.events, renderEvents(v, vendors))] : []),
    ]),
  ]);
  return { vendors, search };
}
