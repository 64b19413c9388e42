// The esbuild bundles of tools/mock (the launcher, the Prism host, each vendor's seeded data), cached in
// tools/mock/node_modules/.cache/scrm-openapi-mock/ as `<name>-<hash of the code>.mjs`. Each build records its inputs
// beside it: while none of them changed (by content), a start runs no esbuild at all (~0.2 CPU-s per process). A
// package's file is known by its path alone: pnpm installs each version under a path of its own and never edits one
// in place (the Prism bundle's ~740 inputs would otherwise be read at every start). A record names its files relative
// to the repository root, and a bundle whose content does not depend on where the repository is (`portable`) is keyed
// without the root: a copy of the repository given these records (the scaffold test's) reuses it while its inputs
// are the same, instead of running esbuild over Prism again.
// Plain JavaScript: bin/launch.mjs runs it before any TypeScript can be loaded.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CACHE = fileURLToPath(new URL("../node_modules/.cache/scrm-openapi-mock/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** A path as a record keeps it: relative to the repository root when inside it. */
const local = (path) => (path.startsWith(ROOT) ? path.slice(ROOT.length) : path);

/** Written aside, then renamed: a process started meanwhile never reads half a file. */
function writeWhole(file, text) {
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

/**
 * What the bundle is made of: the options and every input file's content (undefined when one is gone); and the
 * repository's place, or for a portable bundle the place of the node_modules its code requires from (a copy that
 * links the repository's shares it; a repository moved elsewhere does not).
 */
function digest(options, inputs, portable) {
  const hash = createHash("sha256");
  try {
    hash.update(portable ? realpathSync(join(ROOT, "node_modules")) : ROOT);
    hash.update(JSON.stringify(options).replaceAll(ROOT, ""));
    for (const input of inputs) {
      hash.update(input);
      const path = resolve(ROOT, input);
      if (/[\\/]node_modules[\\/]\.pnpm[\\/]/.test(input)) statSync(path);
      else hash.update(readFileSync(path));
    }
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}

/**
 * The path of `options` (esbuild build options with one entry point) bundled under `name`; `also` are files the build
 * depends on besides its inputs (a plugin's own source); `portable` when the bundle's code holds no path of the
 * repository (none of its sources spells out import.meta.url).
 * @param {string} name
 * @param {import("esbuild").BuildOptions} options
 * @param {string[]} [also]
 * @param {{ portable?: boolean }} [how]
 * @returns {Promise<string>}
 */
export async function bundled(name, options, also = [], { portable = false } = {}) {
  const record = join(CACHE, `${name}.json`);
  if (existsSync(record)) {
    const last = JSON.parse(readFileSync(record, "utf8"));
    const file = join(CACHE, basename(String(last.file)));
    if (existsSync(file) && digest(options, last.inputs, portable) === last.key) return file;
  }
  // Loaded only to build: a start with nothing changed never loads esbuild.
  const { build } = await import("esbuild");
  const result = await build({ ...options, write: false, metafile: true, logLevel: "error" });
  const code = result.outputFiles[0]?.text ?? "";
  const file = join(CACHE, `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) writeWhole(file, code);
  const inputs = [...Object.keys(result.metafile.inputs).map((input) => resolve(input)), ...also].map(local);
  writeWhole(record, JSON.stringify({ file: basename(file), inputs, key: digest(options, inputs, portable) }));
  return file;
}
