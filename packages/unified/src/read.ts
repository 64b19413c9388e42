// Turns a vendor record into a unified one by its block's rules: dotted paths (`$parent.` for the enclosing record,
// `[]` over lists), times to ISO 8601 from the unit the spec states, remote ids to unified ids, codes to values.
import type { CustomField } from "./entities.js";
import { UnifiedDataError } from "./errors.js";
import { formatId } from "./id.js";
import type { CustomFieldRule, EmbeddedRule, FieldRule, IdRule, TimeUnit } from "./mapping.js";
import { type EntityName, type FieldType, MODEL } from "./model.js";

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The value at a dotted path (`a.b`, `a[].b` maps a list, `$parent.a` reads the enclosing record); `a|b` takes the
 * first of two spellings a vendor's page documents (Weiling's example writes `satge` for `stage`).
 */
export function read(record: unknown, path: string, parent?: unknown): unknown {
  if (path.includes("|")) {
    for (const alternative of path.split("|")) {
      const value = read(record, alternative, parent);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (path.startsWith("$parent.")) return read(parent, path.slice(8));
  const split = path.indexOf("[].");
  if (split >= 0) {
    const list = read(record, path.slice(0, split));
    return Array.isArray(list) ? list.map((item) => read(item, path.slice(split + 3))) : undefined;
  }
  let current = record;
  for (const key of path.split(".")) {
    current = isObj(current)
      ? current[key]
      : Array.isArray(current) && /^\d+$/.test(key)
        ? current[Number(key)]
        : undefined;
  }
  return current;
}

export interface Located {
  readonly record: unknown;
  readonly parent: unknown;
}

/** Every record at a records path: `a.b` (a list or one record), `a[].b` (each item's list, the item as parent). */
export function locate(root: unknown, path: string, parent?: unknown): Located[] {
  const [head = "", ...rest] = path.split("[].");
  const value = head === "" ? root : read(root, head);
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  if (rest.length === 0) return items.map((record) => ({ record, parent }));
  return items.flatMap((item) => locate(item, rest.join("[]."), item));
}

/** A time as ISO 8601 from the unit the spec states; undefined when the value is not a time in that unit. */
export function toIso(value: unknown, unit: TimeUnit): string | undefined {
  if (unit === "date") return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  if (unit === "iso") {
    const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const n =
    typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return undefined;
  const date = new Date(unit === "s" ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO time (or Date) in the unit a parameter takes. A date is the day before, in UTC: a lower bound never misses. */
export function fromIso(value: string | Date, unit: TimeUnit): number | string | undefined {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  if (unit === "s") return Math.floor(ms / 1000);
  if (unit === "ms") return ms;
  if (unit === "date") return new Date(ms - 86_400_000).toISOString().slice(0, 10);
  return new Date(ms).toISOString();
}

const text = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "bigint"
      ? String(value)
      : undefined;

function field(vendor: string, rule: FieldRule, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const list = value.map((item) => field(vendor, rule, item)).filter((item) => item !== undefined);
    return list;
  }
  if (rule.time) return toIso(value, rule.time);
  if (rule.values) return rule.values[String(value)];
  if (rule.ref) {
    const remote = text(value);
    return remote === undefined || remote === "" ? undefined : formatId(vendor, rule.ref, remote);
  }
  return value;
}

/** The remote id's parts, or undefined when the record lacks one. */
export function remoteParts(record: unknown, rule: IdRule, parent: unknown): string[] | undefined {
  const parts = (typeof rule === "string" ? [rule] : rule).map((path) => text(read(record, path, parent)));
  return parts.every((part): part is string => part !== undefined && part !== "") ? parts : undefined;
}

function customFields(record: unknown, rule: CustomFieldRule): CustomField[] | undefined {
  const value = read(record, rule.path);
  if (isObj(value) && rule.key === undefined) return Object.entries(value).map(([key, v]) => ({ key, value: v }));
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item): CustomField[] => {
    const key = text(read(item, rule.key ?? "key"));
    if (key === undefined) return [];
    const label = text(rule.label ? read(item, rule.label) : undefined);
    const type = text(rule.type ? read(item, rule.type) : undefined);
    const v = rule.value ? read(item, rule.value) : undefined;
    return [
      { key, ...(label === undefined ? {} : { label }), ...(type === undefined ? {} : { type }), value: v ?? null },
    ];
  });
}

/** A value in the model's type: ids and codes the vendor sends as numbers become text, numeric text a number. */
function coerce(type: FieldType | undefined, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = typeof type === "object" && "list" in type ? type.list : undefined;
    return value.map((v) => coerce(item === "string" ? "string" : undefined, v));
  }
  if (type === "string" && typeof value === "number") return String(value);
  if (type === "number" && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

export interface Shape {
  readonly entity: EntityName;
  readonly id: IdRule;
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly customFields?: CustomFieldRule;
  readonly embedded?: readonly EmbeddedRule[];
}

/** One unified record from one vendor record. */
export function toRecord(vendor: string, shape: Shape, found: Located, includeRaw: boolean, operation: string): Obj {
  const parts = remoteParts(found.record, shape.id, found.parent);
  if (!parts) {
    const where = { vendor, entity: shape.entity, operation };
    throw new UnifiedDataError(where, `a ${shape.entity} record has no id at ${JSON.stringify(shape.id)}`);
  }
  const out: Obj = {
    id: formatId(vendor, shape.entity, parts),
    vendor,
    entity: shape.entity,
    remoteId:
      parts.length === 1 ? (parts[0] as string) : formatId(vendor, shape.entity, parts).split(":").slice(2).join(":"),
  };
  for (const [name, rule] of Object.entries(shape.fields)) {
    const value = field(vendor, rule, read(found.record, rule.path, found.parent));
    if (value !== undefined) out[name] = coerce(MODEL[shape.entity].fields[name]?.type, value);
  }
  for (const embedded of shape.embedded ?? []) {
    out[embedded.field] = locate(found.record, embedded.records, found.record).map((inner) =>
      toRecord(vendor, embedded, inner, false, operation),
    );
  }
  const custom = shape.customFields ? customFields(found.record, shape.customFields) : undefined;
  if (custom) out.customFields = custom;
  if (includeRaw) out.raw = found.record;
  return out;
}
