// Prism and its dependencies as one CommonJS file, built by esbuild into the cache (../bin/bundle.mjs) and loaded by
// the host from V8's code cache (code-cache.ts). Loading Prism's ~740 modules one by one cost ~0.65 CPU-s of every
// host start (resolving, stat-ing and compiling each); the cached bundle loads in about half of that.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { bundled } from "../bin/bundle.mjs";
import { repoRoot } from "./vendors.js";

const ENTRY = fileURLToPath(new URL("./prism.ts", import.meta.url));

/**
 * The modules the host defers (host.ts, deferUnused) stay out of the bundle: each is required by its absolute path,
 * the one the host pre-caches a stand-in under. jsonc-parser's main is a UMD wrapper whose requires esbuild cannot
 * follow; its ES build (the same code) is bundled instead.
 */
const prismParts: Plugin = {
  name: "prism-parts",
  setup(build) {
    build.onResolve({ filter: /^(@faker-js\/faker|postman-collection)$/ }, (args) => ({
      path: createRequire(args.importer).resolve(args.path),
      external: true,
    }));
    build.onResolve({ filter: /^jsonc-parser$/ }, (args) => ({
      path: createRequire(args.importer)
        .resolve(args.path)
        .replace(/[\\/]lib[\\/]umd[\\/]/, "/lib/esm/"),
    }));
  },
};

/**
 * The path of the Prism bundle (rebuilt only when the lockfile or a source of it changed). Portable: its code names no
 * file of the repository but the two deferred modules in node_modules, which a copy of the repository links to.
 */
export function prismBundle(): Promise<string> {
  const options = {
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node" as const,
    format: "cjs" as const,
    target: "node20",
    plugins: [prismParts],
  };
  return bundled("prism", options, [join(repoRoot, "pnpm-lock.yaml"), fileURLToPath(import.meta.url)], {
    portable: true,
  });
}
