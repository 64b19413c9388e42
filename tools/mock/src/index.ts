import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, Socket } from "node:net";
import { dirname, join } from "node:path";
import { listApis, readVendor, type VendorInfo } from "@scrm-openapi/codegen";

const require = createRequire(import.meta.url);
// Spawn Prism's real entry with this node, not the .bin shim, so stop() reaches the actual process.
const PRISM_ENTRY = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");

export interface MockServer {
  vendor: string;
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartMockOptions {
  /** 0 picks a free port (tests); default is the vendor's fixed x-vendor.mockPort. */
  port?: number;
  host?: string;
  /** Prism's log level; "error" keeps tests quiet. */
  logLevel?: "info" | "warn" | "error" | "silent";
  /** How long to wait for Prism to accept connections. */
  timeoutMs?: number;
}

export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.connect(port, host);
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts a Prism mock of one vendor's spec and resolves once it accepts connections. */
export async function startMock(vendor: string | VendorInfo, options: StartMockOptions = {}): Promise<MockServer> {
  const info = typeof vendor === "string" ? await findVendor(vendor) : vendor;
  const host = options.host ?? "127.0.0.1";
  const port = options.port === 0 ? await freePort(host) : (options.port ?? info.mockPort);
  const stop = await spawnPrism(info, ["mock", info.root], host, port, options);
  return { vendor: info.id, name: info.name, port, url: `http://${host}:${port}`, stop };
}

/**
 * Runs Prism (`mock` or `proxy` arguments) on host:port until it accepts connections; resolves with its stop().
 * Refuses a port already in use: the readiness probe would otherwise take whatever listens there for our Prism.
 */
export async function spawnPrism(
  info: VendorInfo,
  args: string[],
  host: string,
  port: number,
  options: StartMockOptions = {},
): Promise<() => Promise<void>> {
  if (await canConnect(host, port)) {
    throw new Error(`${args[0]} ${info.id}: ${host}:${port} is already in use (another \`pnpm mock\` running?)`);
  }
  const child = spawn(
    process.execPath,
    [PRISM_ENTRY, ...args, "-h", host, "-p", String(port), "-v", options.logLevel ?? "error"],
    { env: { ...process.env, SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await canConnect(host, port))) {
    if (child.exitCode !== null) {
      throw new Error(
        `${args[0]} ${info.id}: Prism exited with ${child.exitCode} before listening on ${port}:\n${output}`,
      );
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`${args[0]} ${info.id}: Prism did not listen on ${host}:${port} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return () => stopProcess(child);
}

export async function findVendor(id: string): Promise<VendorInfo> {
  const api = (await listApis()).find((a) => a.id === id);
  if (!api) throw new Error(`mock: no api named "${id}" in redocly.yaml`);
  return readVendor(api);
}

/** Starts mocks for the given vendors (all in redocly.yaml when empty), in parallel. */
export async function startMocks(vendors: string[] = [], options: StartMockOptions = {}): Promise<MockServer[]> {
  const apis = await listApis();
  const unknown = vendors.filter((v) => !apis.some((a) => a.id === v));
  if (unknown.length > 0) throw new Error(`mock: no api named ${unknown.join(", ")} in redocly.yaml`);
  const chosen = apis.filter((a) => vendors.length === 0 || vendors.includes(a.id));
  const infos = await Promise.all(chosen.map(readVendor));
  const settled = await Promise.allSettled(infos.map((info) => startMock(info, options)));
  const started = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await Promise.all(started.map((m) => m.stop()));
    throw failed.reason;
  }
  return started;
}
