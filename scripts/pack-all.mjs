#!/usr/bin/env node
// pnpm pack:all [dir] — builds and packs every publishable package (each non-private packages/*, core included) into
// one folder, default ./packed, so an app can use them before the first release:
//   npm install /path/to/scrm-openapi/packed/*.tgz
// pnpm pack rewrites `workspace:*` to the packed versions, as publishing does, so the tarballs install together.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(fileURLToPath(new URL("..", import.meta.url)));
const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
// A relative folder is the caller's: pnpm runs scripts from the root and passes the caller's directory as INIT_CWD.
const dir = args.find((a) => !a.startsWith("--"));
const out = dir ? resolve(process.env.INIT_CWD ?? process.cwd(), dir) : join(repo, "packed");

/** Every workspace package under packages/ that is published: a name, and not private. */
function publishable() {
  return readdirSync(join(repo, "packages"))
    .sort()
    .map((dir) => join(repo, "packages", dir))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ pkg }) => pkg.name && pkg.private !== true);
}

const packages = publishable();
const names = packages.map(({ pkg }) => pkg.name);
const filters = names.flatMap((name) => ["--filter", name]);
const quiet = { cwd: repo, stdio: ["ignore", "ignore", "inherit"] };
if (!skipBuild) execFileSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only", ...filters], quiet);
// Stale tarballs of an earlier version would be installed beside the new ones.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync("pnpm", ["-r", ...filters, "pack", "--pack-destination", out], quiet);
const tarballs = readdirSync(out).filter((f) => f.endsWith(".tgz"));
if (tarballs.length !== names.length) {
  console.error(
    `pack:all: expected ${names.length} tarballs (${names.join(", ")}), found ${tarballs.length} in ${out}`,
  );
  process.exit(1);
}
console.log(`${tarballs.length} packages packed into ${out}:\n  ${tarballs.sort().join("\n  ")}`);
console.log(`In your app: npm install ${join(out, "*.tgz")}`);
