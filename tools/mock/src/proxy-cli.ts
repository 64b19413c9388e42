// pnpm proxy <vendor> --upstream <url> [--port N] — run it in staging between your client and the vendor: every
// request and answer that differs from specs/<vendor> is printed as a drift line. Ctrl-C stops it.
import { parseArgs } from "node:util";
import { startDriftProxy } from "./proxy.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { upstream: { type: "string" }, port: { type: "string" }, json: { type: "boolean", default: false } },
});
const vendor = positionals[0];
if (!vendor || !values.upstream) {
  console.error("usage: pnpm proxy <vendor> --upstream <https://vendor.host> [--port N] [--json]");
  process.exit(2);
}
const proxy = await startDriftProxy({
  vendor,
  upstream: values.upstream,
  ...(values.port ? { port: Number(values.port) } : {}),
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
console.log(`proxy ${vendor}: ${proxy.url} → ${values.upstream} (point your client's baseUrl here; Ctrl-C stops)`);
const stop = async () => {
  await proxy.stop();
  console.log(`proxy ${vendor}: ${proxy.drifts.length} drift(s) seen`);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("SIGHUP", stop);
