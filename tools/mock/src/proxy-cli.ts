// pnpm proxy <vendor> --upstream <url> [--port N] — run it in staging between your client and the vendor: every
// request and answer that differs from specs/<vendor> is printed as a drift line, credentials masked. Ctrl-C stops
// it; so does the end of its Prism host (exit 1) or of the pnpm process that runs it.
import { parseArgs } from "node:util";
import { watchLineage } from "./lineage.js";
import { DEFAULT_UPSTREAM_LIMITS, startDriftProxy } from "./proxy.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    upstream: { type: "string" },
    port: { type: "string" },
    json: { type: "boolean", default: false },
    timeout: { type: "string", default: String(DEFAULT_UPSTREAM_LIMITS.deadlineMs / 1000) },
    "max-answer-mb": { type: "string", default: String(DEFAULT_UPSTREAM_LIMITS.maxAnswerBytes / 1024 / 1024) },
  },
});
const vendor = positionals[0];
const deadlineMs = Number(values.timeout) * 1000;
const maxAnswerBytes = Math.floor(Number(values["max-answer-mb"]) * 1024 * 1024);
if (!vendor || !values.upstream || !(deadlineMs > 0) || !(maxAnswerBytes > 0)) {
  console.error(`usage: pnpm proxy <vendor> --upstream <https://vendor.host> [--port N] [--json]
  --timeout <s>          deadline of each vendor call (default ${DEFAULT_UPSTREAM_LIMITS.deadlineMs / 1000})
  --max-answer-mb <MB>   largest vendor answer passed on (default ${values["max-answer-mb"]}); over it: 502`);
  process.exit(2);
}
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

let stopping = false;
let stopProxy: () => Promise<void> = async () => {};
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await stopProxy();
  process.exit(code);
};
// Registered before start-up; a signal to pnpm never reaches this process (pnpm → sh → node), so it watches.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
watchLineage(() => void stop(0));

const proxy = await startDriftProxy({
  vendor,
  upstream: values.upstream,
  ...(values.port ? { port: Number(values.port) } : {}),
  limits: { deadlineMs, maxAnswerBytes },
  onDrift: (d) =>
    console.log(
      values.json
        ? JSON.stringify(d)
        : `DRIFT ${d.operationId} ${d.method} ${d.path} ${d.field}: expected ${d.expected}${d.actual === undefined ? "" : `, actual ${d.actual}`}`,
    ),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
stopProxy = async () => {
  await proxy.stop();
  console.log(`proxy ${vendor}: ${proxy.drifts.length} drift(s) seen`);
};
if (stopping) await new Promise(() => {}); // a signal came during start-up: stop() exits
void proxy.ended.then((reason) => {
  console.error(`proxy ${vendor}: stopped, ${reason}`);
  process.exit(1);
});
console.log(`proxy ${vendor}: ${proxy.url} → ${values.upstream} (point your client's baseUrl here; Ctrl-C stops)`);
