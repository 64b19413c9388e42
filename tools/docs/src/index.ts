// The offline docs portal (pnpm run docs → site/): per vendor a Redoc reference page, a guide and a coverage-ledger
// page generated from the spec, plus the comparison index and one search across every vendor.
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { listApis, loadModel, repoRoot } from "@scrm-openapi/codegen";
import { readFactories } from "./factories.js";
import type { SiteVendor } from "./pages/common.js";
import { renderGuide } from "./pages/guide.js";
import { renderIndex } from "./pages/index.js";
import { renderLedger } from "./pages/ledger.js";
import { buildReference } from "./redoc.js";
import { buildSearchIndex, type SearchIndex, searchScript } from "./search.js";
import { renderUnifiedPage } from "./unified.js";

export type { Vendor } from "./pages/common.js";
export type { SearchEntry, SearchIndex } from "./search.js";

export interface BuiltVendor extends SiteVendor {
  /** site/<vendor>/index.html (Redoc), guide.html and ledger.html. */
  pages: { reference: string; guide: string; ledger: string };
}

export interface BuiltSite {
  vendors: BuiltVendor[];
  search: SearchIndex;
}

const ASSETS = ["portal.css", "search.js"];

async function buildVendor(api: { id: string; root: string }, outDir: string): Promise<BuiltVendor> {
  const vendor = await loadModel(api);
  const dir = join(outDir, vendor.id);
  await mkdir(dir, { recursive: true });
  const pages = {
    reference: join(dir, "index.html"),
    guide: join(dir, "guide.html"),
    ledger: join(dir, "ledger.html"),
  };
  const used = [...vendor.operations, ...vendor.webhooks].flatMap((o) => o.tags.slice(0, 1));
  const [reference, factories] = await Promise.all([
    buildReference(api.root, vendor.doc, pages.reference, vendor.name, [...new Set(used)]),
    readFactories(vendor.id),
    writeFile(join(dir, "openapi.json"), `${JSON.stringify(vendor.doc, null, 2)}\n`),
  ]);
  return { vendor, reference, pages, ...factories };
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
    ...ASSETS.map((file) => copyFile(join(import.meta.dirname, "assets", file), join(outDir, "assets", file))),
    ...vendors.flatMap((v) => [
      writeFile(v.pages.guide, renderGuide(v, vendors)),
      writeFile(v.pages.ledger, renderLedger(v, vendors)),
    ]),
  ]);
  return { vendors, search };
}
