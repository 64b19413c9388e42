#!/usr/bin/env node
// scrm-mcp [--allow-writes] [--mock] [--http <port>] — the MCP server on stdio (default) or Streamable HTTP on
// 127.0.0.1. Credentials and vendors come from the environment (see README). Exits when its client goes away.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createScrmMcpServer, type ScrmMcpOptions } from "./server.js";

const { values } = parseArgs({
  options: {
    "allow-writes": { type: "boolean", default: process.env.SCRM_MCP_ALLOW_WRITES === "1" },
    mock: { type: "boolean", default: process.env.SCRM_MCP_MOCK === "1" },
    http: { type: "string" },
  },
});
const options: ScrmMcpOptions = { allowWrites: values["allow-writes"], mock: values.mock };
// Logs go to stderr: stdout belongs to the protocol.
const log = (line: string) => process.stderr.write(`scrm-mcp: ${line}\n`);

if (values.http === undefined) {
  const { server, vendors, skipped, close } = createScrmMcpServer(options);
  log(`vendors: ${vendors.join(", ") || "none"}${skipped.length ? `; not enabled: ${skipped.join("; ")}` : ""}`);
  const transport = new StdioServerTransport();
  const stop = () => void close().finally(() => process.exit(0));
  process.stdin.on("end", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  await server.connect(transport);
} else {
  const port = Number(values.http);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    log(`--http takes a port number, got ${JSON.stringify(values.http)}`);
    process.exit(2);
  }
  // Stateless: one protocol server and transport per request, as the SDK recommends when no session state is kept,
  // all over the same vendor clients, so tokens and rate limits are shared across requests.
  const mcp = createScrmMcpServer(options);
  log(`vendors: ${mcp.vendors.join(", ") || "none"}`);
  const http = createServer(async (req, res) => {
    if (req.url !== "/mcp") {
      res.writeHead(404).end();
      return;
    }
    const server = mcp.newServer();
    const transport = new StreamableHTTPServerTransport({});
    res.on("close", () => void transport.close().then(() => server.close()));
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  http.listen(port, "127.0.0.1", () => {
    const address = http.address();
    log(`listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/mcp`);
  });
  const stop = () => http.close(() => void mcp.close().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
