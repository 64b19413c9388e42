// The MCP server's costs, measured: what its tools cost a model's context (tokens, o200k encoding), what a typical
// search answers, and the latency a call through the server adds to the direct client, side by side against one
// loopback HTTP server standing in for Weiban (in process through the SDK's in-memory transport, and over stdio).

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { execPath } from "node:process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createScrmMcpServer } from "@scrm-openapi/mcp";
import { createWeibanClient } from "@scrm-openapi/weiban";
import { encode } from "gpt-tokenizer";

// Weiban allows 600 calls a minute per operation and client: each path below makes 250, so no limiter wait is measured.
const CALLS = Number(process.env.CALLS ?? 40);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const body = JSON.stringify({ errcode: 0, errmsg: "ok", total_count: 1, sea_list: [{ id: 1, name: "默认公海" }] });
const tokenBody = JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "bench-token", expires_in: 7200 });
const vendor = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(req.url?.startsWith("/open-api/access_token/get") ? tokenBody : body);
});
await new Promise<void>((resolve) => vendor.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
const env = {
  WEIBAN_CORP_ID: "bench",
  WEIBAN_SECRET: "bench-secret",
  WEIBAN_BASE_URL: baseUrl,
  SCRM_MCP_VENDORS: "weiban",
};

// Context cost: every vendor enabled (mock mode), as an agent would see the server.
const all = createScrmMcpServer({ mock: true, env: {} });
const [allClient, allServer] = InMemoryTransport.createLinkedPair();
const lister = new Client({ name: "bench", version: "0" });
await all.server.connect(allServer);
await lister.connect(allClient);
const { tools } = await lister.listTools();
const tokens = (value: unknown) => encode(typeof value === "string" ? value : JSON.stringify(value)).length;
console.log("| tool | description tokens | with input schema |\n|---|---:|---:|");
for (const t of tools) console.log(`| ${t.name} | ${tokens(t.description ?? "")} | ${tokens(t)} |`);
console.log(
  `| all ${tools.length} | ${tools.reduce((n, t) => n + tokens(t.description ?? ""), 0)} | ${tokens(tools)} |\n`,
);
for (const query of ["商机", "客户 标签", "group chat"]) {
  const answer = (await lister.callTool({ name: "search_operations", arguments: { query } })) as {
    content: { text: string }[];
  };
  const text = answer.content[0]?.text ?? "";
  console.log(
    `search "${query}" (limit 10): ${text.split("\n").length} lines, ${text.length} characters, ${tokens(text)} tokens`,
  );
}
const described = (await lister.callTool({
  name: "describe_operation",
  arguments: { vendor: "weiban", operationId: "listExternalUsers" },
})) as { content: { text: string }[] };
console.log(`describe weiban listExternalUsers: ${tokens(described.content[0]?.text ?? "")} tokens\n`);
await lister.close();

// Latency: the same GET through the client, through the server in process, and through the server over stdio.
const direct = createWeibanClient({ corpId: "bench", secret: "bench-secret", baseUrl });
const inProcess = createScrmMcpServer({ env });
const [a, b] = InMemoryTransport.createLinkedPair();
const memory = new Client({ name: "bench", version: "0" });
await inProcess.server.connect(b);
await memory.connect(a);
const stdio = new Client({ name: "bench", version: "0" });
await stdio.connect(
  new StdioClientTransport({
    command: execPath,
    args: [fileURLToPath(import.meta.resolve("@scrm-openapi/mcp").replace("index.js", "cli.js"))],
    env: { ...env, PATH: process.env.PATH ?? "" },
  }),
);
const viaTool = (client: Client) => async () => {
  const r = (await client.callTool({
    name: "call_operation",
    arguments: { vendor: "weiban", operationId: "listSeas" },
  })) as { isError?: boolean };
  if (r.isError) throw new Error("call failed");
};
const tasks: [string, () => Promise<unknown>][] = [
  ["direct client", () => direct.GET("/open-api/sea/list")],
  ["through the server, in process", viaTool(memory)],
  ["through the server, stdio", viaTool(stdio)],
];
const perCall: number[][] = tasks.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [, fn]] of tasks.entries()) {
    for (let w = 0; w < 10; w++) await fn();
    const start = performance.now();
    for (let n = 0; n < CALLS; n++) await fn();
    perCall[i]?.push((performance.now() - start) / CALLS);
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
const base = median(perCall[0] ?? []);
console.log(`node ${process.version}, ${ROUNDS} rounds × ${CALLS} sequential calls per task, median per-call time\n`);
console.log("| path | ms per call | added vs direct |\n|---|---:|---:|");
for (const [i, [name]] of tasks.entries()) {
  const ms = median(perCall[i] ?? []);
  console.log(`| ${name} | ${ms.toFixed(3)} | ${i === 0 ? "—" : `+${(ms - base).toFixed(3)} ms`} |`);
}
await Promise.all([memory.close(), stdio.close(), direct.close(), inProcess.close()]);
vendor.close();
