// Per-call overhead of the Weiban client against a local node:http server, side by side with its baselines:
// a hand-written fetch (the floor) and bare openapi-fetch (what the pipeline adds on top of it).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWeibanClient, type paths } from "@scrm-openapi/weiban";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";

const body = JSON.stringify({ errcode: 0, errmsg: "ok", total_count: 1, sea_list: [{ id: 1, name: "默认公海" }] });
const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    req.url?.startsWith("/open-api/access_token/get")
      ? JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "bench-token", expires_in: 7200 })
      : body,
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// The limiter would pace calls to the vendor's documented 600/min; here we measure the code path, not the budget.
const weiban = createWeibanClient({ corpId: "bench", secret: "bench-secret", baseUrl, rateLimit: false });
// The default limiter's own cost, with budgets so high that it never has to wait (5 in flight is kept).
const limited = createWeibanClient({
  corpId: "bench",
  secret: "bench-secret",
  baseUrl,
  rateLimit: { limits: { concurrency: { max: 5 }, rate: [{ class: "read", perMinute: 1e9, perHour: 1e12 }] } },
});
const bare = createClient<paths>({ baseUrl });
await weiban.GET("/open-api/sea/list"); // warm the token caches
await limited.GET("/open-api/sea/list");

const bench = new Bench({ time: 3000, warmupTime: 500 });
bench
  .add("fetch + JSON.parse (baseline)", async () => {
    const r = await fetch(`${baseUrl}/open-api/sea/list?access_token=bench-token`);
    const json = (await r.json()) as { errcode: number };
    if (json.errcode !== 0) throw new Error("bad");
  })
  .add("openapi-fetch, no pipeline", async () => {
    const { data } = await bare.GET("/open-api/sea/list", {
      params: { query: { access_token: "bench-token" } as never },
    });
    if (data?.errcode !== 0) throw new Error("bad");
  })
  .add("createWeibanClient, rateLimit: false", async () => {
    const { data } = await weiban.GET("/open-api/sea/list");
    if (data.errcode !== 0) throw new Error("bad");
  })
  .add("createWeibanClient, limiter on (never waits)", async () => {
    const { data } = await limited.GET("/open-api/sea/list");
    if (data.errcode !== 0) throw new Error("bad");
  });
await bench.run();
await Promise.all([weiban.close(), limited.close()]);
server.close();

const rows = bench.tasks.map((t) => {
  const r = t.result as { throughput?: { mean: number }; latency?: { mean: number; p99?: number } } | undefined;
  return { name: t.name, hz: r?.throughput?.mean ?? 0, mean: r?.latency?.mean ?? 0, p99: r?.latency?.p99 ?? 0 };
});
const base = rows[0]?.hz ?? 1;
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, loopback, 1 call in flight\n`);
console.log("| task | calls/s | mean ms | p99 ms | vs baseline |\n|---|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.hz.toFixed(0)} | ${r.mean.toFixed(3)} | ${r.p99.toFixed(3)} | ${(r.hz / base).toFixed(2)}× |`,
  );
}
