// pnpm generate [vendor…] [--check] (second half) — spec examples → packages/<vendor>/src/generated/mocks.ts (MSW handler data).
// Separate from `pnpm generate` (tools/codegen) on purpose; `--check` fails on stale files as `generate --check` does.
import { generateMockData } from "./msw-data.js";

const args = process.argv.slice(2);
const check = args.includes("--check");
try {
  const { written, stale } = await generateMockData({ vendors: args.filter((a) => !a.startsWith("--")), check });
  for (const file of written) console.log(`generate:msw: wrote ${file}`);
  if (stale.length > 0) {
    console.error(`generate:msw --check: stale mock data (run \`pnpm generate:msw\`):\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  if (check) console.log("generate:msw --check: mock data matches the specs");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
