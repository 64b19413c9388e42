import { type ChildProcess, spawn } from "node:child_process";
import { unusedPort } from "./http.js";

const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** A throwaway redis-server on loopback (no persistence), which a test can kill and start again on the same port. */
export interface RedisServer {
  readonly port: number;
  /** Stops it: SIGKILL plays a crash, SIGTERM a shutdown. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, commands go unanswered, as in a stall. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT): it then answers what it was sent meanwhile. */
  resume(): void;
}

export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await unusedPort());
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port: chosen,
    async stop(signal = "SIGTERM") {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGCONT"); // a paused server would never act on the signal
      running.kill(signal);
      await exited;
    },
    pause() {
      child?.kill("SIGSTOP");
    },
    resume() {
      child?.kill("SIGCONT");
    },
    async start() {
      child = spawn(
        REDIS_SERVER,
        ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      await ready(child, chosen);
    },
  };
  await server.start();
  return server;
}

function ready(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start on port ${port} within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${REDIS_SERVER} (install the redis-server package): ${error.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
}
