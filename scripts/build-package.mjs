// A package's build: an empty dist/, then tsc. Without the clean step, files of earlier builds (source maps, renamed
// modules) would stay in dist/ and end up in the published tarball.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";

rmSync("dist", { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
