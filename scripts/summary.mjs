// Sums the vitest JSON reports of every package into the one line CI reads: "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

let passed = 0;
let failed = 0;
const lines = [];
for (const group of ["packages", "tools"]) {
  for (const name of readdirSync(group)) {
    const file = join(group, name, "test-results.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    // A suite that failed to load counts as failed even when no test inside it ran.
    const brokenFiles = report.testResults.filter(
      (r) => r.status === "failed" && r.assertionResults.length === 0,
    ).length;
    passed += report.numPassedTests;
    failed += report.numFailedTests + brokenFiles;
    lines.push(
      `  ${`${group}/${name}`.padEnd(20)} ${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`,
    );
  }
}
console.log(lines.join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
