// The two README commands' contract, on a copy of scripts/ with stand-ins for apt-get, sudo, npm and pnpm that log
// their arguments: `npm run setup` installs what the tests drive, `npm test` installs nothing and names what is
// missing with the command that provides it (still ending with the "N passed, N failed" line CI reads).
import { execFile } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
let dir: string;
let log: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "scrm-scripts-"));
  log = join(dir, "calls.log");
  await cp(join(repo, "scripts"), join(dir, "clone/scripts"), { recursive: true });
  await mkdir(join(dir, "clone/packages"));
  await mkdir(join(dir, "clone/tools"));
  await mkdir(join(dir, "bin"));
  const stub = (body: string) => `#!/usr/bin/env bash\necho "$(basename "$0") $*" >> ${JSON.stringify(log)}\n${body}\n`;
  await writeFile(join(dir, "bin/pnpm"), stub(`[ "$1" = --version ] && echo 10.34.9; exit 0`));
  for (const name of ["apt-get", "npm"]) await writeFile(join(dir, `bin/${name}`), stub("exit 0"));
  await writeFile(join(dir, "bin/sudo"), `#!/usr/bin/env bash\nexec "$@"\n`);
  for (const name of ["pnpm", "apt-get", "npm", "sudo"]) await chmod(join(dir, `bin/${name}`), 0o755);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a script of the copy with the stand-ins first on PATH, Chromium and redis-server absent. */
function script(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}`,
    CHROMIUM_PATH: join(dir, "no-chromium"),
    REDIS_SERVER: join(dir, "no-redis-server"),
  };
  return new Promise((done) => {
    execFile("bash", [join(dir, "clone/scripts", name)], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: typeof error?.code === "number" ? error.code : error ? 1 : 0, stdout, stderr });
    });
  });
}
const calls = async () => (await readFile(log, "utf8").catch(() => "")).trim().split("\n").filter(Boolean);

describe("npm test without setup", () => {
  it("installs nothing, names each missing part with how to get it, and ends with N passed, N failed", async () => {
    const { code, stdout, stderr } = await script("test.sh");
    expect(code).toBe(1);
    expect(stdout.trim().split("\n").at(-1)).toBe("0 passed, 3 failed");
    expect(stderr).toContain("node_modules: npm run setup (or pnpm install --frozen-lockfile)");
    expect(stderr).toContain("chromium (Debian package the tests drive): npm run setup as root");
    expect(stderr).toContain("apt-get install -y redis-server");
    expect(await calls()).toEqual(["pnpm --version"]);
  });
});

describe("npm run setup", () => {
  it("installs the Debian packages the tests drive, then the workspace, then builds", async () => {
    const { code, stderr } = await script("setup.sh");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const seen = await calls();
    expect(seen.filter((c) => c.startsWith("apt-get"))).toEqual([
      "apt-get update -qq",
      "apt-get install -y -qq --no-install-recommends chromium redis-server",
    ]);
    expect(seen).toContain("pnpm install --frozen-lockfile");
    expect(seen.at(-1)).toBe("pnpm exec turbo run build build:docs --output-logs=errors-only");
  });
});
