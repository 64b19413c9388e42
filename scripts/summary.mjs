// The one line CI reads, "N passed, N failed", with a line per package and tool before it. Sources: each package's
// vitest JSON report and the task runner's results (.turbo/scrm-tasks.json, from scripts/run-tasks.mjs). A package
// with a `test` script whose report is missing counts as failed, and so does every other task (lint, typecheck, size)
// that failed, every prerequisite scripts/test.sh found missing (SCRM_MISSING, one per line) and every step of its own
// that failed (SCRM_FAILED: the builds).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { testSuites } from "./suites.mjs";

const rows = [];
let passed = 0;
let failed = 0;

const resultsFile = ".turbo/scrm-tasks.json";
const tasks = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : undefined;
const exitCode = (taskId) => tasks?.find((t) => t.id === taskId)?.exitCode;

for (const { dir, name } of testSuites()) {
  const label = dir.padEnd(22);
  const file = join(dir, "test-results.json");
  if (!existsSync(file)) {
    failed += 1;
    rows.push(`  ${label} did not report (test task exit ${exitCode(`${name}#test`) ?? "not run"}): 1 failed`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  // A file that failed outside its tests (load error, failed hook) has no failed assertion but must still count.
  const broken = report.testResults.filter(
    (r) => r.status === "failed" && !r.assertionResults.some((a) => a.status === "failed"),
  ).length;
  const bad = report.numFailedTests + broken;
  passed += report.numPassedTests;
  failed += bad;
  rows.push(`  ${label} ${report.numPassedTests} passed, ${bad} failed`);
}

for (const line of (process.env.SCRM_MISSING ?? "").split("\n").filter(Boolean)) {
  failed += 1;
  rows.push(`  missing                ${line}`);
}
for (const line of (process.env.SCRM_FAILED ?? "").split("\n").filter(Boolean)) {
  failed += 1;
  rows.push(`  failed                 ${line}`);
}

if (!tasks) {
  failed += 1;
  rows.push("  tasks                  no results: the task run did not complete");
}
for (const task of tasks ?? []) {
  if (task.id.endsWith("#test") || task.exitCode === 0) continue;
  failed += 1;
  rows.push(`  ${task.id.padEnd(22)} failed (exit ${task.exitCode})`);
}

console.log(rows.join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
