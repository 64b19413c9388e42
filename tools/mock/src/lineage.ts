// A launcher that dies with whoever started it. `pnpm mock` runs pnpm → sh -c → node: a SIGTERM or SIGHUP to pnpm ends
// pnpm and sh but not node (reparented to init), and a SIGKILL to pnpm leaves sh waiting on node — either way the node
// launcher, and the Prism host it holds, kept the ports. No signal reaches node then, so it watches instead: its parent
// changing (the parent died) and, when run as a package script, its parent's parent (the package manager) changing.
// Polling is the portable way (Linux's PR_SET_PDEATHSIG needs a native addon); one /proc read per tick.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The parent pid of `pid`, or undefined when the process is gone. */
function parentOf(pid: number): number | undefined {
  if (process.platform === "linux") {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return undefined;
    }
  }
  try {
    return Number(execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim()) || undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

export interface Lineage {
  /** The parent at start, and the package manager above it when run as a package script. */
  watched: number[];
  stop(): void;
}

/**
 * Calls `onGone` once, with what ended, when this process's parent ends — or, under `pnpm <script>` / `npm run`
 * (npm_lifecycle_event is set), the package manager above the script's shell. Checks every `intervalMs` (default
 * 250 ms); the timer does not keep the process alive.
 */
export function watchLineage(onGone: (what: string) => void, intervalMs = 250): Lineage {
  const parent = process.ppid;
  const grand = process.env.npm_lifecycle_event ? parentOf(parent) : undefined;
  const manager = grand !== undefined && grand > 1 ? grand : undefined;
  const check = () => {
    let gone: string | undefined;
    if (process.ppid !== parent) gone = `its parent process (pid ${parent}) ended`;
    else if (manager !== undefined) {
      // On Linux the shell's parent pid changes the moment the package manager exits (before it is reaped).
      const ended = process.platform === "linux" ? parentOf(parent) !== manager : !alive(manager);
      if (ended) gone = `its package manager (pid ${manager}) ended`;
    }
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { watched: manager === undefined ? [parent] : [parent, manager], stop: () => clearInterval(timer) };
}
