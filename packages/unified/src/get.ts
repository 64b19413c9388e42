// get(id): decodes the unified id, sends the remote id where the mapped operation takes it, and finds the record in
// the answer (an operation that answers a list, e.g. by a list of ids, is searched for the one asked for).
import { UnifiedIdError, UnifiedNotFoundError, UnifiedUnsupportedError } from "./errors.js";
import type { EntityName } from "./fields.js";
import { parseId } from "./id.js";
import type { ReadBlock, VendorMapping } from "./mapping.js";
import { locate, remoteParts, toRecord } from "./read.js";
import { emptyInit, type RequestClient, setParam, wireId } from "./request.js";

export interface GetOptions {
  readonly includeRaw?: boolean;
  readonly signal?: AbortSignal;
}

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

export async function getRecord(
  client: RequestClient,
  mapping: VendorMapping,
  block: ReadBlock | undefined,
  entity: EntityName,
  id: string,
  options: GetOptions,
): Promise<Record<string, unknown>> {
  const vendor = mapping.vendor;
  const where = { vendor, entity, operation: "get" };
  const parts = remoteOf(vendor, entity, "get", id);
  if (!block?.idParam)
    throw new UnifiedUnsupportedError(where, `the ${vendor} spec maps no operation that gets one ${entity}`);
  const remote = parts.join(":");
  const wire = parts.length === 1 ? wireId(block.idParam, remote) : undefined;
  if (wire === undefined)
    throw new UnifiedIdError(where, id, `${block.operationId} takes a ${block.idParam.type} ${block.idParam.name}`);
  const init = emptyInit(block, options.signal);
  for (const fixed of block.fixed ?? []) setParam(init, fixed.param, fixed.value);
  setParam(init, block.idParam, wire);
  const { data } = await client.request(block.method, block.path, init);
  const found = locate(data, block.records);
  const match =
    found.length === 1 && !block.idParam.list
      ? found[0]
      : found.find((f) => remoteParts(f.record, block.id, f.parent)?.join(":") === remote);
  if (!match) throw new UnifiedNotFoundError(where, id);
  return toRecord(vendor, block, match, options.includeRaw === true, block.operationId);
}
