// @scrm-openapi/unified: what a unified `get` costs per call next to the direct typed call it makes, side by side in
// the same run, on the same client — in process (a fake fetch answering Weiban's getExternalUser at once: only the
// client's and the engine's work is measured, the worst case) and over loopback HTTP (a node:http server) — and what
// the unified package adds to a web bundle per vendor. The tasks take turns within each round (interleaved).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { createUnifiedClient } from "@scrm-openapi/unified";
import { createWeibanClient } from "@scrm-openapi/weiban";
import { mapping } from "@scrm-openapi/weiban/unified";
import { build } from "esbuild";

const ROUNDS = Number(process.env.ROUNDS ?? 20);
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

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

type Task = readonly [name: string, call: () => Promise<unknown>];

/**
 * Each round runs the tasks in turns of `batch` calls, the order rotated every turn, until `roundMs` of wall time has
 * passed; a task's rate in the round is its calls over the CPU time (process.cpuUsage) its own turns took. The machine
 * is shared: CPU time leaves out the time other processes hold the cores, load that comes and goes falls on every task
 * alike, and the ratios are taken within a round.
 */
async function interleaved(tasks: readonly Task[], roundMs: number, batch: number): Promise<number[][]> {
  const hz: number[][] = tasks.map(() => []);
  for (const [, call] of tasks) for (let k = 0; k < 40 * batch; k++) await call(); // warm-up: optimized code
  for (let round = 0; round < ROUNDS; round++) {
    const spent = tasks.map(() => 0);
    const end = performance.now() + roundMs;
    let turns = 0;
    while (performance.now() < end) {
      for (let j = 0; j < tasks.length; j++) {
        const i = (j + turns) % tasks.length;
        const call = (tasks[i] as Task)[1];
        const start = cpuMs();
        for (let k = 0; k < batch; k++) await call();
        spent[i] = (spent[i] ?? 0) + cpuMs() - start;
      }
      turns++;
    }
    spent.forEach((ms, i) => {
      hz[i]?.push((turns * batch * 1000) / ms);
    });
  }
  return hz;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function overhead(baseUrl?: string): Promise<string> {
  const common = { corpId: "bench", secret: "bench-secret", rateLimit: false as const };
  // One client for every task: the unified client sends through the very client the direct calls use.
  const client = createWeibanClient(baseUrl ? { ...common, baseUrl } : { ...common, fetch: fakeFetch });
  const unified = createUnifiedClient(client, mapping);
  const id = "weiban:customer:wm8zkSaSL7dgds4s45fw";
  const tasks: Task[] = [
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
  const check = await unified.customer.get(id);
  if (check.name !== record.name || check.followRelations?.length !== 1) throw new Error("unexpected unified record");
  const hz = baseUrl ? await interleaved(tasks, 1000, 10) : await interleaved(tasks, 1000, 100);
  const vsDirect = (i: number) => median((hz[i] ?? []).map((v, k) => v / ((hz[0] ?? [])[k] || 1)));
  const rows = tasks.map(([name], i) => `| ${name} | ${median(hz[i] ?? []).toFixed(0)} | ${vsDirect(i).toFixed(2)}× |`);
  return [
    "| task | calls per CPU second (median of rounds) | vs direct (median of per-round ratios) |",
    "|---|---:|---:|",
    ...rows,
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
