// pnpm generate [vendor…] [--check] — spec → packages/<vendor>/src/generated/: schema, meta, meanings, mocks, client,
// webhooks (when the spec declares x-webhook-crypto) and README.md; the bundled specs the MCP server reads
import { writeBundles } from "./bundles.js";
import { runEvidenceCheck } from "./evidence/index.js";
import { runGenerate } from "./generate.js";

const args = process.argv.slice(2);
const check = args.includes("--check");
try {
  const { written, stale } = await runGenerate({ vendors: args.filter((a) => !a.startsWith("--")), check });
  const bundles = await writeBundles(check);
  for (const file of [...written, ...(check ? [] : bundles)]) console.log(`generate: wrote ${file}`);
  if (check) stale.push(...bundles);
  if (stale.length > 0) {
    console.error(`generate --check: stale generated files (run \`pnpm generate\`):\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  if (check) console.log("generate --check: generated files match the specs");
  if (check && !(await runEvidenceCheck(args.filter((a) => !a.startsWith("--"))))) process.exit(1);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
