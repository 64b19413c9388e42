import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface WorkerResult {
  ok: number;
  /** Rejected calls by ScrmApiError code, or error name and reason. */
  errors: Record<string, number>;
}

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));

/**
 * Forks `count` real Node processes running test/worker.mjs, waits until every one has built its client, then starts
 * them together so their calls overlap.
 */
export async function runWorkers(count: number, config: Record<string, unknown>): Promise<WorkerResult[]> {
  const children = Array.from({ length: count }, () =>
    fork(WORKER, [JSON.stringify(config)], { stdio: ["ignore", "inherit", "inherit", "ipc"] }),
  );
  const exits = children.map(
    (child) =>
      new Promise<void>((resolve, reject) =>
        child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`)))),
      ),
  );
  try {
    await Promise.all(children.map((child) => nextMessage(child, "ready")));
    const results = children.map((child) => nextMessage(child, "done"));
    for (const child of children) child.send({ type: "go" });
    const done = await Promise.all(results);
    await Promise.all(exits);
    return done.map((m) => m.result as WorkerResult);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

function nextMessage(child: ReturnType<typeof fork>, type: string): Promise<{ type: string; result?: unknown }> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string; result?: unknown }) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`worker exited with ${code} before "${type}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
