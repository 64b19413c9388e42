// Small suites share one vitest process, as one vitest project. A vitest process costs 1–2.5 CPU-s before its first
// test (vite, the config, the shared modules), and each project of it a worker of its own that imports and transforms
// the shared modules again: the nine suites below took 42–47 CPU-s as nine projects of one process and 28–34 as one
// project (docs/BENCHMARKS.md). run-tasks.mjs starts the ones it cannot skip as one `vitest run --project
// batch:a+b+…` at the root (vitest.config.ts builds that project from theirs), then splits the one JSON report back
// into each package's test-results.json, so that each still passes, fails and is cached on its own. A batch that does
// not pass is not split: its suites run again one by one, and a failure is pinned to its package by its own run.
import { join, relative } from "node:path";

/** The vitest projects that may share a process (cheap set-ups, nothing that competes for the machine). */
const BATCHED = ["weiling", "weiban", "tanma", "planyun", "unified", "msw", "webhook", "spec-diff", "mcp"];

// A package's test script as the batch can replace it: one project, the report in test-results.json.
const ONE_PROJECT = new RegExp(
  String.raw`^vitest run --config \.\./\.\./vitest\.config\.ts --project ([\w-]+)(?: --maxWorkers=\d+)?` +
    String.raw` --outputFile\.json=test-results\.json$`,
);

/** @param {import("./task-plan.mjs").Task} task @returns {string | undefined} its project, when it may be batched */
export function batchProject(task) {
  const project = ONE_PROJECT.exec(task.command)?.[1];
  return project && BATCHED.includes(project) ? project : undefined;
}

/** The batch's command, run at the root; one worker, as the vendor suites' own scripts ask. */
export const batchCommand = (projects, reportFile) =>
  [
    "node_modules/.bin/vitest run --config vitest.config.ts",
    `--project batch:${projects.join("+")}`,
    `--maxWorkers=1 --outputFile.json=${reportFile}`,
  ].join(" ");

/**
 * One package's share of a batch's JSON report: its test files, and the counts summary.mjs reads, computed from them.
 * @typedef {{ status: string }} TestResult
 * @typedef {{
 *   name: string, status: string, startTime?: number, endTime?: number, assertionResults: TestResult[]
 * }} FileResult
 * @param {{ testResults: FileResult[] }} report
 * @param {string} directory the package's folder (absolute, as in the plan)
 */
export function shareOf(report, directory) {
  const testResults = report.testResults.filter((r) => {
    const path = relative(directory, r.name);
    return path !== "" && !path.startsWith("..") && !path.startsWith("/");
  });
  const count = (status) =>
    testResults.reduce((n, r) => n + r.assertionResults.filter((a) => a.status === status).length, 0);
  const failedFiles = testResults.filter((r) => r.status === "failed").length;
  return {
    ...report,
    numTotalTestSuites: testResults.length,
    numPassedTestSuites: testResults.length - failedFiles,
    numFailedTestSuites: failedFiles,
    numTotalTests: testResults.reduce((n, r) => n + r.assertionResults.length, 0),
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("pending") + count("skipped"),
    numTodoTests: count("todo"),
    success: failedFiles === 0 && count("failed") === 0,
    testResults,
  };
}

/** The time a share's files took, for the seconds the runner reports per package. */
export const fileTime = (share) =>
  share.testResults.reduce((ms, r) => ms + Math.max(0, (r.endTime ?? 0) - (r.startTime ?? 0)), 0);

/** Where the batch writes its report: beside the runner's results, never in a package. */
export const batchReport = (root) => join(root, ".turbo", "scrm-batch-report.json");
