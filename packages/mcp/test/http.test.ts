// The Streamable HTTP transport: the built bin on a free loopback port, an SDK client over HTTP. No vendor is called,
// so no mock is needed: the operation tools answer from the bundled specs.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
let server: ChildProcess;
let url: URL;

beforeAll(async () => {
  server = spawn(process.execPath, [bin, "--mock", "--http", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  url = await new Promise<URL>((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`no listening line after 20 s: ${log}`)), 20_000);
    server.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(log)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(new URL(found));
      }
    });
    server.once("exit", (code) => reject(new Error(`scrm-mcp exited ${code}: ${log}`)));
  });
}, 30_000);
afterAll(() => {
  server?.kill("SIGTERM");
});

describe("scrm-mcp over Streamable HTTP", () => {
  it("lists the tools and answers a search and a describe", async () => {
    const client = new Client({ name: "test", version: "0" });
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("call_operation");
      const found = (await client.callTool({
        name: "search_operations",
        arguments: { query: "商机", vendor: "weiban" },
      })) as {
        content: { text: string }[];
      };
      expect(found.content[0]?.text).toMatch(/^weiban \w+ (GET|POST) /);
      const described = (await client.callTool({
        name: "describe_operation",
        arguments: { vendor: "tanma", operationId: "listTagTree" },
      })) as { content: { text: string }[] };
      expect(JSON.parse(described.content[0]?.text ?? "{}")).toMatchObject({
        operationId: "listTagTree",
        write: false,
      });
    } finally {
      await client.close();
    }
  });

  it("answers 404 off the /mcp path", async () => {
    expect((await fetch(new URL("/other", url))).status).toBe(404);
  });
});
