// @scrm-openapi/unified: what a unified `get` costs per call next to the direct typed call it makes, side by side in
// the same run — in process (a fake fetch answering Weiban's getExternalUser at once: only the client's and the
// engine's work is measured, the worst case) and over loopback HTTP (a node:http server) — and what the unified
// package adds to a web bundle per vendor.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { createUnifiedClient } from "@scrm-openapi/unified";
import { createWeibanClient } from "@scrm-openapi/weiban";
import { mapping } from "@scrm-openapi/weiban/unified";
import { build } from "esbuild";
import { Bench } from "tinybench";

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const record = {
  id: "wm8zkSaSL7dgds4s45fw",
  type: 1,
  unionid: null,
  created_at: 1700000000,
  name: "李四",
  avatar: "https://wx.qlogo.cn/avatar.png",
  gender: 1,
  follow_staffs: [{ staff_id: "zhangsan", staff_name: "张三", state: "wb:269", remark: "李四-采购", description: "" }],
  custom_fields: [{ id: 3, name: "意向等级", field_type: "text", field_value: "高" }],
};
const body = JSON.stringify({ errcode: 0, errmsg: "ok", external_user: record });
const tokenBody = JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "bench-token", expires_in: 7200 });
const fakeFetch: typeof fetch = async (input) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new Response(url.includes("/open-api/access_token/get") ? tokenBody : body, {
    headers: { "content-type": "application/json" },
  });
};

async function overhead(baseUrl?: string): Promise<string> {
  const common = { corpId: "bench", secret: "bench-secret", rateLimit: false as const };
  const client = createWeibanClient(baseUrl ? { ...common, baseUrl } : { ...common, fetch: fakeFetch });
  const unified = createUnifiedClient(client, mapping);
  const id = "weiban:customer:wm8zkSaSL7dgds4s45fw";
  const tasks: [string, () => Promise<unknown>][] = [
    [
      "direct: weiban.GET(/open-api/external_user/get)",
      () => client.GET("/open-api/external_user/get", { params: { query: { id: record.id } } }),
    ],
    ["unified: customer.get(id)", () => unified.customer.get(id)],
    [
      "same request untyped: weiban.request(get, …)",
      () => client.request("get", "/open-api/external_user/get", { params: { query: { id: record.id }, path: {} } }),
    ],
  ];
  for (const [, fn] of tasks) await fn();
  const hz: number[][] = tasks.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: 300, warmupTime: 50 });
    for (const [name, fn] of tasks) bench.add(name, fn);
    await bench.run();
    bench.tasks.forEach((t, i) => {
      hz[i]?.push((t.result as { throughput?: { mean: number } }).throughput?.mean ?? 0);
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const ratio = median((hz[1] ?? []).map((v, k) => v / ((hz[0] ?? [])[k] || 1)));
  return [
    "| task | calls/s (median of rounds) | vs direct |",
    "|---|---:|---:|",
    `| ${tasks[0]?.[0]} | ${median(hz[0] ?? []).toFixed(0)} | 1.00× |`,
    `| ${tasks[1]?.[0]} | ${median(hz[1] ?? []).toFixed(0)} | ${ratio.toFixed(2)}× |`,
    `| ${tasks[2]?.[0]} | ${median(hz[2] ?? []).toFixed(0)} | ${median((hz[2] ?? []).map((v, k) => v / ((hz[0] ?? [])[k] || 1))).toFixed(2)}× |`,
  ].join("\n");
}

const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
async function size(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: bytes.length, gzip: gz(bytes) };
}

const VENDORS = { weiban: "Weiban", weiling: "Weiling", tanma: "Tanma", planyun: "Planyun" } as const;
async function sizes(): Promise<string> {
  const rows = [
    "| vendor | client alone gzip B | client + unified + mapping gzip B | unified adds gzip B (min B) |",
    "|---|---:|---:|---:|",
  ];
  for (const [id, name] of Object.entries(VENDORS)) {
    const alone = await size(
      `import { create${name}Client } from "@scrm-openapi/${id}"; console.log(create${name}Client);`,
    );
    const both = await size(
      `import { create${name}Client } from "@scrm-openapi/${id}"; import { mapping } from "@scrm-openapi/${id}/unified"; import { createUnifiedClient } from "@scrm-openapi/unified"; console.log(create${name}Client, mapping, createUnifiedClient);`,
    );
    rows.push(`| ${id} | ${alone.gzip} | ${both.gzip} | ${both.gzip - alone.gzip} (${both.min - alone.min}) |`);
  }
  return rows.join("\n");
}

console.log(`### Unified get vs the direct typed call: in process (${ROUNDS} rounds)\n\n${await overhead()}\n`);
const server = createServer((req, res) => {
  const text = req.url?.includes("/open-api/access_token/get") ? tokenBody : body;
  res.writeHead(200, { "content-type": "application/json" });
  res.end(text);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`### Unified get vs the direct typed call: loopback HTTP (${ROUNDS} rounds)\n\n${await overhead(url)}\n`);
server.closeAllConnections();
server.close();
console.log(`### Unified bundle size per vendor (browser, ESM, minified, gzip -9)\n\n${await sizes()}`);
