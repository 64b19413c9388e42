// npm test's suites: every workspace package and tool with a `test` script, in folder order. run-tasks.mjs runs
// them; summary.mjs reads each one's report.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** @returns {{ dir: string, name: string }[]} each suite's folder (`packages/core`) and package name */
export function testSuites() {
  const suites = [];
  for (const group of ["packages", "tools"]) {
    for (const entry of readdirSync(group).sort()) {
      const file = join(group, entry, "package.json");
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      if (pkg.scripts?.test) suites.push({ dir: `${group}/${entry}`, name: pkg.name });
    }
  }
  return suites;
}
