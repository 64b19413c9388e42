// npm test's task runner: every task (the root's lint, typecheck and size, each workspace package's test) as its own
// `turbo run <task> --only`, two at a time, longest first. Turbo still caches each task and restores its outputs;
// this file only decides the order. Turbo gives tasks that are ready together an arbitrary order, and a long suite
// started last often ran on by itself for the last 20–28 s of a cold run. Builds are not tasks here: scripts/test.sh runs
// them first, so every task is ready at once.
//
// Writes .turbo/scrm-tasks.json ([{ id, exitCode, seconds }]) for scripts/summary.mjs; exits 1 if any task failed.
// `--list` prints the tasks in the order they would start, and runs none.
// A task's output is printed only when it fails. Each task has a deadline (SCRM_TASK_DEADLINE_S, 900 by default), then
// SIGTERM, then SIGKILL 10 s later; a signal to this process reaches every turbo it started (and turbo passes it to
// the task).
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { testSuites } from "./suites.mjs";

const ROOT_TASKS = ["lint:code", "lint:specs", "lint:knip", "typecheck", "size"];
const CONCURRENCY = 2; // two cores; each suite may start its own Prism, redis-server or Chromium
const DEADLINE_MS = Number(process.env.SCRM_TASK_DEADLINE_S ?? 900) * 1000;

// Seconds each task took in a cold run at 176e880 (two at a time). Only the order they give matters; a task not
// listed (a new suite) runs before all of them, so it can never be the one left running alone at the end.
const SECONDS = {
  "@scrm-openapi/mock#test": 43.6,
  "@scrm-openapi/docs#test": 39.2,
  "@scrm-openapi/consumer#test": 28.4,
  "//#typecheck": 25.3,
  "@scrm-openapi/browser#test": 23.4,
  "@scrm-openapi/scaffold#test": 21.6,
  "@scrm-openapi/weiban#test": 17.9,
  "@scrm-openapi/core#test": 16.0,
  "@scrm-openapi/weiling#test": 15.3,
  "@scrm-openapi/redis#test": 15.1,
  "//#lint:specs": 14.9,
  "@scrm-openapi/codegen#test": 14.8,
  "@scrm-openapi/tanma#test": 14.6,
  "@scrm-openapi/mcp#test": 12.7,
  "@scrm-openapi/unified#test": 12.6,
  "@scrm-openapi/planyun#test": 8.4,
  "//#lint:knip": 8.0,
  "@scrm-openapi/webhook#test": 5.7,
  "@scrm-openapi/spec-diff#test": 5.7,
  "@scrm-openapi/msw#test": 3.7,
  "//#lint:code": 2.8,
  "//#size": 2.5,
};

/** The root's tasks, then every workspace package with a `test` script: the tasks npm test runs. */
function listTasks() {
  const ids = [...ROOT_TASKS.map((task) => `//#${task}`), ...testSuites().map(({ name }) => `${name}#test`)];
  return ids.sort((a, b) => (SECONDS[b] ?? Number.POSITIVE_INFINITY) - (SECONDS[a] ?? Number.POSITIVE_INFINITY));
}

const running = new Set();
let stopping = false;

function runTask(id) {
  const started = performance.now();
  return new Promise((resolve) => {
    const args = ["run", id, "--only", "--output-logs=errors-only", "--log-prefix=none"];
    const child = spawn("node_modules/.bin/turbo", args, { stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let late = false;
    let kill;
    const deadline = setTimeout(() => {
      late = true;
      child.kill("SIGTERM");
      kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    }, DEADLINE_MS);
    let settled = false;
    const settle = (exitCode) => {
      // A child that fails to start may report both "error" and "close".
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(kill);
      running.delete(child);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const cached = /Cached:\s+1 cached/.test(output) ? " (cached)" : "";
      const note = late ? ` (ended at the ${DEADLINE_MS / 1000} s deadline)` : cached;
      console.log(`${exitCode === 0 ? "ok  " : "FAIL"} ${id} ${seconds.toFixed(1)} s${note}`);
      if (exitCode !== 0) process.stdout.write(output);
      resolve({ id, exitCode: late ? 124 : exitCode, seconds });
    };
    child.on("error", (error) => {
      output += `${error.message}\n`;
      settle(127);
    });
    child.on("close", (code, signal) => settle(code ?? (signal ? 128 : 1)));
  });
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopping = true;
    for (const child of running) child.kill(signal);
    // The children's close events settle their tasks; then the queue stops and the process exits below. A turbo
    // that has not ended 10 s later is killed.
    setTimeout(() => {
      for (const child of running) child.kill("SIGKILL");
    }, 10_000).unref();
  });
}

const queue = listTasks();
if (process.argv.includes("--list")) {
  console.log(queue.join("\n"));
  process.exit(0);
}
const results = [];
async function lane() {
  while (queue.length > 0 && !stopping) results.push(await runTask(queue.shift()));
}
await Promise.all(Array.from({ length: CONCURRENCY }, lane));

mkdirSync(".turbo", { recursive: true });
writeFileSync(".turbo/scrm-tasks.json", `${JSON.stringify(results, null, 2)}\n`);
process.exit(stopping || results.some((r) => r.exitCode !== 0) ? 1 : 0);
