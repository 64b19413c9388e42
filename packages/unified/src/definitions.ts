// Custom fields resolved against the vendor's field definitions, where the mapping names an operation that lists
// them (customFields.definitions). Each unified client lists them once per operation and constants, shares the
// answer across its calls, and bounds the call with a deadline. A failed listing is not kept (the next call tries
// again) and leaves the record flagged partial, its custom fields as the record gave them: no label is invented.
import type { CustomField, FailedJoin } from "./entities.js";
import type { DefinitionsRule } from "./mapping.js";
import { compilePath } from "./path.js";
import { customField, text } from "./read.js";
import { emptyInit, type RequestClient, setParam } from "./request.js";
import { items } from "./walk.js";

interface Definition {
  readonly label: string | undefined;
  readonly type: string | undefined;
}
type Definitions = ReadonlyMap<string, Definition>;
type Obj = Record<string, unknown>;

/** One unified client's definitions: each listing's promise, settled to the definitions or to the error. */
export interface DefinitionStore {
  load(rule: DefinitionsRule): Promise<Definitions | Error>;
}

async function list(client: RequestClient, rule: DefinitionsRule, deadlineMs: number): Promise<Definitions> {
  const init = emptyInit(rule);
  for (const fixed of rule.fixed ?? []) setParam(init, fixed.param, fixed.value);
  const key = compilePath(rule.key);
  const label = compilePath(rule.label);
  const type = rule.type ? compilePath(rule.type) : undefined;
  const out = new Map<string, Definition>();
  for await (const { record } of items(client, rule, { ...init, deadlineMs })) {
    const k = text(key(record, undefined));
    if (k !== undefined)
      out.set(k, { label: text(label(record, undefined)), type: type && text(type(record, undefined)) });
  }
  return out;
}

const keys = new WeakMap<DefinitionsRule, string>();
/** Rules of the same listing (a list block's and a get block's) share one entry: keyed by what is sent and read. */
function keyOf(rule: DefinitionsRule): string {
  let key = keys.get(rule);
  if (key === undefined) {
    key = JSON.stringify([rule.operationId, rule.fixed ?? [], rule.records, rule.key, rule.label, rule.type ?? ""]);
    keys.set(rule, key);
  }
  return key;
}

export function definitionStore(client: RequestClient, deadlineMs: number): DefinitionStore {
  const loaded = new Map<string, Promise<Definitions | Error>>();
  return {
    load(rule) {
      const key = keyOf(rule);
      let pending = loaded.get(key);
      if (!pending) {
        pending = list(client, rule, deadlineMs).catch((error: unknown) => {
          loaded.delete(key);
          return error instanceof Error ? error : new Error(String(error));
        });
        loaded.set(key, pending);
      }
      return pending;
    },
  };
}

/** Fills label and type of a fresh record's custom fields by key; flags the record partial when the listing failed. */
export function resolveCustomFields(record: Obj, definitions: Definitions | Error, rule: DefinitionsRule): Obj {
  const fields = record.customFields as CustomField[] | undefined;
  if (!fields || fields.length === 0) return record;
  if (definitions instanceof Error) {
    const failed: FailedJoin = { field: "customFields", operationId: rule.operationId, message: definitions.message };
    record.partial = true;
    record.failedJoins = [...((record.failedJoins as FailedJoin[] | undefined) ?? []), failed];
    return record;
  }
  record.customFields = fields.map((field) => {
    const found = definitions.get(field.key);
    if (!found) return field;
    return customField(field.key, field.label ?? found.label, field.type ?? found.type, field.value);
  });
  return record;
}
