// get(id): decodes the unified id, sends the remote id where the mapped operation takes it, and finds the record in
// the answer (an operation that answers a list, e.g. by a list of ids, is searched for the one asked for). Each get
// block is compiled once per vendor into a plan: the id's prefix, the request's constant part, the records locator
// and the shape's mapper, so a call parses the id, sends, and maps.
import { UnifiedIdError, UnifiedNotFoundError, UnifiedUnsupportedError } from "./errors.js";
import type { EntityName } from "./fields.js";
import { parseId } from "./id.js";
import type { ParamRule, ReadBlock, VendorMapping } from "./mapping.js";
import { compileLocate } from "./path.js";
import { remoteParts, shapeRunner } from "./read.js";
import { emptyInit, type RequestClient, setParam, wireId } from "./request.js";

export interface GetOptions {
  readonly includeRaw?: boolean;
  readonly signal?: AbortSignal;
}

type Obj = Record<string, unknown>;
type Plan = (client: RequestClient, id: string, options: GetOptions) => Promise<Obj>;

/** The remote id a unified id names, checked against the vendor and the entity. */
function remoteOf(vendor: string, entity: EntityName, operation: string, id: string): string[] {
  const where = { vendor, entity, operation };
  const parsed = parseId(id);
  if (!parsed) throw new UnifiedIdError(where, id, "not a unified id (<vendor>:<entity>:<remote id>)");
  if (parsed.vendor !== vendor)
    throw new UnifiedIdError(where, id, `it is a ${parsed.vendor} id, this client is ${vendor}'s`);
  if (parsed.entity !== entity) throw new UnifiedIdError(where, id, `it is a ${parsed.entity} id, not a ${entity} id`);
  return parsed.parts;
}

/** A plain id of this vendor and entity (`<vendor>:<entity>:` and unreserved characters only) needs no decoding. */
const PLAIN = /^[A-Za-z0-9\-._~]*$/;

function compileGet(vendor: string, entity: EntityName, block: ReadBlock & { readonly idParam: ParamRule }): Plan {
  const where = { vendor, entity, operation: "get" };
  const prefix = `${vendor}:${entity}:`;
  const idParam = block.idParam;
  const locate = compileLocate(block.records);
  const run = shapeRunner(vendor, block);
  return async (client, id, options) => {
    const rest = id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
    const parts = rest !== undefined && PLAIN.test(rest) ? undefined : remoteOf(vendor, entity, "get", id);
    const remote = parts === undefined ? (rest as string) : parts.join(":");
    const wire = parts === undefined || parts.length === 1 ? wireId(idParam, remote) : undefined;
    if (wire === undefined)
      throw new UnifiedIdError(where, id, `${block.operationId} takes a ${idParam.type} ${idParam.name}`);
    const init = emptyInit(block, options.signal);
    if (block.fixed) for (const fixed of block.fixed) setParam(init, fixed.param, fixed.value);
    setParam(init, idParam, wire);
    const { data } = await client.request(block.method, block.path, init);
    const found = locate(data);
    const match =
      found.length === 1 && !idParam.list
        ? found[0]
        : found.find((f) => remoteParts(f.record, block.id, f.parent)?.join(":") === remote);
    if (!match) throw new UnifiedNotFoundError(where, id);
    return run(match, options.includeRaw === true, block.operationId);
  };
}

const plans = new WeakMap<ReadBlock, Map<string, Plan>>();

async function unsupported(vendor: string, entity: EntityName, id: string): Promise<never> {
  remoteOf(vendor, entity, "get", id);
  const where = { vendor, entity, operation: "get" };
  throw new UnifiedUnsupportedError(where, `the ${vendor} spec maps no operation that gets one ${entity}`);
}

/** One record by its unified id, through the block's plan (compiled on first use). `entity` is the block's. */
export function getRecord(
  client: RequestClient,
  mapping: VendorMapping,
  block: ReadBlock | undefined,
  entity: EntityName,
  id: string,
  options: GetOptions,
): Promise<Obj> {
  const vendor = mapping.vendor;
  if (!block?.idParam) return unsupported(vendor, entity, id);
  let byVendor = plans.get(block);
  if (!byVendor) {
    byVendor = new Map();
    plans.set(block, byVendor);
  }
  let plan = byVendor.get(vendor);
  if (!plan) {
    plan = compileGet(vendor, entity, block as ReadBlock & { readonly idParam: ParamRule });
    byVendor.set(vendor, plan);
  }
  return plan(client, id, options);
}
