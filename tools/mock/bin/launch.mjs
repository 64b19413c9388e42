// `pnpm mock` and `pnpm proxy` without a TypeScript loader: `node tools/mock/bin/launch.mjs <cli | proxy-cli> [args…]`
// bundles src/<name>.ts with esbuild (its local and workspace imports; tools/mock's own dependencies stay external) into
// tools/mock/node_modules/.cache (bundle.mjs: rebuilt only when a source changed), and imports it. A start costs
// ~0.3 CPU-s instead of the ~1 s tsx spent hooking and transforming each module; the pid stays the launcher's own.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundled } from "./bundle.mjs";

const NAMES = ["cli", "proxy-cli"];
const name = process.argv[2] ?? "";
if (!NAMES.includes(name)) {
  console.error(`usage: node tools/mock/bin/launch.mjs <${NAMES.join(" | ")}> [args…]`);
  process.exit(2);
}
// The CLI reads its own arguments from process.argv.slice(2), as when it was run as the script itself.
process.argv.splice(2, 1);

const here = new URL("../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", here), "utf8"));
// Resolved from the bundle's place in tools/mock/node_modules/.cache, as from tools/mock itself.
const external = [
  ...Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
    (d) => !d.startsWith("@scrm-openapi/"),
  ),
  "tsx",
];

/** Every bundled file keeps its own import.meta.url (the paths the sources compute from it stay as in the repo). */
const ownUrl = {
  name: "own-import-meta-url",
  setup(on) {
    on.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const loader = /\.[cm]?ts$/.test(args.path) ? "ts" : "js";
      return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader };
    });
  },
};

const file = await bundled(
  name,
  {
    entryPoints: [fileURLToPath(new URL(`src/${name}.ts`, here))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external,
    plugins: [ownUrl],
    // Bundled CommonJS (yaml) requires node builtins: give the ES module a require of its own.
    banner: {
      js: 'import { createRequire as __launchRequire } from "node:module";\nconst require = __launchRequire(import.meta.url);',
    },
  },
  [fileURLToPath(import.meta.url)],
);
await import(pathToFileURL(file).href);
