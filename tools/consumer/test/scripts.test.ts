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
    expect(stderr).toContain("chromium-headless-shell (Debian package the tests drive): npm run setup as root");
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
      "apt-get install -y -qq --no-install-recommends chromium-headless-shell redis-server",
    ]);
    expect(seen).toContain("pnpm install --frozen-lockfile");
    expect(seen.at(-1)).toBe("pnpm exec turbo run build build:docs --output-logs=errors-only");
  });
});

/**
 * npm test's task runner on the copy, with a stand-in for turbo that answers its dry run: each task's command is
 * task.sh, which logs that it started (in which folder, with which variables), writes a suite's report and then
 * succeeds, fails (FAIL: a task id), waits for a signal (HANG: a task id, or "all") or leaves a process behind (LEAK).
 * Every task's hash is "h1", or "h2" for CHANGED. Fixture packages: one new suite (in no measured list), and two
 * whose cost the runner knows.
 */
const FOLDERS: Record<string, string> = {
  "@scrm-openapi/fresh": "packages/fresh",
  "@scrm-openapi/mock": "tools/mock",
  "@scrm-openapi/msw": "packages/msw",
};
/** A second batchable suite, created by the batch test only. */
const WEBHOOK = { "@scrm-openapi/webhook": "tools/webhook" };

async function runnerFixture(): Promise<void> {
  const clone = join(dir, "clone");
  for (const [name, folder] of Object.entries(FOLDERS)) {
    await mkdir(join(clone, folder), { recursive: true });
    await writeFile(join(clone, folder, "package.json"), JSON.stringify({ name, scripts: { test: "vitest run" } }));
  }
  await mkdir(join(clone, "node_modules/.bin"), { recursive: true });
  // The trap is set before the task says it started, so a signal sent after that line is always logged; it takes a
  // moment first, as a suite's teardown would, which the runner must wait for after the shell above it has gone.
  const task = join(dir, "task.sh");
  await writeFile(
    task,
    `#!/usr/bin/env bash
id="$1" log="$2" fail="$3" hang="$4" leak="$5"
if [ -n "$hang" ]; then trap 'sleep 0.3; echo "term $id" >> "$log"; kill $pid 2>/dev/null; exit 143' TERM; fi
echo "start $id in $(basename "$PWD") secret=\${SCRM_FIXTURE_SECRET:-unset} ci=\${CI:-unset}" >> "$log"
case "$id" in *"#test") echo '{"numPassedTests":1,"numFailedTests":0,"testResults":[]}' > test-results.json;; esac
if [ -n "$fail" ]; then echo "boom from $id"; exit 1; fi
if [ -n "$hang" ]; then sleep 60 & pid=$!; wait $pid; fi
if [ -n "$leak" ]; then sleep 60 & echo "leaked $!" >> "$log"; fi
exit 0
`,
  );
  const turbo = join(clone, "node_modules/.bin/turbo");
  await writeFile(
    turbo,
    `#!/usr/bin/env node
const args = process.argv.slice(2);
if (args[0] !== "run" || args.at(-1) !== "--dry=json") {
  console.error("unexpected: " + args.join(" "));
  process.exit(2);
}
const folders = ${JSON.stringify({ ...FOLDERS, ...WEBHOOK })};
const env = process.env;
if (env.BROKEN) { console.log("turbo 2 says hello"); process.exit(0); }
const q = (s) => "'" + s + "'";
const tasks = args.slice(1, -1).map((id) => {
  const [pkg] = id.split("#");
  const flag = (v) => (v === id || v === "all" ? "1" : "");
  const project = pkg.replace("@scrm-openapi/", "");
  // BATCHABLE: the batchable suites' commands are their vitest runs (the stand-in of batchFixture).
  const vitest = env.BATCHABLE && ["msw", "webhook"].includes(project);
  return {
    taskId: id,
    hash: env.CHANGED === id ? "h2" : "h1",
    directory: pkg === "//" ? "" : folders[pkg],
    outputs: pkg === "//" ? (env.GLOB === id ? ["*.log"] : null) : ["test-results.json"],
    command: vitest
      ? "vitest run --config ../../vitest.config.ts --project " + project +
        " --maxWorkers=1 --outputFile.json=test-results.json"
      : ["bash", ${JSON.stringify(task)}, id, env.LOG, flag(env.FAIL), flag(env.HANG), flag(env.LEAK)].map(q).join(" "),
  };
});
console.log(JSON.stringify({ tasks }));
`,
  );
  await chmod(turbo, 0o755);
}

/**
 * The batch's parts on the copy: a second batchable suite, and a stand-in for vitest that logs which projects it was
 * asked for (a batch:<a>+<b> project's members) and where, writes one JSON report with a file of two tests per project
 * (the first one fails in the projects of `failing`) and exits 1 when a test failed, as vitest does. The runner passes
 * a task only the variables it allows, so the log and the failures are written into the stand-in.
 */
async function batchFixture(failing: string[] = []): Promise<void> {
  const clone = join(dir, "clone");
  for (const [name, folder] of Object.entries(WEBHOOK)) {
    await mkdir(join(clone, folder), { recursive: true });
    await writeFile(join(clone, folder, "package.json"), JSON.stringify({ name, scripts: { test: "vitest run" } }));
  }
  const folders = Object.fromEntries(
    Object.entries({ ...FOLDERS, ...WEBHOOK }).map(([name, folder]) => [name.replace("@scrm-openapi/", ""), folder]),
  );
  await writeFile(
    join(clone, "node_modules/.bin/vitest.mjs"),
    `import { appendFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
const args = process.argv.slice(2);
const projects = args.flatMap((a, i) => (a === "--project" ? args[i + 1].replace(/^batch:/, "").split("+") : []));
const out = args.find((a) => a.startsWith("--outputFile.json=")).slice("--outputFile.json=".length);
const root = resolve(import.meta.dirname, "../..");
const folders = ${JSON.stringify(folders)};
appendFileSync(${JSON.stringify(log)}, "vitest " + projects.join(" ") + " in " + basename(process.cwd()) + "\\n");
const failing = ${JSON.stringify(failing)};
const testResults = projects.map((p) => ({
  name: join(root, folders[p], "test", p + ".test.ts"),
  status: failing.includes(p) ? "failed" : "passed",
  startTime: 0,
  endTime: 10,
  assertionResults: [{ status: failing.includes(p) ? "failed" : "passed" }, { status: "passed" }],
}));
const failed = testResults.filter((r) => r.status === "failed").length;
const passed = testResults.length * 2 - failed;
writeFileSync(out, JSON.stringify({ numPassedTests: passed, numFailedTests: failed, testResults }));
process.exit(failed > 0 ? 1 : 0);
`,
  );
  const bin = join(clone, "node_modules/.bin/vitest");
  await writeFile(bin, `#!/bin/sh\nexec node "$(dirname "$0")/vitest.mjs" "$@"\n`);
  await chmod(bin, 0o755);
}

const runnerEnv = (extra: Record<string, string>) => ({ ...process.env, LOG: log, ...extra });
const ROOT = ["//#typecheck", "//#lint:specs", "//#lint:knip", "//#lint:code", "//#size"];
const ALL = ["@scrm-openapi/fresh#test", "@scrm-openapi/mock#test", "@scrm-openapi/msw#test", ...ROOT];

/** Runs the runner on the copy to its end. */
function runRunner(extra: Record<string, string> = {}): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["scripts/run-tasks.mjs"],
      { cwd: join(dir, "clone"), env: runnerEnv(extra), timeout: 30_000 },
      (error, stdout) => done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
  });
}
const started = async () => (await calls()).filter((c) => c.startsWith("start ")).map((c) => c.split(" ")[1]);
const results = async () =>
  JSON.parse(await readFile(join(dir, "clone/.turbo/scrm-tasks.json"), "utf8")) as { id: string; exitCode: number }[];

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
      "//#lint:specs",
      "//#typecheck",
      "//#lint:knip",
      "@scrm-openapi/msw#test",
      "//#lint:code",
      "//#size",
    ]);
  });

  it("runs each task's command in its folder with only the allowed variables, shows a failure, goes on, and summary.mjs counts it", async () => {
    await runnerFixture();
    const run = await runRunner({ FAIL: "//#lint:knip", SCRM_FIXTURE_SECRET: "s3cret", CI: "yes" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL \/\/#lint:knip [\d.]+ s\nboom from \/\/#lint:knip$/m);
    expect(run.stdout).toMatch(/^ok {3}\/\/#size [\d.]+ s$/m);
    expect((await started()).sort()).toEqual([...ALL].sort());
    const lines = await calls();
    expect(lines).toContain("start @scrm-openapi/mock#test in mock secret=unset ci=yes");
    expect(lines).toContain("start //#size in clone secret=unset ci=yes");
    expect((await results()).filter((r) => r.exitCode !== 0).map((r) => r.id)).toEqual(["//#lint:knip"]);
    expect(await results()).toHaveLength(8);

    // The summary: each suite's report, and the failed lint.
    const summary = await new Promise<string>((done) => {
      execFile(process.execPath, ["scripts/summary.mjs"], { cwd: join(dir, "clone"), timeout: 30_000 }, (_e, out) =>
        done(out),
      );
    });
    expect(summary).toMatch(/^ {2}\/\/#lint:knip +failed \(exit 1\)$/m);
    expect(summary).toMatch(/^ {2}tools\/mock +1 passed, 0 failed$/m);
    expect(summary.trim().split("\n").at(-1)).toBe("3 passed, 1 failed");
  });

  it("skips a task that passed with the same hash and puts its report back; runs a failed or changed one again", async () => {
    await runnerFixture();
    expect((await runRunner({ FAIL: "//#lint:knip" })).code).toBe(1);
    await rm(log);
    // As scripts/test.sh does before each run: no report of an earlier run may count.
    for (const folder of Object.values(FOLDERS)) await rm(join(dir, "clone", folder, "test-results.json"));
    const second = await runRunner({ CHANGED: "@scrm-openapi/msw#test" });
    expect(second.code).toBe(0);
    expect((await started()).sort()).toEqual(["//#lint:knip", "@scrm-openapi/msw#test"]);
    expect(second.stdout).toMatch(/^ok {3}@scrm-openapi\/mock#test [\d.]+ s \(cached\)$/m);
    expect(await readFile(join(dir, "clone/tools/mock/test-results.json"), "utf8")).toContain('"numPassedTests":1');
  });

  it("counts every task failed, and runs none, when turbo's plan cannot be read", async () => {
    await runnerFixture();
    const { code, stdout } = await runRunner({ BROKEN: "1" });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL turbo's plan is not the JSON of --dry=json: turbo 2 says hello/m);
    expect(await started()).toEqual([]);
    expect((await results()).map((r) => r.exitCode)).toEqual(Array(8).fill(1));
  });

  it("runs a task whose outputs it cannot cache, every time, and says so", async () => {
    await runnerFixture();
    for (let run = 0; run < 2; run++) {
      const { code, stdout } = await runRunner({ GLOB: "//#size" });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^note \/\/#size: not cached \(.*is a glob.*\)$/m);
      expect(stdout).toMatch(/^ok {3}\/\/#size [\d.]+ s$/m);
    }
    expect((await started()).filter((id) => id === "//#size")).toHaveLength(2);
  });

  it("runs the small suites that changed in one vitest process, each with its own report and cache entry", async () => {
    await runnerFixture();
    await batchFixture();
    const vitestCalls = async () => (await calls()).filter((c) => c.startsWith("vitest "));
    const report = async (folder: string) =>
      JSON.parse(await readFile(join(dir, "clone", folder, "test-results.json"), "utf8")) as {
        numPassedTests: number;
        testResults: { name: string }[];
      };
    const first = await runRunner({ BATCHABLE: "1" });
    expect(first.code).toBe(0);
    expect(await vitestCalls()).toEqual(["vitest msw webhook in clone"]);
    for (const [id, folder] of [
      ["@scrm-openapi/msw#test", "packages/msw"],
      ["@scrm-openapi/webhook#test", "tools/webhook"],
    ] as const) {
      expect(first.stdout).toContain(`ok   ${id}`);
      const own = await report(folder);
      expect(own.numPassedTests).toBe(2);
      expect(own.testResults.map((r) => r.name)).toEqual([expect.stringContaining(`${folder}/test/`)]);
    }

    // Unchanged: both are put back from their own entries, and no vitest starts.
    await rm(log);
    const second = await runRunner({ BATCHABLE: "1" });
    expect(second.stdout).toMatch(/^ok {3}@scrm-openapi\/webhook#test [\d.]+ s \(cached\)$/m);
    expect(await vitestCalls()).toEqual([]);

    // One changed: it runs alone, in its folder, as its own script says.
    await rm(log, { force: true });
    await runRunner({ BATCHABLE: "1", CHANGED: "@scrm-openapi/msw#test" });
    expect(await vitestCalls()).toEqual(["vitest msw in msw"]);
  });

  it("runs a batch that fails again one suite at a time, so only the failing package fails", async () => {
    await runnerFixture();
    await batchFixture(["webhook"]);
    const { code, stdout } = await runRunner({ BATCHABLE: "1" });
    expect(code).toBe(1);
    // The batch first; then each suite alone, in either order (two lanes).
    const [together, ...alone] = (await calls()).filter((c) => c.startsWith("vitest "));
    expect(together).toBe("vitest msw webhook in clone");
    expect(alone.sort()).toEqual(["vitest msw in msw", "vitest webhook in webhook"]);
    expect(stdout).toMatch(/^note vitest batch \(msw, webhook\) did not pass \(exit 1\); its suites run again/m);
    const failed = (await results()).filter((r) => r.exitCode !== 0).map((r) => r.id);
    expect(failed).toEqual(["@scrm-openapi/webhook#test"]);
  });

  it("ends a task at its deadline and counts it as failed", async () => {
    await runnerFixture();
    const { stdout } = await runRunner({ HANG: "//#size", SCRM_TASK_DEADLINE_S: "0.2" });
    expect(stdout).toMatch(/^FAIL \/\/#size [\d.]+ s \(ended at the 0\.2 s deadline\)$/m);
    // The task logs "start" only once its TERM trap is set, so on a machine too busy to start it within 0.2 s the
    // SIGTERM ends it with no line at all; whenever it did start, the deadline must have reached it as SIGTERM.
    const seen = await calls();
    if (seen.some((c) => c.startsWith("start //#size "))) expect(seen).toContain("term //#size");
    expect((await results()).find((r) => r.id === "//#size")?.exitCode).toBe(124);
  });

  it("kills what a task leaves running, without waiting for it", async () => {
    await runnerFixture();
    const { code } = await runRunner({ LEAK: "//#size" });
    expect(code).toBe(0);
    const pid = Number((await calls()).find((c) => c.startsWith("leaked "))?.split(" ")[1]);
    expect(pid).toBeGreaterThan(0);
    // Gone, or a zombie left for init to reap (its state letter in /proc).
    const state = await readFile(`/proc/${pid}/stat`, "utf8").then(
      (stat) => stat.split(") ")[1]?.[0],
      () => "gone",
    );
    expect(["gone", "Z"]).toContain(state);
  });

  it("passes SIGTERM to the tasks under way and starts no other", async () => {
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
      const ids = await started();
      expect(ids.sort()).toEqual(["@scrm-openapi/fresh#test", "@scrm-openapi/mock#test"]);
      expect(seen.filter((c) => c.startsWith("term ")).sort()).toEqual(ids.map((id) => `term ${id}`).sort());
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
