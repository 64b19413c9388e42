// pnpm run docs — builds site/: the offline docs portal (comparison index, cross-vendor search, and per vendor a
// Redoc reference, a guide and a coverage-ledger page).
import { relative } from "node:path";
import { repoRoot } from "@scrm-openapi/codegen";
import { buildSite } from "./index.js";

const started = Date.now();
const { vendors, search } = await buildSite();
for (const { vendor: v, pages } of vendors) {
  const c = v.coverage.operations;
  console.log(
    `docs: ${v.id.padEnd(8)} ${v.operations.length} operations, specified ${c.specified} of ${c.total} → ${relative(repoRoot, pages.reference)}`,
  );
}
console.log(
  `docs: site/index.html (${vendors.length} vendors, ${search.entries.length} search entries) in ${Date.now() - started} ms`,
);
