// The server: operation tools and unified read tools over every enabled vendor. Safe by default — read-only unless
// created with allowWrites, a write also needs `confirm: true` per call, credentials come only from the environment
// and are masked in every answer, and calls go through the vendors' own clients (so the rate limits are the clients').
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { ScrmError } from "@scrm-openapi/core";
import { loadVendor, type Operation, type VendorSpec } from "./catalog.js";
import { searchOperations } from "./search.js";
import { describeOperation, searchLine, toolList, toText } from "./tools.js";
import { callUnified, ToolInputError, unifiedTools } from "./unified.js";
import { type CallInput, violations } from "./validate.js";
import { type EnabledVendor, enabledVendors } from "./vendors.js";

export interface ScrmMcpOptions {
  /** Allow operations that change vendor data (each call still needs `confirm: true`). Default false. */
  allowWrites?: boolean;
  /** Point every vendor at `pnpm mock` with placeholder credentials. Default false. */
  mock?: boolean;
  /** Where credentials and settings are read (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export const VERSION = "0.1.0";

type Args = Record<string, unknown>;
const fail = (text: string): CallToolResult => ({ isError: true, content: [{ type: "text", text }] });
const ok = (text: string): CallToolResult => ({ content: [{ type: "text", text }] });

/** What every tool call reads: built once per process, shared by every protocol server. */
interface Context {
  specs: Map<string, VendorSpec>;
  enabled: Map<string, EnabledVendor>;
  operations: Operation[];
  tools: Tool[];
  secrets: string[];
  allowWrites: boolean;
}

export function createScrmMcpServer(options: ScrmMcpOptions = {}): {
  server: Server;
  /** Another protocol server over the same vendor clients (tokens, limits): one per stateless HTTP request. */
  newServer(): Server;
  vendors: string[];
  skipped: string[];
  close(): Promise<void>;
} {
  const specs = new Map<string, VendorSpec>(
    ["weiling", "weiban", "tanma", "planyun"].map((id) => [id, loadVendor(id)]),
  );
  const mockPorts = Object.fromEntries(
    [...specs].map(([id, spec]) => [id, Number((spec.doc["x-vendor"] as { mockPort?: number }).mockPort)]),
  );
  const env = options.env ?? process.env;
  const { vendors, skipped } = enabledVendors({ env, mock: options.mock === true, mockPorts });
  const enabled = new Map<string, EnabledVendor>(vendors.map((v) => [v.id, v]));
  const served = [...specs.values()].filter((s) => enabled.has(s.id));
  const allowWrites = options.allowWrites === true;
  const ctx: Context = {
    specs,
    enabled,
    operations: served.flatMap((s) => s.operations),
    tools: [...toolList(served, allowWrites), ...unifiedTools([...enabled.keys()])],
    secrets: vendors.flatMap((v) => v.secrets),
    allowWrites,
  };
  const build = () => {
    const server = new Server({ name: "scrm-openapi", version: VERSION }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: ctx.tools }));
    server.setRequestHandler(CallToolRequestSchema, async (request) =>
      handle(ctx, request.params.name, (request.params.arguments ?? {}) as Args),
    );
    return server;
  };
  const server = build();
  return {
    server,
    newServer: build,
    vendors: [...enabled.keys()],
    skipped,
    async close() {
      await server.close();
      await Promise.all(vendors.map((v) => v.close()));
    },
  };
}

async function handle(ctx: Context, name: string, args: Args): Promise<CallToolResult> {
  try {
    switch (name) {
      case "search_operations": {
        const found = searchOperations(ctx.operations, String(args.query ?? ""), {
          ...(typeof args.vendor === "string" ? { vendor: args.vendor } : {}),
          ...(typeof args.tag === "string" ? { tag: args.tag } : {}),
          ...(typeof args.writes === "boolean" ? { writes: args.writes } : {}),
          ...(typeof args.limit === "number" ? { limit: args.limit } : {}),
        });
        return ok(found.length ? found.map(searchLine).join("\n") : "No operation matches; try fewer or other words.");
      }
      case "describe_operation": {
        const found = find(ctx, args);
        if (typeof found === "string") return fail(found);
        return ok(describeOperation(found.spec, found.op, ctx.secrets));
      }
      case "call_operation":
        return await call(ctx, args);
      default: {
        const answer = await callUnified(name, args, (id) => ctx.enabled.get(id));
        if (answer === undefined) return fail(`Unknown tool ${name}`);
        return ok(toText(answer, ctx.secrets));
      }
    }
  } catch (error) {
    return fail(toText(errorText(error), ctx.secrets));
  }
}

function find(ctx: Context, args: Args): { spec: VendorSpec; op: Operation; vendor: EnabledVendor } | string {
  const spec = ctx.specs.get(String(args.vendor));
  const vendor = ctx.enabled.get(String(args.vendor));
  if (!spec || !vendor)
    return `Vendor ${String(args.vendor)} is not enabled here (enabled: ${[...ctx.enabled.keys()].join(", ") || "none"}).`;
  const op = spec.operations.find((o) => o.operationId === args.operationId);
  if (!op) return `${spec.id} has no operation ${String(args.operationId)}; use search_operations.`;
  return { spec, op, vendor };
}

async function call(ctx: Context, args: Args): Promise<CallToolResult> {
  const found = find(ctx, args);
  if (typeof found === "string") return fail(found);
  const { op, vendor } = found;
  const input: CallInput = {
    ...(args.query && typeof args.query === "object" ? { query: args.query as Record<string, unknown> } : {}),
    ...(args.path && typeof args.path === "object" ? { path: args.path as Record<string, unknown> } : {}),
    ...(args.body !== undefined ? { body: args.body } : {}),
  };
  const problems = violations(op, input);
  if (problems.length)
    return fail(`[${vendor.id}] ${op.operationId}: not sent, the spec rejects it:\n${problems.join("\n")}`);
  const where = `[${vendor.id}] ${op.operationId}`;
  const request = {
    method: op.method.toUpperCase(),
    baseUrl: vendor.baseUrl ?? "(the spec's server)",
    path: op.path,
    ...input,
  };
  if (args.dryRun === true)
    return ok(toText({ dryRun: true, write: op.write, request, auth: "added by the client" }, ctx.secrets));
  if (op.write && !ctx.allowWrites)
    return fail(`${where} writes vendor data and this server is read-only (start it with --allow-writes).`);
  if (op.write && args.confirm !== true)
    return fail(
      `${where} writes vendor data: call again with confirm: true once the user has agreed to this request:\n${toText(request, ctx.secrets)}`,
    );
  const init = {
    params: { ...(input.query ? { query: input.query } : {}), ...(input.path ? { path: input.path } : {}) },
    ...(input.body !== undefined ? { body: input.body } : {}),
  };
  const { data } = await vendor.client().request(op.method, op.path, init);
  return ok(toText(data, ctx.secrets));
}

function errorText(error: unknown): string {
  if (error instanceof ScrmError) {
    const e = error as ScrmError & { code?: unknown; meaning?: unknown };
    return JSON.stringify({
      error: e.name,
      message: e.message,
      code: e.code,
      meaning: e.meaning,
      retryable: e.retryable,
      requestId: e.requestId,
    });
  }
  if (error instanceof ToolInputError) return error.message;
  return `Internal error: ${error instanceof Error ? error.message : String(error)}`;
}
