// pnpm spec-diff [<git-ref>] [--to <git-ref>] [--json] — breaking vs non-breaking spec changes per vendor, from <git-ref>
// (default: the last release tag) to --to (default: the working tree). Exits 0 whatever it finds: it reports, a
// changeset decides.
import { parseArgs } from "node:util";
import { diffVendors, formatReport, lastReleaseTag, specsAt } from "./index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { to: { type: "string" }, json: { type: "boolean", default: false } },
});
const from = positionals[0] ?? lastReleaseTag();
if (!from) {
  console.log("spec-diff: no release tag yet (nothing published); pass a git ref, e.g. `pnpm spec-diff HEAD~1`");
  process.exit(0);
}
const to = values.to ?? null;
try {
  const diffs = diffVendors(await specsAt(from), await specsAt(to));
  console.log(values.json ? JSON.stringify(diffs) : formatReport(diffs, from, to ?? "working tree"));
} catch (error) {
  console.error(`spec-diff: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
