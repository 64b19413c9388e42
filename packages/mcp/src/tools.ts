// The three tools, and what each returns. Sized for a model's context: search answers one line per operation,
// describe one operation, call the vendor's data (cut at a limit, saying so).
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { inline, type Operation, type VendorSpec } from "./catalog.js";

const MAX_OUTPUT_CHARS = 24_000;

export function toolList(vendors: readonly VendorSpec[], allowWrites: boolean): Tool[] {
  const ids = vendors.map((v) => v.id);
  const vendor = { type: "string", enum: ids, description: "Vendor id" };
  return [
    {
      name: "search_operations",
      description:
        "Find SCRM API operations (WeCom-based: 卫瓴 weiling, 微伴助手 weiban, 探马 tanma, 谱蓝云 planyun) by Chinese or English words, e.g. 商机, 群聊, customer tag. Returns one line per operation: vendor, operationId, method, path, summary, read/write.",
      inputSchema: {
        type: "object",
        properties: {
          query: { type: "string", description: "Words to match (all must match; synonyms across vendors count)" },
          vendor,
          tag: { type: "string", description: "Only operations under this docs section (e.g. 客户管理)" },
          writes: { type: "boolean", description: "true: only writes; false: only reads" },
          limit: { type: "integer", minimum: 1, maximum: 50, description: "Default 10" },
        },
        required: ["query"],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: "describe_operation",
      description:
        "One operation in full: parameters, body schema, example bodies, rate class, whether it writes, and the vendor doc page it was specified from. Call before call_operation.",
      inputSchema: {
        type: "object",
        properties: { vendor, operationId: { type: "string" } },
        required: ["vendor", "operationId"],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: "call_operation",
      description: `Call one operation through the vendor's typed client (auth, signing, rate limits and retries included). Arguments are validated against the spec first. ${
        allowWrites
          ? "Writes need confirm: true, given only after the user agreed to that exact change."
          : "This server is read-only: writes are refused."
      } dryRun: true shows the request without sending it.`,
      inputSchema: {
        type: "object",
        properties: {
          vendor,
          operationId: { type: "string" },
          query: { type: "object", description: "Query parameters" },
          path: { type: "object", description: "Path parameters" },
          body: { description: "JSON request body" },
          confirm: { type: "boolean", description: "Required for writes" },
          dryRun: { type: "boolean" },
        },
        required: ["vendor", "operationId"],
      },
      annotations: { readOnlyHint: !allowWrites, destructiveHint: allowWrites, openWorldHint: true },
    },
  ];
}

export const searchLine = (op: Operation) =>
  `${op.vendor} ${op.operationId} ${op.method.toUpperCase()} ${op.path} — ${op.summary}${op.write ? " [write]" : " [read]"}${op.deprecated ? " [deprecated]" : ""}`;

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;

/** What describe_operation answers: the body schema inlined as deep as fits the output limit (compact JSON). */
export function describeOperation(vendor: VendorSpec, op: Operation, secrets: readonly string[]): string {
  for (const depth of [4, 2, 1, 0]) {
    const text = toText(described(vendor, op, depth), secrets, Number.POSITIVE_INFINITY);
    if (text.length <= MAX_OUTPUT_CHARS) return text;
  }
  return toText({ ...(described(vendor, op, 0) as object), body: "too large to show; see the docs page" }, secrets);
}

function described(vendor: VendorSpec, op: Operation, depth: number): unknown {
  const limits = vendor.doc["x-limits"] as { inferred?: boolean } | undefined;
  return {
    vendor: vendor.id,
    vendorName: vendor.name,
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    summary: op.summary,
    description: clip(op.description, 1500),
    write: op.write,
    deprecated: op.deprecated,
    rateClass: op.rateClass,
    vendorLimits: limits,
    source: op.source,
    note: op.note,
    parameters: op.parameters,
    body: op.body && { required: op.body.required, schema: inline(vendor.doc, op.body.raw, depth) },
    requestExamples: op.requestExamples,
    responseExamples: op.responseExamples,
  };
}

/** Compact JSON (or the text as is) with every configured secret masked, cut at `max` characters. */
export function toText(value: unknown, secrets: readonly string[], max = MAX_OUTPUT_CHARS): string {
  let text = typeof value === "string" ? value : JSON.stringify(value);
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join("***");
  return clip(text, max);
}
