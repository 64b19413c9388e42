// npm test's task runner: every task (the root's lint, typecheck and size, each workspace package's test), two at a
// time, longest first. Turbo still says what a task is and when it changed (task-plan.mjs: one dry run for all); this
// file runs each command itself and skips a task whose last pass had the same hash (task-cache.mjs). Why not a
// `turbo run <task>` per task: turbo starts each through `pnpm run`, ~1.1 CPU-s a task, and turbo alone gives tasks
// that are ready together an arbitrary order (a long suite started last ran on by itself for 20–28 s). Builds are not
// tasks here: scripts/test.sh runs them first, so every task is ready at once. The small suites that must run share
// one vitest process, and are still reported and cached one by one (task-batch.mjs).
//
// Writes .turbo/scrm-tasks.json ([{ id, exitCode, seconds }]) for scripts/summary.mjs; exits 1 if any task failed.
// `--list` prints the tasks in the order they would start, and runs none.
// A task's output is printed only when it fails. Each task runs in a process group of its own: a deadline
// (SCRM_TASK_DEADLINE_S, 900 by default) sends the group SIGTERM, then SIGKILL 10 s later; a signal to this process
// reaches every group under way; what a task leaves running after it exits is killed and named.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { testSuites } from "./suites.mjs";
import { batchCommand, batchProject, batchReport, fileTime, shareOf } from "./task-batch.mjs";
import { restore, save } from "./task-cache.mjs";
import { planTasks, taskEnv } from "./task-plan.mjs";

const ROOT_TASKS = ["lint:code", "lint:specs", "lint:knip", "typecheck", "size"];
const CONCURRENCY = 2; // two cores; each suite may start its own Prism, redis-server or Chromium
const DEADLINE_MS = Number(process.env.SCRM_TASK_DEADLINE_S ?? 900) * 1000;

// Seconds each task took in a cold run at 6a1775d (two at a time; msw, lint:code and size from 176e880). Only the
// order they give matters; a task not listed (a new suite) runs before all of them, so it can never be the one left
// running alone at the end.
const SECONDS = {
  "@scrm-openapi/mock#test": 42.7,
  "@scrm-openapi/consumer#test": 34.1,
  "@scrm-openapi/docs#test": 30.4,
  "@scrm-openapi/redis#test": 15.6,
  "@scrm-openapi/browser#test": 13.0,
  "@scrm-openapi/weiban#test": 12.6,
  "@scrm-openapi/scaffold#test": 12.2,
  "@scrm-openapi/codegen#test": 11.4,
  "//#lint:specs": 11.3,
  "@scrm-openapi/core#test": 10.1,
  "@scrm-openapi/mcp#test": 10.1,
  "@scrm-openapi/weiling#test": 9.7,
  "@scrm-openapi/tanma#test": 8.0,
  "@scrm-openapi/unified#test": 7.9,
  "//#typecheck": 6.1,
  "@scrm-openapi/planyun#test": 5.8,
  "//#lint:knip": 5.8,
  "@scrm-openapi/webhook#test": 3.6,
  "@scrm-openapi/spec-diff#test": 3.4,
  "@scrm-openapi/msw#test": 3.7,
  "//#lint:code": 2.8,
  "//#size": 2.5,
};

/** The root's tasks, then every workspace package with a `test` script: the tasks npm test runs. */
function listTasks() {
  const ids = [...ROOT_TASKS.map((task) => `//#${task}`), ...testSuites().map(({ name }) => `${name}#test`)];
  return ids.sort((a, b) => (SECONDS[b] ?? Number.POSITIVE_INFINITY) - (SECONDS[a] ?? Number.POSITIVE_INFINITY));
}

const running = new Set(); // the process group ids of the tasks under way
const planning = new AbortController();
let stopping = false;

/** Signals a task's whole process group; one that has already gone is no error. */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Runs one task; a batch (task-batch.mjs) is run the same way but neither cached nor reported here. */
function runTask(task, { batch = false } = {}) {
  const started = performance.now();
  const { id } = task;
  const report = (exitCode, note = "", output = "") => {
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    if (batch) return { id, exitCode, seconds, note };
    console.log(`${exitCode === 0 ? "ok  " : "FAIL"} ${id} ${seconds.toFixed(1)} s${note}`);
    if (exitCode !== 0) process.stdout.write(output);
    return { id, exitCode, seconds };
  };
  // The cache only ever saves work: an entry it cannot use, or cannot write, means the task runs (or ran) uncached.
  const cached = (step) => {
    try {
      return step(task);
    } catch (error) {
      console.log(`note ${id}: not cached (${error.message})`);
      return false;
    }
  };
  if (!batch && cached(restore)) return Promise.resolve(report(0, " (cached)"));
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", task.command], {
      cwd: task.directory,
      env: taskEnv(task),
      detached: true, // its own process group, so a signal reaches the command's children too
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const pgid = child.pid;
    if (pgid) running.add(pgid);
    let late = false;
    let kill;
    const deadline = setTimeout(() => {
      late = true;
      signalGroup(pgid, "SIGTERM");
      kill = setTimeout(() => signalGroup(pgid, "SIGKILL"), 10_000);
    }, DEADLINE_MS);
    let exitCode;
    let settled = false;
    let release;
    const settle = () => {
      // A child that fails to start may report both "error" and "close".
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(kill);
      clearTimeout(release);
      running.delete(pgid);
      if (late) return resolve(report(124, ` (ended at the ${DEADLINE_MS / 1000} s deadline)`, output));
      // An interrupted task's pass is not recorded: it may have exited 0 on the signal with half a report.
      if (exitCode === 0 && !stopping && !batch) cached(save);
      resolve(report(exitCode, "", output));
    };
    // A process that left the group (setsid) could hold the output pipes open for ever: stop reading after a while.
    const stopReading = (ms) => {
      release = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        settle();
      }, ms);
    };
    child.on("error", (error) => {
      output += `${error.message}\n`;
      exitCode = 127;
      settle();
    });
    child.on("exit", (code, signal) => {
      exitCode = code ?? (signal ? 128 : 1);
      // Told to stop (deadline, signal): the shell goes first, its children get the 10 s they were promised before
      // the SIGKILL already on its way.
      if (late || stopping) return stopReading(15_000);
      // Done: anything of the task's still running holds its output pipes open; it is killed, and named on failure.
      if (signalGroup(pgid, "SIGKILL")) output += `(${id} left processes running; they were killed)\n`;
      stopReading(5_000);
    });
    child.on("close", settle);
  });
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopping = true;
    planning.abort();
    for (const pgid of running) signalGroup(pgid, signal);
    // The tasks' close events settle them; then the queue stops and the process exits below. A group that has not
    // ended 10 s later is killed.
    setTimeout(() => {
      for (const pgid of running) signalGroup(pgid, "SIGKILL");
    }, 10_000).unref();
  });
}

const queue = listTasks();
if (process.argv.includes("--list")) {
  console.log(queue.join("\n"));
  process.exit(0);
}
const results = [];
let plan;
try {
  plan = await planTasks(queue, planning.signal);
} catch (error) {
  console.log(`FAIL ${error.message}`);
  results.push(...queue.splice(0).map((id) => ({ id, exitCode: 1, seconds: 0 })));
}

/**
 * Runs the batched suites in one vitest process (task-batch.mjs) and reports each as its own task. A batch that fails,
 * or whose report leaves a suite without a file, puts its suites back at the head of the queue to run one by one.
 */
async function runBatch(members) {
  const projects = members.map(batchProject);
  const file = batchReport(process.cwd());
  rmSync(file, { force: true });
  const id = `vitest batch (${projects.join(", ")})`;
  const run = await runTask({ id, command: batchCommand(projects, file), directory: process.cwd() }, { batch: true });
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    report = undefined;
  }
  rmSync(file, { force: true });
  const shares = report ? members.map((member) => shareOf(report, member.directory)) : [];
  if (run.exitCode !== 0 || !report || shares.some((share) => share.testResults.length === 0)) {
    if (stopping) return members.map((member) => ({ id: member.id, exitCode: run.exitCode || 1, seconds: 0 }));
    console.log(`note ${id} did not pass (exit ${run.exitCode}${run.note}); its suites run again one by one`);
    queue.unshift(...members.map((member) => member.id));
    return [];
  }
  const total = shares.reduce((ms, share) => ms + fileTime(share), 0) || 1;
  return members.map((member, i) => {
    writeFileSync(join(member.directory, "test-results.json"), `${JSON.stringify(shares[i])}\n`);
    try {
      save(member);
    } catch (error) {
      console.log(`note ${member.id}: not cached (${error.message})`);
    }
    const seconds = Math.round(((run.seconds * fileTime(shares[i])) / total) * 10) / 10;
    console.log(`ok   ${member.id} ${seconds.toFixed(1)} s (its share of one vitest process for ${members.length})`);
    return { id: member.id, exitCode: 0, seconds };
  });
}

/**
 * The batchable suites that must run (one whose last pass has the same hash is put back, by its own cache entry) leave
 * the queue for one entry, placed by their summed figures: longest first, as every task.
 */
const BATCH = "(vitest batch)";
let batch = [];
if (plan) {
  for (const id of queue) {
    const task = plan.get(id);
    if (!task || !batchProject(task)) continue;
    let fresh = false;
    try {
      fresh = restore(task);
    } catch {
      // not cacheable: it runs
    }
    if (!fresh) batch.push(task);
  }
  if (batch.length < 2) batch = [];
  const members = new Set(batch.map((task) => task.id));
  const kept = queue.filter((id) => !members.has(id));
  if (batch.length > 0) {
    const seconds = batch.reduce((sum, task) => sum + (SECONDS[task.id] ?? Number.POSITIVE_INFINITY), 0);
    const at = kept.findIndex((id) => (SECONDS[id] ?? Number.POSITIVE_INFINITY) < seconds);
    kept.splice(at === -1 ? kept.length : at, 0, BATCH);
  }
  queue.splice(0, queue.length, ...kept);
}

async function lane() {
  while (queue.length > 0 && !stopping) {
    const id = queue.shift();
    if (id === BATCH) {
      results.push(...(await runBatch(batch)));
      continue;
    }
    const task = plan.get(id);
    if (task) results.push(await runTask(task));
    else {
      console.log(`FAIL ${id}: not in turbo's plan`);
      results.push({ id, exitCode: 1, seconds: 0 });
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, lane));

mkdirSync(".turbo", { recursive: true });
writeFileSync(".turbo/scrm-tasks.json", `${JSON.stringify(results, null, 2)}\n`);
process.exit(stopping || results.some((r) => r.exitCode !== 0) ? 1 : 0);
