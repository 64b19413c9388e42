// The unified read tools: the same customer, follow relation and opportunity shapes whichever SCRM a company uses,
// from @scrm-openapi/unified over the vendor clients. A vendor that cannot serve an entity answers with the unified
// package's typed error, never an empty list that looks real.
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { mapping as planyun } from "@scrm-openapi/planyun/unified";
import { mapping as tanma } from "@scrm-openapi/tanma/unified";
import { createUnifiedClient, parseId, type UnifiedClient } from "@scrm-openapi/unified";
import { mapping as weiban } from "@scrm-openapi/weiban/unified";
import { mapping as weiling } from "@scrm-openapi/weiling/unified";
import type { EnabledVendor } from "./vendors.js";

/** A tool call naming something this server does not serve: answered as a tool error in its own words. */
export class ToolInputError extends Error {
  override name = "ToolInputError";
}

const MAPPINGS = { weiling, weiban, tanma, planyun } as const;
type Args = Record<string, unknown>;

export function unifiedTools(vendors: readonly string[]): Tool[] {
  const vendor = { type: "string", enum: vendors, description: "Vendor id" };
  const since = { type: "string", description: "ISO 8601: only records changed after this time" };
  const limit = { type: "integer", minimum: 1, maximum: 50, description: "Default 10" };
  const read = { readOnlyHint: true, openWorldHint: true };
  return [
    {
      name: "find_customers",
      description:
        "Customers (客户) in one unified shape across vendors: id, name, WeCom externalUserId/unionId, times in ISO 8601. Optional name filter (substring, applied here).",
      inputSchema: {
        type: "object",
        properties: { vendor, name: { type: "string" }, updatedAfter: since, limit },
        required: ["vendor"],
      },
      annotations: read,
    },
    {
      name: "get_customer",
      description:
        "One customer by unified id (from find_customers), with its follow relations (客户×员工: remark, tags, add channel) where the vendor gives them. partial: true marks a join that failed.",
      inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      annotations: read,
    },
    {
      name: "list_opportunities",
      description: "Opportunities (商机) in one unified shape: name, stage, amount, owner, customer, times.",
      inputSchema: { type: "object", properties: { vendor, updatedAfter: since, limit }, required: ["vendor"] },
      annotations: read,
    },
  ];
}

const clients = new WeakMap<EnabledVendor, UnifiedClient>();
function unifiedOf(vendor: EnabledVendor): UnifiedClient {
  let client = clients.get(vendor);
  if (!client) {
    const mapping = MAPPINGS[vendor.id as keyof typeof MAPPINGS];
    // vendor.client() is the vendor's real generated client; CallableClient names only what the operation tools use.
    client = createUnifiedClient(vendor.client() as unknown as Parameters<typeof createUnifiedClient>[0], mapping);
    clients.set(vendor, client);
  }
  return client;
}

async function take<T>(records: AsyncIterable<T>, limit: number, keep: (r: T) => boolean = () => true): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) {
    if (keep(record)) out.push(record);
    if (out.length >= limit) break;
  }
  return out;
}

const limitOf = (args: Args) => Math.max(1, Math.min(typeof args.limit === "number" ? args.limit : 10, 50));
const listOptions = (args: Args) => ({
  ...(typeof args.updatedAfter === "string" ? { updatedAfter: args.updatedAfter } : {}),
  maxPages: 5,
});

/** Runs one unified tool; `undefined` when the name is not one of them. */
export async function callUnified(
  name: string,
  args: Args,
  vendorOf: (id: string) => EnabledVendor | undefined,
): Promise<unknown | undefined> {
  if (name === "get_customer") {
    const id = String(args.id ?? "");
    const vendor = vendorOf(parseId(id)?.vendor ?? "");
    if (!vendor)
      throw new ToolInputError(`${id} is not a customer id of an enabled vendor (ids look like weiban:customer:…)`);
    return unifiedOf(vendor).customer.get(id);
  }
  if (name !== "find_customers" && name !== "list_opportunities") return undefined;
  const vendor = vendorOf(String(args.vendor));
  if (!vendor) throw new ToolInputError(`Vendor ${String(args.vendor)} is not enabled here`);
  const client = unifiedOf(vendor);
  if (name === "list_opportunities") return take(client.opportunity.list(listOptions(args)), limitOf(args));
  const wanted = typeof args.name === "string" ? args.name : "";
  return take(
    client.customer.list(listOptions(args)),
    limitOf(args),
    (c) => !wanted || String(c.name ?? "").includes(wanted),
  );
}
