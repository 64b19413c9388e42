// npm test's results cache: a task that passed is not run again while its turbo hash is the same; its declared
// outputs (a suite's test-results.json) are put back instead. One entry per task, overwritten by its next pass, so
// the cache stays as large as one run's reports.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const DIR = ".turbo/scrm-cache";

/** @param {import("./task-plan.mjs").Task} task */
const entryFile = (task) => join(DIR, `${task.id.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`);

/** Outputs are file names relative to the task's folder; turbo's globs are not needed by any task yet. */
function outputs(task) {
  const globbed = task.outputs.find((o) => /[*?[{!]/.test(o));
  if (globbed) throw new Error(`${task.id}: output "${globbed}" is a glob; npm test caches named files only`);
  return task.outputs;
}

/** Puts back the outputs of the task's last pass when its hash is unchanged; true when it did. */
export function restore(task) {
  const file = entryFile(task);
  if (!existsSync(file)) return false;
  let entry;
  try {
    entry = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return false; // a torn write: run the task again
  }
  if (entry?.hash !== task.hash || typeof entry.outputs !== "object") return false;
  const names = outputs(task);
  if (names.some((name) => typeof entry.outputs[name] !== "string")) return false;
  for (const name of names) writeFileSync(join(task.directory, name), entry.outputs[name]);
  return true;
}

/** Records a pass: the hash and the outputs the task wrote (a missing one means there is nothing to record). */
export function save(task) {
  const names = outputs(task);
  const files = names.map((name) => join(task.directory, name));
  if (files.some((f) => !existsSync(f))) return;
  const written = Object.fromEntries(names.map((name, i) => [name, readFileSync(files[i], "utf8")]));
  mkdirSync(dirname(entryFile(task)), { recursive: true });
  writeFileSync(entryFile(task), JSON.stringify({ hash: task.hash, outputs: written }));
}
