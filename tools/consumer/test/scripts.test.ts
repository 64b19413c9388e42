// The two README commands' contract, on a copy of scripts/ with stand-ins for apt-get, sudo, npm and pnpm that log
// their arguments: `npm run setup` installs what the tests drive, `npm test` installs nothing and names what is
// missing with the command that provides it (still ending with the "N passed, N failed" line CI reads).
import { execFile, spawn } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
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

/**
 * npm test's task runner on the copy, with a stand-in for turbo that logs each task it is asked to run and then
 * succeeds, fails, or waits for a signal (HANG: a task id, or "all"). Fixture packages: one new suite (in no
 * measured list), and two whose cost the runner knows.
 */
async function runnerFixture(): Promise<void> {
  const clone = join(dir, "clone");
  for (const [folder, name] of [
    ["packages/fresh", "@scrm-openapi/fresh"],
    ["tools/mock", "@scrm-openapi/mock"],
    ["packages/msw", "@scrm-openapi/msw"],
  ] as const) {
    await mkdir(join(clone, folder), { recursive: true });
    await writeFile(join(clone, folder, "package.json"), JSON.stringify({ name, scripts: { test: "vitest run" } }));
  }
  await mkdir(join(clone, "node_modules/.bin"), { recursive: true });
  const turbo = join(clone, "node_modules/.bin/turbo");
  // The trap is set before the task says it started, so a signal sent after that line is always logged.
  await writeFile(
    turbo,
    `#!/usr/bin/env bash
id="$2"
if [ "$1 $3" != "run --only" ]; then echo "unexpected: $*"; exit 2; fi
hang=""; if [ "$id" = "\${HANG:-}" ] || [ "\${HANG:-}" = all ]; then hang=1; fi
if [ -n "$hang" ]; then trap 'echo "term $id" >> "$LOG"; kill $pid 2>/dev/null; exit 143' TERM; fi
echo "start $id" >> "$LOG"
if [ "$id" = "\${FAIL:-}" ]; then echo "boom from $id"; exit 1; fi
if [ -n "$hang" ]; then sleep 60 & pid=$!; wait $pid; fi
exit 0
`,
  );
  await chmod(turbo, 0o755);
}

const runnerEnv = (extra: Record<string, string>) => ({ ...process.env, LOG: log, ...extra });
const ROOT = ["//#typecheck", "//#lint:specs", "//#lint:knip", "//#lint:code", "//#size"];

describe("npm test's task runner (scripts/run-tasks.mjs)", () => {
  it("starts a suite it has no figure for first, then the rest longest first", async () => {
    await runnerFixture();
    const { stdout } = await promisify(execFile)(process.execPath, ["scripts/run-tasks.mjs", "--list"], {
      cwd: join(dir, "clone"),
      timeout: 30_000,
    });
    expect(stdout.trim().split("\n")).toEqual([
      "@scrm-openapi/fresh#test",
      "@scrm-openapi/mock#test",
      "//#typecheck",
      "//#lint:specs",
      "//#lint:knip",
      "@scrm-openapi/msw#test",
      "//#lint:code",
      "//#size",
    ]);
  });

  it("runs every task as turbo run <task> --only, shows a failure's output, goes on, and summary.mjs counts it", async () => {
    await runnerFixture();
    const clone = join(dir, "clone");
    const run = await new Promise<{ code: number | null; stdout: string }>((done) => {
      execFile(
        process.execPath,
        ["scripts/run-tasks.mjs"],
        { cwd: clone, env: runnerEnv({ FAIL: "//#lint:knip" }), timeout: 30_000 },
        (error, stdout) => done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL \/\/#lint:knip [\d.]+ s\nboom from \/\/#lint:knip$/m);
    expect(run.stdout).toMatch(/^ok {3}\/\/#size [\d.]+ s$/m);
    expect((await calls()).filter((c) => c.startsWith("start ")).sort()).toEqual(
      ["@scrm-openapi/fresh#test", "@scrm-openapi/mock#test", "@scrm-openapi/msw#test", ...ROOT]
        .map((id) => `start ${id}`)
        .sort(),
    );
    const results = JSON.parse(await readFile(join(clone, ".turbo/scrm-tasks.json"), "utf8")) as {
      id: string;
      exitCode: number;
    }[];
    expect(results.filter((r) => r.exitCode !== 0).map((r) => r.id)).toEqual(["//#lint:knip"]);
    expect(results).toHaveLength(8);

    // The summary: the failed lint, and each suite that wrote no report (these fixtures have none).
    const summary = await new Promise<string>((done) => {
      execFile(process.execPath, ["scripts/summary.mjs"], { cwd: clone, timeout: 30_000 }, (_e, stdout) =>
        done(stdout),
      );
    });
    expect(summary).toMatch(/^ {2}\/\/#lint:knip +failed \(exit 1\)$/m);
    expect(summary).toMatch(/^ {2}tools\/mock +did not report \(test task exit 0\): 1 failed$/m);
    expect(summary.trim().split("\n").at(-1)).toBe("0 passed, 4 failed");
  });

  it("ends a task at its deadline and counts it as failed", async () => {
    await runnerFixture();
    const clone = join(dir, "clone");
    const env = runnerEnv({ HANG: "//#size", SCRM_TASK_DEADLINE_S: "0.2" });
    const stdout = await new Promise<string>((done) => {
      execFile(process.execPath, ["scripts/run-tasks.mjs"], { cwd: clone, env, timeout: 30_000 }, (_e, out) =>
        done(out),
      );
    });
    expect(stdout).toMatch(/^FAIL \/\/#size [\d.]+ s \(ended at the 0\.2 s deadline\)$/m);
    expect(await calls()).toContain("term //#size");
    const results = JSON.parse(await readFile(join(clone, ".turbo/scrm-tasks.json"), "utf8")) as {
      id: string;
      exitCode: number;
    }[];
    expect(results.find((r) => r.id === "//#size")?.exitCode).toBe(124);
  });

  it("passes SIGTERM to the turbo runs under way and starts no other", async () => {
    await runnerFixture();
    const child = spawn(process.execPath, ["scripts/run-tasks.mjs"], {
      cwd: join(dir, "clone"),
      env: runnerEnv({ HANG: "all" }),
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((done) => child.once("exit", done));
    try {
      // Two lanes: two tasks start, then both wait. The log is polled with a deadline.
      await expect.poll(async () => (await calls()).length, { timeout: 10_000, interval: 20 }).toBe(2);
      child.kill("SIGTERM");
      expect(await exited).toBe(1);
      const seen = await calls();
      const started = seen.filter((c) => c.startsWith("start ")).map((c) => c.slice("start ".length));
      expect(started.sort()).toEqual(["@scrm-openapi/fresh#test", "@scrm-openapi/mock#test"]);
      expect(seen.filter((c) => c.startsWith("term ")).sort()).toEqual(started.map((id) => `term ${id}`).sort());
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
