// `pnpm mock` and `pnpm proxy` without a TypeScript loader: `node tools/mock/bin/launch.mjs <cli | proxy-cli> [args…]`
// bundles src/<name>.ts with esbuild (its local and workspace imports; tools/mock's own dependencies stay external) into
// tools/mock/node_modules/.cache (bundle.mjs: rebuilt only when a source changed; `npm run setup` builds it first),
// and imports it. A start costs ~0.3 CPU-s instead of the ~1 s tsx spent hooking and transforming each module; the
// pid stays the launcher's own.
import { pathToFileURL } from "node:url";
import { LAUNCHERS, launcherBundle } from "./launchers.mjs";

const name = process.argv[2] ?? "";
if (!LAUNCHERS.includes(name)) {
  console.error(`usage: node tools/mock/bin/launch.mjs <${LAUNCHERS.join(" | ")}> [args…]`);
  process.exit(2);
}
// The CLI reads its own arguments from process.argv.slice(2), as when it was run as the script itself.
process.argv.splice(2, 1);

const file = await launcherBundle(name);
await import(pathToFileURL(file).href);
