// pnpm new-vendor <id> --name "<显示名 Name>" [--auth query-token|bearer-token|signature]
import { parseArgs } from "node:util";
import { repoRoot } from "@scrm-openapi/codegen";
import { scaffoldVendor } from "./index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, auth: { type: "string" } },
});
const id = positionals[0];
if (!id) {
  console.error('usage: pnpm new-vendor <id> --name "<显示名 Name>" [--auth query-token|bearer-token|signature]');
  process.exit(2);
}
const auth = values.auth as "query-token" | "bearer-token" | "signature" | undefined;
try {
  const written = await scaffoldVendor(repoRoot, { id, name: values.name ?? id, ...(auth ? { auth } : {}) });
  for (const file of written) console.log(`new-vendor: wrote ${file}`);
  console.log(`new-vendor: next: pnpm install && pnpm generate ${id}, then add operations (CONTRIBUTING.md)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
