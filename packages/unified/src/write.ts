// Writes (tag a customer, create an opportunity, add an activity): each input field goes where the vendor's mapping
// says, unified ids are decoded to remote ids, times converted to the parameter's unit. An input the vendor's
// operation cannot take is refused (never dropped), as is a missing input its page requires.
import { UnifiedDataError, UnifiedIdError, UnifiedInputError, UnifiedUnsupportedError } from "./errors.js";
import type { EntityName } from "./fields.js";
import { formatId, parseId } from "./id.js";
import type { ParamRule, VendorMapping, WriteBlock } from "./mapping.js";
import { read } from "./path.js";
import { emptyInit, type RequestClient, setParam, wireId } from "./request.js";
import { writeBlock } from "./select.js";
import { fromIso } from "./time.js";

/** What a write answers: the new record's unified id when the vendor returns one. */
export interface WriteResult {
  readonly vendor: string;
  readonly entity: EntityName;
  readonly operationId: string;
  readonly id?: string;
  readonly remoteId?: string;
  /** The vendor's answer, when the call asked for it (`includeRaw`). */
  readonly raw?: unknown;
}

export interface WriteOptions {
  readonly includeRaw?: boolean;
  readonly signal?: AbortSignal;
}

type Where = { vendor: string; entity: string; operation: string };

function wireValue(where: Where, name: string, rule: ParamRule, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => wireValue(where, name, { ...rule, list: false }, item));
  if (rule.ref) {
    if (typeof value !== "string") throw new UnifiedInputError(where, name, `must be a ${rule.ref} id`);
    const parsed = parseId(value);
    if (!parsed || parsed.vendor !== where.vendor || parsed.entity !== rule.ref || parsed.parts.length !== 1) {
      throw new UnifiedIdError(where, value, `${name} must be a ${where.vendor} ${rule.ref} id`);
    }
    const wire = wireId({ ...rule, list: false }, parsed.parts[0] as string);
    if (wire === undefined) throw new UnifiedIdError(where, value, `${rule.name} takes a number`);
    return wire;
  }
  if (rule.time) {
    const wire = typeof value === "string" || value instanceof Date ? fromIso(value, rule.time) : undefined;
    if (wire === undefined) throw new UnifiedInputError(where, name, "must be an ISO 8601 time");
    return wire;
  }
  if (rule.type !== "string" && typeof value !== "number")
    throw new UnifiedInputError(where, name, `must be a ${rule.type}`);
  if (rule.type === "string" && typeof value !== "string") throw new UnifiedInputError(where, name, "must be a string");
  return value;
}

export async function runWrite(
  client: RequestClient,
  mapping: VendorMapping,
  entity: EntityName,
  action: WriteBlock["action"],
  input: Readonly<Record<string, unknown>>,
  options: WriteOptions,
): Promise<WriteResult> {
  const block = writeBlock(mapping, entity, action);
  const where = { vendor: mapping.vendor, entity, operation: action };
  const given = Object.entries(input).filter(([, v]) => v !== undefined);
  for (const [name] of given) {
    if (!block.input[name]) {
      throw new UnifiedUnsupportedError(where, `${block.operationId} has no parameter for ${name}`, name);
    }
  }
  for (const name of block.required ?? []) {
    if (input[name] === undefined) throw new UnifiedInputError(where, name, `${block.operationId} requires it`);
  }
  const init = emptyInit(block, options.signal);
  for (const fixed of block.fixed ?? []) setParam(init, fixed.param, fixed.value);
  for (const [name, value] of given) {
    const rule = block.input[name] as ParamRule;
    const wire = wireValue(where, name, rule, value);
    setParam(init, rule, rule.list && !Array.isArray(wire) ? [wire] : wire);
  }
  const { data } = await client.request(block.method, block.path, init);
  const remote = block.resultId ? read(data, block.resultId) : undefined;
  const remoteId = typeof remote === "string" || typeof remote === "number" ? String(remote) : undefined;
  // A vendor that reports per-item failures inside a success envelope (a fail list) answers no id: never a silent success.
  if (block.resultId && remoteId === undefined) {
    throw new UnifiedDataError(where, `${block.operationId} answered no id at ${block.resultId}`);
  }
  return {
    vendor: mapping.vendor,
    entity,
    operationId: block.operationId,
    ...(remoteId === undefined ? {} : { remoteId, id: formatId(mapping.vendor, entity, remoteId) }),
    ...(options.includeRaw ? { raw: data } : {}),
  };
}
