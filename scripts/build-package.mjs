// A package's build: an empty dist/, then tsc. Without the clean step, files of earlier builds (source maps, renamed
// modules) would stay in dist/ and end up in the published tarball. A vendor package's README is generated into
// src/generated/; the copy at the package root is the one npm shows.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

rmSync("dist", { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (existsSync("src/generated/README.md")) copyFileSync("src/generated/README.md", "README.md");
