// pnpm mock [vendor…] [--msw] [--timeout <s>] [--verbose] [--free-ports] — every vendor's mock on its fixed port
// until Ctrl-C. Prism (default) validates requests against the spec; --msw serves the MSW handlers of
// @scrm-openapi/<vendor>/msw instead (in-memory store: a created record is then returned by get and list).
import { parseArgs } from "node:util";
import { type MockServer, startMockHost } from "./index.js";
import { watchLineage } from "./lineage.js";
import { startMswServers } from "./msw-http.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    msw: { type: "boolean", default: false },
    timeout: { type: "string", default: "30" },
    verbose: { type: "boolean", short: "v", default: false },
    "free-ports": { type: "boolean", default: false },
    host: { type: "string", default: "127.0.0.1" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`usage: pnpm mock [vendor…] [--msw] [--timeout <seconds>] [--verbose] [--free-ports] [--host <addr>]
  --msw          serve the MSW handlers (spec examples + an in-memory store) instead of Prism
  --timeout      start-up deadline in seconds (default 30)
  --verbose, -v  log every request (and Prism's spec violations)
  --free-ports   any free port instead of each vendor's fixed one`);
  process.exit(0);
}
const timeoutMs = Number(values.timeout) * 1000;
if (!(timeoutMs > 0)) {
  console.error(`mock: --timeout must be a positive number of seconds, got ${values.timeout}`);
  process.exit(2);
}
const log = (line: string) => console.log(line);
const options = {
  host: values.host,
  timeoutMs,
  data: "seeded" as const,
  ...(values["free-ports"] ? { port: 0 } : {}),
  ...(values.verbose ? { logLevel: "info" as const, onLog: log } : {}),
};

let stopAll: () => Promise<void> = async () => {};
let stopping = false;
const stop = async (reason: string) => {
  if (stopping) return;
  stopping = true;
  if (values.verbose) console.log(`mock: ${reason}, stopping`);
  await stopAll();
  process.exit(0);
};
// Registered before start-up, so a signal during it stops what has started too.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
// A signal to pnpm does not reach this process (pnpm → sh → node): it stops when pnpm or its shell is gone. Their
// end may have closed the pipe our output goes to; a failed write must not crash the stop.
watchLineage((what) => void stop(what));
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

let servers: MockServer[];
try {
  if (values.msw) {
    // The vendors' handlers are TypeScript (packages/<vendor>/src/msw.ts), imported at run time: the launcher
    // (bin/launch.mjs, no loader) registers tsx for them, and only in this mode.
    const { register } = await import("tsx/esm/api");
    register();
    const msw = await startMswServers(positionals, { ...options, verbose: values.verbose });
    servers = msw.servers;
    stopAll = msw.stop;
  } else {
    const host = await startMockHost(positionals, options);
    servers = host.servers;
    stopAll = host.stop;
    if (values.verbose) console.log(`mock: Prism host pid ${host.pid}`);
    // The host ending by itself (a crash, a kill from outside) ends the mocks: say so, and fail.
    void host.exited.then((exit) => {
      if (exit.stopped || stopping) return;
      const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
      console.error(`mock: the Prism host (pid ${host.pid}) ended unexpectedly (${how}); no vendor is served.`);
      if (exit.output.trim()) console.error(`its last output:\n${exit.output.trimEnd()}`);
      process.exit(1);
    });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
if (stopping) await new Promise(() => {}); // a signal came during start-up: stop() exits

// performance.now() counts from this process's start: node, the tsx loader and every import included.
const seconds = (performance.now() / 1000).toFixed(1);
const width = Math.max(...servers.map((m) => m.vendor.length), 6);
console.log(`\n${"vendor".padEnd(width)}  url   (${values.msw ? "MSW" : "Prism"}, ready in ${seconds} s)`);
for (const m of servers) console.log(`${m.vendor.padEnd(width)}  ${m.url}   (${m.name})`);
console.log(
  values.msw
    ? "\nMSW handlers: spec examples, `Prefer: example=<name>`, created records kept until exit. Ctrl-C stops.\n"
    : "\nPrism validates requests against the spec; pick examples with `Prefer: example=<name>`. Ctrl-C stops.\n",
);
