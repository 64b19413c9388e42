// pnpm docs — builds site/ (one offline Redoc page per vendor + an index from the specs' metadata).
import { relative } from "node:path";
import { repoRoot } from "@scrm-openapi/codegen";
import { buildSite } from "./index.js";

const started = Date.now();
const vendors = await buildSite();
for (const v of vendors)
  console.log(
    `docs: ${v.meta.vendor.id.padEnd(8)} ${v.meta.operations.length} operations → ${relative(repoRoot, v.page)}`,
  );
console.log(`docs: site/index.html (${vendors.length} vendors) in ${Date.now() - started} ms`);
