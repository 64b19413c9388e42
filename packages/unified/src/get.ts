// get(id): decodes the unified id, sends the remote id where the mapped operation takes it, and finds the record in
// the answer (an operation that answers a list, e.g. by a list of ids, is searched for the one asked for). Each get
// block is compiled once per vendor into a plan: the id's prefix, the request's constant part, the records reader and
// the shape's mapper. A call parses the id, sends, and maps in the send's own `then`: no async layer, no wrapper
// object between the vendor's answer and the unified record.

import { type DefinitionStore, resolveCustomFields } from "./definitions.js";
import { UnifiedIdError, UnifiedNotFoundError, UnifiedUnsupportedError } from "./errors.js";
import type { EntityName } from "./fields.js";
import { parseId } from "./id.js";
import type { ParamRule, ReadBlock } from "./mapping.js";
import { compileLocate, compilePath, isObj } from "./path.js";
import { remoteParts, shapeRunner } from "./read.js";
import { emptyInit, type RequestClient, setParam, wireId } from "./request.js";

export interface GetOptions {
  readonly includeRaw?: boolean;
  readonly signal?: AbortSignal;
}

type Obj = Record<string, unknown>;
/** One record by its unified id. */
export type GetPlan = (
  client: RequestClient,
  id: string,
  options?: GetOptions,
  definitions?: DefinitionStore,
) => Promise<Obj>;
type IdBlock = ReadBlock & { readonly idParam: ParamRule };

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

function compileGet(vendor: string, entity: EntityName, block: IdBlock): GetPlan {
  const where = { vendor, entity, operation: "get" };
  const prefix = `${vendor}:${entity}:`;
  const { idParam, method, path, operationId } = block;
  const fixed = block.fixed ?? [];
  const run = shapeRunner(vendor, block);
  // An answer that holds the one record asked for is read by a getter; any other is searched.
  const one = block.records.includes("[]") || idParam.list ? undefined : compilePath(block.records);
  const locate = compileLocate(block.records);
  const defined = block.customFields?.definitions;
  const pick = (data: unknown, id: string, remote: string, includeRaw: boolean): Obj => {
    const record = one === undefined ? undefined : block.records === "" ? data : one(data, undefined);
    if (isObj(record)) return run(record, undefined, includeRaw, operationId);
    const found = locate(data);
    const match =
      found.length === 1 && !idParam.list
        ? found[0]
        : found.find((f) => remoteParts(f.record, block.id, f.parent)?.join(":") === remote);
    if (!match) throw new UnifiedNotFoundError(where, id);
    return run(match.record, match.parent, includeRaw, operationId);
  };
  return (client, id, options, definitions) => {
    try {
      const rest = id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
      const parts = rest !== undefined && PLAIN.test(rest) ? undefined : remoteOf(vendor, entity, "get", id);
      const remote = parts === undefined ? (rest as string) : parts.join(":");
      const wire = parts === undefined || parts.length === 1 ? wireId(idParam, remote) : undefined;
      if (wire === undefined)
        throw new UnifiedIdError(where, id, `${block.operationId} takes a ${idParam.type} ${idParam.name}`);
      // A fresh init per call (the client may keep it).
      const init = emptyInit(block, options?.signal);
      for (const f of fixed) setParam(init, f.param, f.value);
      setParam(init, idParam, wire);
      const includeRaw = options?.includeRaw === true;
      const sent = client.request(method, path, init);
      if (!defined || !definitions) return sent.then((result) => pick(result.data, id, remote, includeRaw));
      // The definitions (listed once per client) are awaited alongside the record, never before it.
      return Promise.all([sent, definitions.load(defined)]).then(([result, loaded]) =>
        resolveCustomFields(pick(result.data, id, remote, includeRaw), loaded, defined),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

const plans = new WeakMap<ReadBlock, Map<string, GetPlan>>();

/** The get of an entity without a mapped get operation: the id is still checked, then the call is refused. */
function unsupported(vendor: string, entity: EntityName): GetPlan {
  return (_client, id) => {
    try {
      remoteOf(vendor, entity, "get", id);
      const where = { vendor, entity, operation: "get" };
      throw new UnifiedUnsupportedError(where, `the ${vendor} spec maps no operation that gets one ${entity}`);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** A block's get plan for a vendor (compiled on first use, then shared); `entity` is the block's. */
export function getPlan(vendor: string, block: ReadBlock | undefined, entity: EntityName): GetPlan {
  if (!block?.idParam) return unsupported(vendor, entity);
  let byVendor = plans.get(block);
  if (!byVendor) {
    byVendor = new Map();
    plans.set(block, byVendor);
  }
  let plan = byVendor.get(vendor);
  if (!plan) {
    plan = compileGet(vendor, entity, block as IdBlock);
    byVendor.set(vendor, plan);
  }
  return plan;
}

/** One record by its unified id, through the block's plan. */
export function getRecord(
  client: RequestClient,
  vendor: string,
  block: ReadBlock | undefined,
  entity: EntityName,
  id: string,
  options?: GetOptions,
  definitions?: DefinitionStore,
): Promise<Obj> {
  return getPlan(vendor, block, entity)(client, id, options, definitions);
}
