// Builds core's `./vendor` entry twice with the same esbuild settings, from a git revision (the baseline) and from the
// working tree, so that overhead.ts can run the Weiban client on both side by side in one process.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { createVendorClient, tokenAuth } from "@scrm-openapi/core/vendor";
import { build } from "esbuild";

export interface CoreBuild {
  createVendorClient: typeof createVendorClient;
  tokenAuth: typeof tokenAuth;
  createLimiter: NonNullable<Parameters<typeof createVendorClient>[2]["limiter"]>;
}

const repo = fileURLToPath(new URL("..", import.meta.url));

async function bundle(root: string, out: string): Promise<CoreBuild> {
  const file = join(out, "vendor.mjs");
  await build({
    entryPoints: [join(root, "packages/core/src/vendor.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "node20",
    outfile: file,
    logLevel: "error",
  });
  return (await import(file)) as CoreBuild;
}

/** Core at `ref` and core as it is now, bundled alike. */
export async function coreBuilds(ref: string): Promise<{ baseline: CoreBuild; current: CoreBuild }> {
  const dir = mkdtempSync(join(tmpdir(), "scrm-bench-"));
  const base = join(dir, "base");
  execFileSync("sh", [
    "-c",
    `mkdir -p "${base}" && git -C "${repo}" archive "${ref}" packages/core | tar -x -C "${base}"`,
  ]);
  const baseline = await bundle(base, join(dir, "out-base"));
  const current = await bundle(repo, join(dir, "out-current"));
  return { baseline, current };
}
