// list(): walks the vendor's pages (core's paginate, by the operation's x-pagination), maps each item, and applies
// `updatedAfter` on the server where the spec maps a filter for it, and always on the client against `updatedAt`
// (a server filter may be inclusive or coarser, e.g. by day); a record without an update time is kept (at least once).
// With neither a filter nor an update time, the call is refused as unsupported.

import { type DefinitionStore, resolveCustomFields } from "./definitions.js";
import { UnifiedIdError, UnifiedInputError, UnifiedUnsupportedError } from "./errors.js";
import type { EntityName } from "./fields.js";
import { parseId } from "./id.js";
import type { ReadBlock, VendorMapping } from "./mapping.js";
import { shapeRunner } from "./read.js";
import { emptyInit, type Init, type RequestClient, setParam, wireId } from "./request.js";
import { fromIso } from "./time.js";
import { items } from "./walk.js";

export interface ListOptions {
  /** Only records changed after this time (ISO 8601 or a Date). */
  readonly updatedAfter?: string | Date;
  /** Items per vendor page (capped at the vendor's documented maximum). */
  readonly pageSize?: number;
  /** Stop after this many vendor pages. */
  readonly maxPages?: number;
  /** Keep the vendor's record in `raw`. */
  readonly includeRaw?: boolean;
  /** Scope filters by unified id, where the vendor lists records per parent (a customer's events…). */
  readonly customerId?: string;
  readonly opportunityId?: string;
  readonly staffId?: string;
  readonly clueId?: string;
  readonly groupChatId?: string;
  readonly signal?: AbortSignal;
}

export const SCOPES = ["customerId", "opportunityId", "staffId", "clueId", "groupChatId"] as const;
const SCOPE_ENTITY = {
  customerId: "customer",
  opportunityId: "opportunity",
  staffId: "staff",
  clueId: "clue",
  groupChatId: "groupChat",
} as const;

/** The remote id a scope filter names, checked against the vendor and the entity it must be. */
function scopeRemote(
  vendor: string,
  where: { entity: string; operation: string },
  scope: (typeof SCOPES)[number],
  id: string,
): string {
  const parsed = parseId(id);
  const ctx = { vendor, ...where };
  if (!parsed) throw new UnifiedIdError(ctx, id, "not a unified id (<vendor>:<entity>:<remote id>)");
  if (parsed.vendor !== vendor || parsed.entity !== SCOPE_ENTITY[scope] || parsed.parts.length !== 1) {
    throw new UnifiedIdError(ctx, id, `${scope} must be a ${vendor} ${SCOPE_ENTITY[scope]} id`);
  }
  return parsed.parts[0] as string;
}

function buildInit(vendor: string, block: ReadBlock, options: ListOptions, scopes: string[]): Init {
  const where = { vendor, entity: block.entity, operation: "list" };
  const init = emptyInit(block, options.signal);
  for (const fixed of block.fixed ?? []) setParam(init, fixed.param, fixed.value);
  if (block.scopeRequired && scopes.length === 0) {
    const names = Object.keys(block.scope ?? {}).join(" or ");
    throw new UnifiedInputError(where, names, `${vendor} lists ${block.entity} records per parent: pass ${names}`);
  }
  for (const scope of scopes as (typeof SCOPES)[number][]) {
    const rule = block.scope?.[scope];
    const id = options[scope];
    if (!rule || id === undefined) continue;
    const wire = wireId({ ...rule, list: false }, scopeRemote(vendor, where, scope, id));
    if (wire === undefined) throw new UnifiedIdError(where, id, `${rule.name} takes a number`);
    setParam(init, rule, rule.list ? [wire] : wire);
  }
  if (options.updatedAfter !== undefined && block.updatedAfter) {
    const wire = fromIso(options.updatedAfter, block.updatedAfter.time ?? "s");
    if (wire === undefined) throw new UnifiedInputError(where, "updatedAfter", "not an ISO 8601 time");
    setParam(init, block.updatedAfter, wire);
  }
  if (options.pageSize !== undefined && block.pageSize) {
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1) {
      throw new UnifiedInputError(where, "pageSize", "must be a positive integer");
    }
    setParam(init, block.pageSize.param, Math.min(options.pageSize, block.pageSize.max ?? options.pageSize));
  }
  return init;
}

/** The unified records of a list call, filtered by updatedAfter (server-side where mapped, always client-side). */
export async function* listRecords(
  client: RequestClient,
  mapping: VendorMapping,
  block: ReadBlock | undefined,
  entity: EntityName,
  options: ListOptions,
  definitions?: DefinitionStore,
): AsyncGenerator<Record<string, unknown>> {
  const vendor = mapping.vendor;
  const where = { vendor, entity, operation: "list" };
  if (!block)
    throw new UnifiedUnsupportedError(where, `the ${vendor} spec maps no operation that lists ${entity} records`);
  const scopes = SCOPES.filter((s) => options[s] !== undefined);
  const unknown = scopes.filter((s) => !block.scope?.[s]);
  if (unknown.length > 0)
    throw new UnifiedUnsupportedError(where, `${vendor} cannot filter ${entity} by ${unknown.join(", ")}`, unknown[0]);
  const after = options.updatedAfter === undefined ? undefined : fromIso(options.updatedAfter, "ms");
  if (options.updatedAfter !== undefined && after === undefined)
    throw new UnifiedInputError(where, "updatedAfter", "not an ISO 8601 time");
  if (after !== undefined && !block.updatedAfter && !block.fields.updatedAt) {
    throw new UnifiedUnsupportedError(
      where,
      `${vendor} neither filters ${entity} by update time nor returns one`,
      "updatedAfter",
    );
  }
  const init = buildInit(vendor, block, options, scopes);
  const run = shapeRunner(vendor, block);
  const includeRaw = options.includeRaw === true;
  const defined = block.customFields?.definitions;
  // Listed alongside the first page; each record waits for them.
  const loading = defined && definitions ? definitions.load(defined) : undefined;
  for await (const found of items(client, block, init, options.maxPages)) {
    const record = run(found.record, found.parent, includeRaw, block.operationId);
    const updated = typeof record.updatedAt === "string" ? Date.parse(record.updatedAt) : undefined;
    if (after !== undefined && updated !== undefined && updated <= (after as number)) continue;
    yield loading && defined ? resolveCustomFields(record, await loading, defined) : record;
  }
}
