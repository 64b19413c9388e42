// pnpm --filter @scrm-openapi/mcp catalog [--check] — every vendor's bundled spec as src/generated/<vendor>.json, the
// one source the server searches, describes and validates against. The test suite fails when they are stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { bundleSpec, listApis } from "@scrm-openapi/codegen";

const check = process.argv.includes("--check");
const dir = new URL("../src/generated/", import.meta.url);
await mkdir(dir, { recursive: true });
let stale = 0;
for (const api of await listApis()) {
  const file = new URL(`${api.id}.json`, dir);
  const text = `${JSON.stringify(await bundleSpec(api.root))}\n`;
  const old = await readFile(file, "utf8").catch(() => "");
  if (old === text) continue;
  stale++;
  if (check)
    console.error(`stale: packages/mcp/src/generated/${api.id}.json (run pnpm --filter @scrm-openapi/mcp catalog)`);
  else await writeFile(file, text);
}
process.exitCode = check && stale ? 1 : 0;
