// The esbuild bundles of tools/mock (the launcher, the Prism host, each vendor's seeded data), cached in
// tools/mock/node_modules/.cache/scrm-openapi-mock/ as `<name>-<hash of the code>.mjs`. Each build records its inputs
// beside it: while none of them changed (by content), a start runs no esbuild at all (~0.2 CPU-s per process). A
// package's file is known by its path alone: pnpm installs each version under a path of its own and never edits one
// in place (the Prism bundle's ~740 inputs would otherwise be read at every start).
// Plain JavaScript: bin/launch.mjs runs it before any TypeScript can be loaded.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CACHE = fileURLToPath(new URL("../node_modules/.cache/scrm-openapi-mock/", import.meta.url));

/** Written aside, then renamed: a process started meanwhile never reads half a file. */
function writeWhole(file, text) {
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

/** What the bundle is made of: the options and every input file's content (undefined when one is gone). */
function digest(options, inputs) {
  const hash = createHash("sha256").update(JSON.stringify(options));
  try {
    for (const input of inputs) {
      hash.update(input);
      if (/[\\/]node_modules[\\/]\.pnpm[\\/]/.test(input)) statSync(input);
      else hash.update(readFileSync(input));
    }
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}

/**
 * The path of `options` (esbuild build options with one entry point) bundled under `name`; `also` are files the build
 * depends on besides its inputs (a plugin's own source).
 * @param {string} name
 * @param {import("esbuild").BuildOptions} options
 * @param {string[]} [also]
 * @returns {Promise<string>}
 */
export async function bundled(name, options, also = []) {
  const record = join(CACHE, `${name}.json`);
  if (existsSync(record)) {
    const last = JSON.parse(readFileSync(record, "utf8"));
    if (existsSync(last.file) && digest(options, last.inputs) === last.key) return last.file;
  }
  // Loaded only to build: a start with nothing changed never loads esbuild.
  const { build } = await import("esbuild");
  const result = await build({ ...options, write: false, metafile: true, logLevel: "error" });
  const code = result.outputFiles[0]?.text ?? "";
  const file = join(CACHE, `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) writeWhole(file, code);
  const inputs = [...Object.keys(result.metafile.inputs).map((input) => resolve(input)), ...also];
  writeWhole(record, JSON.stringify({ file, inputs, key: digest(options, inputs) }));
  return file;
}
