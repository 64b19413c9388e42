// The launchers' bundles: bin/launch.mjs runs them, src/prebuild.ts builds them ahead. A file of its own that no
// bundled source imports: the plugin below rewrites every spelled-out import.meta.url in the files it bundles.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundled } from "./bundle.mjs";

/** The CLIs bin/launch.mjs runs: `src/<name>.ts`. */
export const LAUNCHERS = ["cli", "proxy-cli"];

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

/**
 * The bundle of one of the LAUNCHERS: its local and workspace imports bundled, tools/mock's own dependencies left
 * external (resolved from the bundle's place in tools/mock/node_modules/.cache, as from tools/mock itself).
 * @param {string} name
 * @returns {Promise<string>}
 */
export function launcherBundle(name) {
  const here = new URL("../", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("package.json", here), "utf8"));
  const external = [
    ...Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
      (d) => !d.startsWith("@scrm-openapi/"),
    ),
    "tsx",
  ];
  const options = {
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
  };
  return bundled(name, /** @type {import("esbuild").BuildOptions} */ (options), [fileURLToPath(import.meta.url)]);
}
