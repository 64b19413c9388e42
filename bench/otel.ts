// Per-call cost of tracing, side by side in one run (ratios within each round, median of the rounds), in process with a
// fake fetch so only the client's own work is measured: core at BASELINE (default 9f9fdf3, before tracing existed)
// and core now, bundled alike (bench/baseline.ts), without tracing; then core now with `tracing: openTelemetry()` on
// the API alone (no SDK registered: the API's no-op tracer) and on the SDK recording every span (a
// BasicTracerProvider whose exporter drops what it is given). Then the bytes tracing adds to a browser bundle of the
// Weiban client (esbuild, minified, gzip -9), without and with `@scrm-openapi/core/otel`.
// `pnpm --filter @scrm-openapi/bench run bench:otel`
import { gzipSync } from "node:zlib";
import { BasicTracerProvider, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { openTelemetry } from "@scrm-openapi/core/otel";
import { build } from "esbuild";
import { Bench } from "tinybench";
import { coreBuilds } from "./baseline.js";
import { median, weibanOn } from "./weiban-fake.js";

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const REF = process.env.BASELINE ?? "9f9fdf3";

let exported = 0;
const provider = new BasicTracerProvider({
  spanProcessors: [
    new SimpleSpanProcessor({
      export: (spans: ReadableSpan[], done) => {
        exported += spans.length;
        done({ code: 0 });
      },
      shutdown: async () => {},
    }),
  ],
});

const { baseline, current } = await coreBuilds(REF);
const clients = [
  [`core at ${REF}`, weibanOn(baseline, {})],
  ["core now, no tracing", weibanOn(current, {})],
  ["core now, openTelemetry(), no SDK (API no-op)", weibanOn(current, { tracing: openTelemetry() })],
  [
    "core now, openTelemetry() on the SDK (2 spans recorded per call)",
    weibanOn(current, { tracing: openTelemetry({ tracer: provider.getTracer("bench") }) }),
  ],
] as const;
for (const [, client] of clients) await client.GET("/open-api/sea/list");
const hz: number[][] = clients.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  const bench = new Bench({ time: 300, warmupTime: 50 });
  for (const [name, client] of clients) {
    bench.add(name, async () => {
      if ((await client.GET("/open-api/sea/list")).data.errcode !== 0) throw new Error("bad");
    });
  }
  await bench.run();
  bench.tasks.forEach((t, i) => {
    hz[i]?.push((t.result as { throughput?: { mean: number } }).throughput?.mean ?? 0);
  });
}
if (exported === 0) throw new Error("the SDK recorded nothing");
const ratio = (i: number) => median((hz[i] ?? []).map((v, k) => v / ((hz[0] ?? [])[k] || 1)));
const us = (i: number) => 1e6 / median(hz[i] ?? []);
console.log(
  [
    `node ${process.version}, ${ROUNDS} rounds of 300 ms per task; in process, fake fetch, rateLimit: false`,
    "",
    `| task | calls/s (median) | µs per call | vs core at ${REF} |`,
    "|---|---:|---:|---:|",
    ...clients.map(
      ([name], i) => `| ${name} | ${median(hz[i] ?? []).toFixed(0)} | ${us(i).toFixed(1)} | ${ratio(i).toFixed(2)}× |`,
    ),
  ].join("\n"),
);

/** A browser bundle of `contents` (core's built dist): gzip bytes, and the minified bytes of OpenTelemetry's API in it. */
async function bundled(contents: string): Promise<{ gzip: number; api: number }> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
  const api = inputs
    .filter(([file]) => file.includes("@opentelemetry/api"))
    .reduce((n, [, i]) => n + i.bytesInOutput, 0);
  return { gzip: gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length, api };
}
const without = await bundled(
  `import { createWeibanClient } from "@scrm-openapi/weiban"; console.log(createWeibanClient({ corpId: "c", secret: "s" }));`,
);
const traced = await bundled(
  `import { createWeibanClient } from "@scrm-openapi/weiban"; import { openTelemetry } from "@scrm-openapi/core/otel"; console.log(createWeibanClient({ corpId: "c", secret: "s", tracing: openTelemetry() }));`,
);
if (without.api !== 0) throw new Error("OpenTelemetry's API entered a bundle without tracing");
console.log(
  [
    "",
    "| browser bundle of createWeibanClient | gzip B | of which @opentelemetry/api (min B) |",
    "|---|---:|---:|",
    `| without tracing | ${without.gzip} | ${without.api} |`,
    `| with tracing: openTelemetry() | ${traced.gzip} (+${traced.gzip - without.gzip}) | ${traced.api} |`,
  ].join("\n"),
);
