// Real process trees for the launcher tests: `pnpm <script>` started in a process group of its own (so that a failed
// test can always kill everything it started), its output, its descendants, and whether a pid still runs.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

interface ProcessRow {
  pid: number;
  ppid: number;
  /** The command line, its arguments joined by spaces (as `ps -o args` prints it). */
  args: string;
}

/** A process's command line from /proc (Linux), its arguments joined by spaces; throws once it has ended. */
const cmdline = (pid: number | string) =>
  readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");

/**
 * Every process: from /proc where there is one, else from one `ps` listing. Reading /proc needs no child process: a
 * synchronous `ps` held up the test worker, and every test running in it, for each of a dozen listings.
 */
export function processTable(): ProcessRow[] {
  if (process.platform !== "linux") {
    return execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid]) => pid)
      .map(([pid, ppid, ...args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args.join(" ") }));
  }
  return readdirSync("/proc").flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return [{ pid: Number(name), ppid, args: cmdline(name) }];
    } catch {
      return []; // ended meanwhile
    }
  });
}

/** A process's command line (one /proc file, or `ps -p` where there is none), or "" once it has ended. */
export function argsOf(pid: number): string {
  try {
    if (process.platform === "linux") return cmdline(pid);
    return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

/** Every process below `pid` (children, grandchildren…), from one listing. */
export function descendants(pid: number): number[] {
  const rows = processTable();
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const { pid: child, ppid } of rows) {
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
