import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";
import { bundled } from "../bin/bundle.mjs";
import type { BodyLimits } from "./body-limits.js";
import type { HostMessage, HostRequest, HostServer, LauncherMessage, Route } from "./host.js";
import { prismBundle } from "./prism-bundle.js";
import { chooseVendors, findVendor, type MockVendor, repoRoot } from "./vendors.js";

export { type BodyLimits, DEFAULT_LIMITS } from "./body-limits.js";
export { chooseVendors, findVendor, listVendors, type MockVendor, repoRoot } from "./vendors.js";

const HOST_SOURCE = fileURLToPath(new URL("./host.ts", import.meta.url));

/**
 * The host as plain JavaScript, run by node itself: a PID that is the one serving, and no TypeScript loader hooking
 * each of Prism's ~1,000 module loads (tsx cost ~0.5 s of every start). esbuild bundles host.ts with its local
 * imports, packages left external, into tools/mock/node_modules/.cache (../bin/bundle.mjs), so that Prism resolves
 * from tools/mock's dependencies.
 */
function hostEntry(): Promise<string> {
  return built(HOST_SOURCE, "host");
}

/** `entry` bundled (packages external) into the cache: the file's path. */
function built(entry: string, name: string): Promise<string> {
  const options: BuildOptions = {
    entryPoints: [entry],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
  };
  return bundled(name, options);
}

export interface MockServer {
  vendor: string;
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartMockOptions {
  /** 0 picks a free port per vendor (tests); default is each vendor's fixed x-vendor.mockPort. */
  port?: number;
  host?: string;
  /** Prism's log level: "error" (default) keeps it quiet; "info" logs every request and every spec violation. */
  logLevel?: HostRequest["logLevel"] | "silent";
  /** How long every vendor may take to accept connections before start-up fails (default 30 s). */
  timeoutMs?: number;
  /** Where the host's log lines go (default: dropped, except the tail that an error message quotes). */
  onLog?: (line: string) => void;
  /** Request-body limits (default DEFAULT_LIMITS: 1 MiB, 64 levels of JSON nesting). */
  limits?: BodyLimits;
  /**
   * What an accepted request gets: `"seeded"` (what `pnpm mock` serves) the vendor's seeded zh-CN dataset, the same as
   * the MSW handlers' (lists paged for real, ids that get operations find, creates kept); `"examples"` (default here,
   * for the contract suites that check clients against the pages' own values) Prism's doc examples.
   * `Prefer: example=<name>` gets the doc example either way.
   */
  data?: "seeded" | "examples";
  /** Seed of the dataset (default 1, as in the MSW handlers). */
  seed?: number;
}

/** How a host process ended. */
export interface HostExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() ended it; false when it ended by itself (a crash) or was killed from outside. */
  stopped: boolean;
  /** The host's last output (up to 4,000 characters): a crash's error and stack. */
  output: string;
}

/** A running host process: its servers by vendor, and the pid (tests check that it goes away). */
export interface MockHost {
  pid: number;
  servers: MockServer[];
  /** Stops every server and the process. */
  stop(): Promise<void>;
  /** Settles when the host process ends, however it ends. */
  exited: Promise<HostExit>;
  /** Each validating proxy's operations (by server id), as its Prism parsed them. */
  routes: Map<string, Route[]>;
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

// Every live host, killed synchronously when this process exits however it exits normally (process.exit, an
// uncaught error); a SIGKILLed launcher is covered by the host itself, which exits when its IPC channel closes.
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/**
 * Starts one host process serving every given server (Prism mock, or validating proxy with `upstream`), and resolves
 * once each accepts connections. Fails — and leaves no process behind — when one cannot listen, the host dies, or
 * `timeoutMs` passes first.
 */
export async function startHost(
  specs: (HostServer & { vendor: MockVendor })[],
  options: StartMockOptions = {},
): Promise<MockHost> {
  const [entry, prism] = await Promise.all([hostEntry(), prismBundle()]);
  const request: HostRequest = {
    servers: specs.map(({ vendor: _vendor, ...server }) => server),
    prism,
    logLevel: options.logLevel === "silent" || options.logLevel === undefined ? "error" : options.logLevel,
    ...(options.limits ? { limits: options.limits } : {}),
  };
  const child = spawn(process.execPath, [entry, JSON.stringify(request)], {
    env: { ...process.env, SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let tail = "";
  const collect = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    if (options.onLog) for (const line of chunk.toString().split("\n")) if (line) options.onLog(line);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  let stopped = false;
  const exited = new Promise<HostExit>((resolve) => {
    const settle = () => resolve({ code: child.exitCode, signal: child.signalCode, stopped, output: tail });
    // "close", not "exit": the last words of a crash arrive on stderr after the exit itself.
    child.once("close", settle);
  });
  const kill = async () => {
    stopped = true;
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(forced);
  };

  let ports: Map<string, { port: number; routes?: Route[] }>;
  try {
    ports = await listening(child, specs, options.timeoutMs ?? 30_000, () => tail);
  } catch (error) {
    await kill();
    throw error;
  }

  let open = specs.length;
  const servers = specs.map((spec): MockServer => {
    const port = ports.get(spec.id)?.port;
    // The host resolved only once every server reported its port.
    if (port === undefined) throw new Error(`mock ${spec.id}: the host reported no port`);
    let stopped: Promise<void> | undefined;
    return {
      vendor: spec.vendor.id,
      name: spec.vendor.name,
      port,
      url: `http://${spec.host}:${port}`,
      // One vendor's stop closes its server; the last one ends the process.
      stop: () => {
        stopped ??= (async () => {
          if (--open === 0 || !child.connected) return kill();
          const closed = new Promise<void>((resolve) => {
            const onMessage = (m: HostMessage) => {
              if (m.type === "closed" && m.id === spec.id) {
                child.off("message", onMessage);
                resolve();
              }
            };
            child.on("message", onMessage);
            void exited.then(() => resolve());
          });
          child.send({ type: "close", id: spec.id } satisfies LauncherMessage);
          await closed;
        })();
        return stopped;
      },
    };
  });
  const routes = new Map([...ports].flatMap(([id, { routes }]) => (routes ? [[id, routes] as const] : [])));
  return { pid: child.pid ?? -1, servers, stop: kill, exited, routes };
}

/** The port of each server once all listen; rejects when one fails, the host exits, or `timeoutMs` passes first. */
function listening(
  child: ChildProcess,
  specs: readonly HostServer[],
  timeoutMs: number,
  tail: () => string,
): Promise<Map<string, { port: number; routes?: Route[] }>> {
  const ports = new Map<string, { port: number; routes?: Route[] }>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const waiting = specs.filter((s) => !ports.has(s.id)).map((s) => s.id);
      reject(new Error(`mock ${waiting.join(", ")}: not listening after ${timeoutMs} ms (--timeout)\n${tail()}`));
    }, timeoutMs);
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      error ? reject(error) : resolve(ports);
    };
    const onMessage = (message: HostMessage) => {
      if (message.type === "failed") done(new Error(message.message));
      if (message.type !== "listening") return;
      ports.set(message.id, { port: message.port, ...(message.routes ? { routes: message.routes } : {}) });
      if (ports.size === specs.length) done();
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(new Error(`mock: the host exited (${signal ?? code}) before listening:\n${tail()}`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** Starts a Prism mock of one vendor's spec and resolves once it accepts connections. */
export async function startMock(vendor: string | MockVendor, options: StartMockOptions = {}): Promise<MockServer> {
  const info = typeof vendor === "string" ? await findVendor(vendor) : vendor;
  const [server] = (await startHost([await serverOf(info, options)], options)).servers;
  if (!server) throw new Error(`mock ${info.id}: the host started no server`);
  return server;
}

/** Starts mocks for the given vendors (all in redocly.yaml when empty) in one host process. */
export async function startMocks(vendors: string[] = [], options: StartMockOptions = {}): Promise<MockServer[]> {
  return (await startMockHost(vendors, options)).servers;
}

/** startMocks, with the host process itself (its pid, one stop for all). */
export async function startMockHost(vendors: string[] = [], options: StartMockOptions = {}): Promise<MockHost> {
  const chosen = await chooseVendors(vendors);
  return startHost(await Promise.all(chosen.map((v) => serverOf(v, options))), options);
}

/**
 * startMockHost serving each vendor once per name in `sets`, each server with its own port and seeded data (what one
 * set's requests create, another never sees), from the one host: test files that share a start-up, not their state.
 */
export async function startMockSets(
  sets: readonly string[],
  vendors: string[] = [],
  options: StartMockOptions = {},
): Promise<{ host: MockHost; sets: Record<string, MockServer[]> }> {
  const chosen = await chooseVendors(vendors);
  const specs = await Promise.all(
    sets.flatMap((set) => chosen.map(async (v) => ({ ...(await serverOf(v, options)), id: `${v.id}@${set}` }))),
  );
  const host = await startHost(specs, options);
  const at = (i: number) => host.servers.slice(i * chosen.length, (i + 1) * chosen.length);
  return { host, sets: Object.fromEntries(sets.map((set, i) => [set, at(i)])) };
}

async function serverOf(vendor: MockVendor, options: StartMockOptions): Promise<HostServer & { vendor: MockVendor }> {
  const mocks = join(repoRoot, "packages", vendor.id, "src", "generated", "mocks.ts");
  const seeded = options.data === "seeded" && existsSync(mocks);
  return {
    vendor,
    id: vendor.id,
    root: vendor.root,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? vendor.mockPort,
    ...(seeded ? { data: { module: await built(mocks, `data-${vendor.id}`), seed: options.seed ?? 1 } } : {}),
  };
}
