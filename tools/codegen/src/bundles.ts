// The bundled spec of every vendor as JSON for the packages that read a whole spec at run time: the MCP server
// (packages/mcp/src/generated/<vendor>.json) searches, describes and validates against it. Constraints marked x-inferred
// are left out (advisoryOnly): a client never refuses a call on what no source states.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { advisoryOnly } from "./advisory.js";
import { bundleSpec } from "./spec.js";
import { listApis, repoRoot } from "./vendors.js";

/** Writes (or, with `check`, compares) the bundles; returns the files that were stale. */
export async function writeBundles(check: boolean, root = repoRoot): Promise<string[]> {
  const stale: string[] = [];
  for (const api of await listApis(root)) {
    const file = join("packages/mcp/src/generated", `${api.id}.json`);
    const text = `${JSON.stringify(advisoryOnly(await bundleSpec(api.root)))}\n`;
    if ((await readFile(join(root, file), "utf8").catch(() => "")) === text) continue;
    stale.push(file);
    if (!check) await writeFile(join(root, file), text);
  }
  return stale;
}
