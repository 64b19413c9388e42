// Real process trees for the launcher tests: `pnpm <script>` started in a process group of its own (so that a failed
// test can always kill everything it started), its output, its descendants, and whether a pid still runs.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { repoRoot } from "../src/index.js";

/** True while `pid` runs; a zombie (exited, not yet reaped) counts as gone. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return process.platform !== "linux";
  }
}

/** Every process below `pid` (children, grandchildren…), from one `ps` listing. */
export function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

export const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

export interface Script {
  child: ChildProcess;
  /** pnpm's own pid: the process a user's signal goes to. */
  pid: number;
  output(): string;
  /** The first match of `pattern` in the output, waiting up to `timeoutMs` for it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGKILL to the whole process group: what a test that failed half-way leaves behind. */
  killGroup(): void;
}

/** `pnpm <args…>` from the repository root, as a user types it. */
export function pnpmScript(args: string[]): Script {
  const child = spawn("pnpm", args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start pnpm ${args.join(" ")}`);
  return {
    child,
    pid,
    output: () => out,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`no ${pattern} in the output of pnpm ${args.join(" ")} after ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const poll = setInterval(() => {
          const match = pattern.exec(out);
          if (!match) return;
          clearInterval(poll);
          clearTimeout(deadline);
          resolve(match);
        }, 50);
      }),
    killGroup: () => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // the group is gone already
      }
    },
  };
}
