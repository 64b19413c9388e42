// pnpm generate [vendor…] [--check] — spec → packages/<vendor>/src/generated/{schema.d.ts,meta.ts}
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { generateVendor, listApis, repoRoot } from "./index.js";

const args = process.argv.slice(2);
const check = args.includes("--check");
const wanted = args.filter((a) => !a.startsWith("--"));

const apis = (await listApis()).filter((api) => wanted.length === 0 || wanted.includes(api.id));
const unknown = wanted.filter((id) => !apis.some((api) => api.id === id));
if (unknown.length > 0) {
  console.error(`generate: no api named ${unknown.join(", ")} in redocly.yaml`);
  process.exit(2);
}

const stale: string[] = [];
for (const api of apis) {
  for (const file of await generateVendor(api)) {
    const current = await readFile(file.path, "utf8").catch(() => undefined);
    if (current === file.content) continue;
    if (check) {
      stale.push(relative(repoRoot, file.path));
    } else {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, file.content);
      console.log(`generate: wrote ${relative(repoRoot, file.path)}`);
    }
  }
}
if (stale.length > 0) {
  console.error(`generate --check: stale generated files (run \`pnpm generate\`):\n  ${stale.join("\n  ")}`);
  process.exit(1);
}
if (check) console.log(`generate --check: ${apis.length} api(s) up to date`);
