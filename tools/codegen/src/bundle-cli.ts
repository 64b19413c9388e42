// tsx tools/codegen/src/bundle-cli.ts <dir> — every vendor's bundled spec as <dir>/<vendor>.json: the bundle codegen,
// the mocks and the docs read, in one process (lint:specs runs Spectral on these).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleSpec } from "./spec.js";
import { listApis } from "./vendors.js";

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: bundle-cli.ts <dir>");
  process.exit(2);
}
for (const api of await listApis()) {
  await writeFile(join(dir, `${api.id}.json`), JSON.stringify(await bundleSpec(api.root)));
}
