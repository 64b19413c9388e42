// The MCP server as an agent meets it: the SDK's client spawns the built `scrm-mcp` bin over stdio, and every call
// goes through the real vendor clients to Prism mocks of all four specs.
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { freePort } from "@scrm-openapi/mock";
import { mockUrls } from "@scrm-openapi/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SECRETS = {
  WEILING_APP_SECRET: "wl-secret-7f3a9c",
  WEIBAN_SECRET: "wb-secret-51d2e8",
  TANMA_APP_KEY: "tm-appkey-a4b9c0",
  PLANYUN_ACCESS_TOKEN: "py-token-e6f1d3",
};
const outputs: string[] = [];

async function connect(args: string[], extra: Record<string, string> = {}): Promise<Client> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", SCRM_MCP_MAX_RETRIES: "0", ...SECRETS };
  for (const [vendor, url] of Object.entries(mockUrls())) env[`${vendor.toUpperCase()}_BASE_URL`] = url;
  Object.assign(env, extra);
  const client = new Client({ name: "test", version: "0" });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [bin, "--mock", ...args], env, stderr: "pipe" }),
  );
  return client;
}

async function tool(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { text: string }[];
  };
  const text = result.content.map((c) => c.text).join("\n");
  outputs.push(text);
  return { error: result.isError === true, text };
}

let readOnly: Client;
let writer: Client;

beforeAll(async () => {
  [readOnly, writer] = await Promise.all([connect([]), connect(["--allow-writes"])]);
}, 60_000);
afterAll(async () => {
  await Promise.all([readOnly?.close(), writer?.close()]);
});

describe("scrm-mcp over stdio against the Prism mocks", () => {
  it("offers the operation tools and the unified read tools, with short descriptions", async () => {
    const { tools } = await readOnly.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "search_operations",
      "describe_operation",
      "call_operation",
      "find_customers",
      "get_customer",
      "list_opportunities",
    ]);
    for (const t of tools) expect(t.description?.length ?? 0).toBeLessThan(400);
    expect(tools.find((t) => t.name === "call_operation")?.description).toMatch(/read-only/);
  });

  it.each([
    ["weiling", "商机", "getBusinessesV2"],
    ["weiban", "客户 列表", "listExternalUsers"],
    ["tanma", "标签", "listTagTree"],
    ["planyun", "opportunity", "createBusiness"],
  ])("searches %s for %s", async (vendor, query, expected) => {
    const { error, text } = await tool(readOnly, "search_operations", { query, vendor, limit: 20 });
    expect(error).toBe(false);
    expect(text).toContain(expected);
    expect(text.split("\n").every((line) => line.startsWith(`${vendor} `))).toBe(true);
  });

  it("finds group chats across vendors by a synonym", async () => {
    const { text } = await tool(readOnly, "search_operations", { query: "group chat", limit: 50 });
    const vendors = new Set(text.split("\n").map((line) => line.split(" ")[0]));
    expect(vendors.has("weiban") && vendors.has("weiling"), text).toBe(true);
  });

  it.each([
    ["weiling", "createBusinessV2", true],
    ["weiban", "listExternalUsers", false],
    ["tanma", "listTagTree", false],
    ["planyun", "addFollow", true],
  ])("describes %s %s", async (vendor, operationId, write) => {
    const { error, text } = await tool(readOnly, "describe_operation", { vendor, operationId });
    expect(error).toBe(false);
    const described = JSON.parse(text) as { write: boolean; source?: string; path: string };
    expect(described.write).toBe(write);
    expect(described.source).toMatch(/^https:\/\//);
  });

  it.each([
    ["weiling", "listBusinessStages", {}],
    ["weiban", "listExternalUsers", {}],
    ["tanma", "listTagTree", {}],
    ["planyun", "getCustomerInfoExtend", {}],
  ])("calls %s %s through the client", async (vendor, operationId, args) => {
    const { error, text } = await tool(readOnly, "call_operation", { vendor, operationId, ...args });
    expect(error, text).toBe(false);
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it("refuses a write on a read-only server, and without confirm when writes are allowed", async () => {
    const refused = await tool(readOnly, "call_operation", {
      vendor: "planyun",
      operationId: "createBusiness",
      body: { customerId: 1, source: 1 },
      confirm: true,
    });
    expect(refused).toEqual({ error: true, text: expect.stringMatching(/read-only/) });
    const unconfirmed = await tool(writer, "call_operation", {
      vendor: "planyun",
      operationId: "createBusiness",
      body: { customerId: 1, source: 1 },
    });
    expect(unconfirmed).toEqual({ error: true, text: expect.stringMatching(/confirm: true/) });
    const confirmed = await tool(writer, "call_operation", {
      vendor: "planyun",
      operationId: "createBusiness",
      body: { customerId: 1, source: 1 },
      confirm: true,
    });
    expect(confirmed.error, confirmed.text).toBe(false);
  });

  it("shows a dry run without sending, and answers a spec-invalid call as a tool error", async () => {
    const dry = await tool(readOnly, "call_operation", {
      vendor: "planyun",
      operationId: "createBusiness",
      body: { customerId: 1, source: 1 },
      dryRun: true,
    });
    expect(JSON.parse(dry.text)).toMatchObject({ dryRun: true, write: true, request: { method: "POST" } });
    const invalid = await tool(readOnly, "call_operation", {
      vendor: "planyun",
      operationId: "createBusiness",
      body: { source: "one" },
    });
    expect(invalid.error).toBe(true);
    expect(invalid.text).toMatch(/not sent, the spec rejects it/);
    const unknown = await tool(readOnly, "call_operation", { vendor: "weiban", operationId: "noSuchOperation" });
    expect(unknown).toEqual({ error: true, text: expect.stringMatching(/no operation noSuchOperation/) });
    // The server is still there.
    expect((await tool(readOnly, "search_operations", { query: "商机", vendor: "weiban" })).error).toBe(false);
  });

  it("turns a failed call into a typed tool error", async () => {
    // A vendor nobody listens for: the client's typed network error comes back as the tool's error, named.
    const down = await connect([], { WEIBAN_BASE_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const failed = await tool(down, "call_operation", { vendor: "weiban", operationId: "listExternalUsers" });
      expect(failed.error).toBe(true);
      expect(JSON.parse(failed.text)).toMatchObject({
        error: "ScrmNetworkError",
        message: expect.stringMatching(/^\[weiban\] (getAccessToken|listExternalUsers): network error/),
      });
    } finally {
      await down.close();
    }
  });

  it("reads unified customers, a customer with its follow relations, and opportunities", async () => {
    const found = await tool(readOnly, "find_customers", { vendor: "weiban", limit: 3 });
    expect(found.error, found.text).toBe(false);
    const customers = JSON.parse(found.text) as { id: string; vendor: string; remoteId: string }[];
    expect(customers.length).toBeGreaterThan(0);
    expect(customers[0]).toMatchObject({ vendor: "weiban", id: expect.stringMatching(/^weiban:customer:/) });
    const one = await tool(readOnly, "get_customer", { id: customers[0]?.id });
    expect(one.error, one.text).toBe(false);
    expect(JSON.parse(one.text)).toMatchObject({ id: customers[0]?.id, followRelations: expect.any(Array) });
    const opportunities = await tool(readOnly, "list_opportunities", { vendor: "weiling", limit: 2 });
    expect(opportunities.error, opportunities.text).toBe(false);
    expect(JSON.parse(opportunities.text)[0]).toMatchObject({
      vendor: "weiling",
      id: expect.stringMatching(/^weiling:opportunity:/),
    });
  });

  it("answers what a vendor cannot serve as a typed tool error, never an empty list", async () => {
    const none = await tool(readOnly, "find_customers", { vendor: "planyun" });
    expect(none.error).toBe(true);
    expect(JSON.parse(none.text)).toMatchObject({
      error: "UnifiedUnsupportedError",
      message: expect.stringMatching(/planyun/),
    });
    const bad = await tool(readOnly, "get_customer", { id: "not-an-id" });
    expect(bad).toEqual({ error: true, text: expect.stringMatching(/not a customer id/) });
  });

  it("puts no secret in any output", () => {
    expect(outputs.length).toBeGreaterThan(20);
    for (const text of outputs) for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });
});
