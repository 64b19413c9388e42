// pnpm mock [vendor…] — Prism mock servers on each vendor's fixed port, until Ctrl-C.
import { startMocks } from "./index.js";

const vendors = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const mocks = await startMocks(vendors, { logLevel: "info" }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

const width = Math.max(...mocks.map((m) => m.vendor.length), 6);
console.log(`\n${"vendor".padEnd(width)}  url`);
for (const m of mocks) console.log(`${m.vendor.padEnd(width)}  ${m.url}   (${m.name})`);
console.log(
  "\nPrism validates requests against the spec; pick examples with `Prefer: example=<name>`. Ctrl-C stops.\n",
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all(mocks.map((m) => m.stop()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
