// What npm test's tasks are, as turbo sees them: one `turbo run <tasks> --dry=json` gives each task's command, folder,
// declared outputs and hash (its inputs, its dependencies', the lockfile's). run-tasks.mjs runs the commands itself;
// turbo starting each one would cost a turbo and a `pnpm run` per task (~1.1 CPU-s, 22 times in a cold run).
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";

const PLAN_DEADLINE_MS = 120_000;

/**
 * @typedef {{ id: string, command: string, directory: string, outputs: string[], hash: string }} Task
 * @param {string[]} ids turbo task ids (`//#typecheck`, `@scrm-openapi/core#test`)
 * @param {AbortSignal} [signal] ends the dry run early (npm test was interrupted)
 * @returns {Promise<Map<string, Task>>} rejects with turbo's own words when it cannot plan
 */
export function planTasks(ids, signal) {
  return new Promise((done, fail) => {
    execFile(
      "node_modules/.bin/turbo",
      ["run", ...ids, "--dry=json"],
      { timeout: PLAN_DEADLINE_MS, maxBuffer: 64 * 1024 * 1024, signal },
      (error, stdout, stderr) => {
        if (error) return fail(new Error(`turbo could not plan the tasks: ${stderr.trim() || error.message}`));
        let tasks;
        try {
          ({ tasks } = JSON.parse(stdout));
        } catch {
          return fail(new Error(`turbo's plan is not the JSON of --dry=json: ${stdout.slice(0, 200)}`));
        }
        const planned = new Map();
        for (const t of tasks) {
          planned.set(t.taskId, {
            id: t.taskId,
            command: t.command,
            directory: resolve(t.directory || "."),
            outputs: t.outputs ?? [],
            hash: t.hash,
          });
        }
        done(planned);
      },
    );
  });
}

// The variables a task inherits. Turbo's strict mode, which these tasks ran under before, passes about these and no
// others, so a task's result cannot hang on a variable its hash does not cover. The opt-outs are set, not inherited.
const INHERITED = [
  "HOME",
  "USER",
  "SHELL",
  "TERM",
  "COLORTERM",
  "LANG",
  "TZ",
  "TMPDIR",
  "TMP",
  "TEMP",
  "CI",
  "NO_COLOR",
  "FORCE_COLOR",
  "NODE_OPTIONS",
  "LD_LIBRARY_PATH",
  "XDG_RUNTIME_DIR",
];
const OPT_OUTS = {
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  TURBO_TELEMETRY_DISABLED: "1",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
};

/** A task's environment: the inherited few, the opt-outs, and PATH with the package's and the root's `.bin` first. */
export function taskEnv(task, env = process.env) {
  const own = Object.fromEntries(INHERITED.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const bins = [join(task.directory, "node_modules/.bin"), resolve("node_modules/.bin")];
  return { ...own, ...OPT_OUTS, PATH: [...new Set(bins)].concat(env.PATH ?? []).join(":") };
}
