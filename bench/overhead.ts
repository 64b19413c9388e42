// Per-call cost of the Weiban client, side by side with bare openapi-fetch, in the same run: each round measures every
// task for a fixed time, the ratios are taken within the round, and the median of the rounds is reported.
//   1. in process: a fake fetch answering at once, so only the client's own work is measured;
//   2. over loopback HTTP to a node:http server (what a real call adds on top);
//   3. with BASELINE=<git ref>: core at that revision and core now, bundled alike (bench/baseline.ts), with logging
//      off and at info (records to a logger that drops them).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWeibanClient, type paths } from "@scrm-openapi/weiban";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import { coreBuilds } from "./baseline.js";
import { answerText, fakeFetch, median, weibanOn } from "./weiban-fake.js";

const ROUNDS = Number(process.env.ROUNDS ?? 10);

// A limiter that never has to wait: Weiban's 5 in flight kept, its per-API rates raised out of reach.
const neverWaits = { limits: { concurrency: { max: 5 }, rate: [{ class: "read", perMinute: 1e9, perHour: 1e12 }] } };

type Task = [string, () => Promise<void>];

/** Runs the tasks for ROUNDS rounds; the calls/s of each round per task. */
async function measure(tasks: Task[]): Promise<number[][]> {
  const hz: number[][] = tasks.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: 300, warmupTime: 50 });
    for (const [name, fn] of tasks) bench.add(name, fn);
    await bench.run();
    bench.tasks.forEach((t, i) => {
      hz[i]?.push((t.result as { throughput?: { mean: number } }).throughput?.mean ?? 0);
    });
  }
  return hz;
}

async function baselineScenario(ref: string): Promise<string> {
  const { baseline, current } = await coreBuilds(ref);
  const drop = () => {};
  const clients = [
    [`core at ${ref}`, weibanOn(baseline, {})],
    ["core now, logging off", weibanOn(current, {})],
    [
      "core now, logLevel info (records dropped)",
      weibanOn(current, { logLevel: "info", logger: { debug: drop, info: drop, warn: drop, error: drop } }),
    ],
  ] as const;
  for (const [, client] of clients) await client.GET("/open-api/sea/list");
  const tasks: Task[] = clients.map(([name, client]) => [
    name,
    async () => {
      if ((await client.GET("/open-api/sea/list")).data.errcode !== 0) throw new Error("bad");
    },
  ]);
  const hz = await measure(tasks);
  const ratio = (i: number) => median((hz[i] ?? []).map((v, k) => v / ((hz[0] ?? [])[k] || 1)));
  return [
    `### Against core at ${ref} (in process, fake fetch, rateLimit: false, both bundled by esbuild)`,
    "",
    `| task | calls/s (median) | vs core at ${ref} |`,
    "|---|---:|---:|",
    ...tasks.map(([name], i) => `| ${name} | ${median(hz[i] ?? []).toFixed(0)} | ${ratio(i).toFixed(2)}× |`),
  ].join("\n");
}

async function scenario(title: string, baseUrl: string, fetchImpl: typeof fetch | undefined): Promise<string> {
  const common = { corpId: "bench", secret: "bench-secret", baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  const off = createWeibanClient({ ...common, rateLimit: false });
  const on = createWeibanClient({ ...common, rateLimit: neverWaits });
  const bare = createClient<paths>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  await off.GET("/open-api/sea/list");
  await on.GET("/open-api/sea/list");
  const tasks: Task[] = [
    [
      "openapi-fetch, no pipeline",
      async () => {
        const { data } = await bare.GET("/open-api/sea/list", {
          params: { query: { access_token: "bench-token" } as never },
        });
        if (data?.errcode !== 0) throw new Error("bad");
      },
    ],
    [
      "createWeibanClient, rateLimit: false",
      async () => {
        if ((await off.GET("/open-api/sea/list")).data.errcode !== 0) throw new Error("bad");
      },
    ],
    [
      "createWeibanClient, default limiter (never waits)",
      async () => {
        if ((await on.GET("/open-api/sea/list")).data.errcode !== 0) throw new Error("bad");
      },
    ],
  ];
  const hz = await measure(tasks);
  await Promise.all([off.close(), on.close()]);
  const ratio = (i: number, j: number) => median((hz[i] ?? []).map((v, k) => v / ((hz[j] ?? [])[k] || 1)));
  const lines = [
    `### ${title}`,
    "",
    "| task | calls/s (median) | vs openapi-fetch | vs rateLimit: false |",
    "|---|---:|---:|---:|",
    ...tasks.map(
      ([name], i) =>
        `| ${name} | ${median(hz[i] ?? []).toFixed(0)} | ${ratio(i, 0).toFixed(2)}× | ${i === 0 ? "—" : `${ratio(i, 1).toFixed(2)}×`} |`,
    ),
  ];
  return lines.join("\n");
}

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(answerText(req.url ?? ""));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const loopback = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

if (process.env.BASELINE) {
  console.log(await baselineScenario(process.env.BASELINE));
  process.exit(0);
}
console.log(`node ${process.version}, ${ROUNDS} rounds of 300 ms per task, ratios within each round, median shown\n`);
console.log(await scenario("In process (fake fetch, warm token)", "http://weiban.bench", fakeFetch));
console.log();
console.log(await scenario("Loopback HTTP (node:http server, 1 call in flight)", loopback, undefined));
server.close();
