// Turns a vendor record into a unified one by its block's rules: dotted paths (`$parent.` for the enclosing record,
// `[]` over lists, `a|b` for two documented spellings), times to ISO 8601 from the unit the spec states, remote ids to
// unified ids, codes to values. Each shape is compiled once into closures (paths split, types looked up), so a record
// costs property reads, not string parsing.
import type { CustomField } from "./entities.js";
import { UnifiedDataError } from "./errors.js";
import { type EntityName, FIELDS, type FieldType } from "./fields.js";
import { formatId } from "./id.js";
import type { CustomFieldRule, EmbeddedRule, FieldRule, IdRule, TimeUnit } from "./mapping.js";

type Obj = Record<string, unknown>;
type Getter = (record: unknown, parent: unknown) => unknown;
const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

const step = (current: unknown, key: string): unknown =>
  isObj(current) ? current[key] : Array.isArray(current) && /^\d+$/.test(key) ? current[Number(key)] : undefined;

/** A path as a function of (record, parent). */
function compilePath(path: string): Getter {
  if (path.includes("|")) {
    const alternatives = path.split("|").map(compilePath);
    return (record, parent) => {
      for (const get of alternatives) {
        const value = get(record, parent);
        if (value !== undefined) return value;
      }
      return undefined;
    };
  }
  if (path.startsWith("$parent.")) {
    const get = compilePath(path.slice(8));
    return (_record, parent) => get(parent, undefined);
  }
  const split = path.indexOf("[].");
  if (split >= 0) {
    const head = compilePath(path.slice(0, split));
    const tail = compilePath(path.slice(split + 3));
    return (record, parent) => {
      const list = head(record, parent);
      return Array.isArray(list) ? list.map((item) => tail(item, undefined)) : undefined;
    };
  }
  const keys = path.split(".");
  if (keys.length === 1) {
    const key = keys[0] as string;
    return (record) => step(record, key);
  }
  return (record) => keys.reduce(step, record);
}

const paths = new Map<string, Getter>();
/** The value at a path (compiled once per distinct path). */
export function read(record: unknown, path: string, parent?: unknown): unknown {
  let get = paths.get(path);
  if (!get) {
    get = compilePath(path);
    paths.set(path, get);
  }
  return get(record, parent);
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
function toIso(value: unknown, unit: TimeUnit): string | undefined {
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

/** A field rule as a converter of the raw value (time, code table, remote id → unified id, model type). */
function compileField(vendor: string, rule: FieldRule, type: FieldType | undefined): (value: unknown) => unknown {
  const one = (value: unknown): unknown => {
    if (value === undefined || value === null) return undefined;
    if (rule.time) return toIso(value, rule.time);
    if (rule.values) return rule.values[String(value)];
    if (rule.ref) {
      const remote = text(value);
      return remote === undefined || remote === "" ? undefined : formatId(vendor, rule.ref, remote);
    }
    return value;
  };
  return (value) => {
    const out = Array.isArray(value) ? value.map(one).filter((item) => item !== undefined) : one(value);
    return out === undefined ? undefined : coerce(type, out);
  };
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

export interface Shape {
  readonly entity: EntityName;
  readonly id: IdRule;
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly customFields?: CustomFieldRule;
  readonly embedded?: readonly EmbeddedRule[];
}

type Compiled = (found: Located, includeRaw: boolean, operation: string) => Obj;
const compiled = new WeakMap<Shape, Map<string, Compiled>>();

function compileShape(vendor: string, shape: Shape): Compiled {
  const types = FIELDS[shape.entity] as Readonly<Record<string, FieldType>>;
  const fields = Object.entries(shape.fields).map(
    ([name, rule]) => [name, compilePath(rule.path), compileField(vendor, rule, types[name])] as const,
  );
  const embedded = (shape.embedded ?? []).map((e) => [e, compileShape(vendor, e)] as const);
  const ids = (typeof shape.id === "string" ? [shape.id] : shape.id).map(compilePath);
  return (found, includeRaw, operation) => {
    const parts: string[] = [];
    for (const get of ids) {
      const part = text(get(found.record, found.parent));
      if (part !== undefined && part !== "") parts.push(part);
    }
    if (parts.length < ids.length) {
      const where = { vendor, entity: shape.entity, operation };
      throw new UnifiedDataError(where, `a ${shape.entity} record has no id at ${JSON.stringify(shape.id)}`);
    }
    const id = formatId(vendor, shape.entity, parts);
    const out: Obj = {
      id,
      vendor,
      entity: shape.entity,
      remoteId: parts.length === 1 ? parts[0] : id.split(":").slice(2).join(":"),
    };
    for (const [name, get, convert] of fields) {
      const value = convert(get(found.record, found.parent));
      if (value !== undefined) out[name] = value;
    }
    for (const [rule, inner] of embedded) {
      out[rule.field] = locate(found.record, rule.records, found.record).map((f) => inner(f, false, operation));
    }
    const custom = shape.customFields ? customFields(found.record, shape.customFields) : undefined;
    if (custom) out.customFields = custom;
    if (includeRaw) out.raw = found.record;
    return out;
  };
}

/** One unified record from one vendor record (the shape's rules compiled on first use). */
export function toRecord(vendor: string, shape: Shape, found: Located, includeRaw: boolean, operation: string): Obj {
  let byVendor = compiled.get(shape);
  if (!byVendor) {
    byVendor = new Map();
    compiled.set(shape, byVendor);
  }
  let run = byVendor.get(vendor);
  if (!run) {
    run = compileShape(vendor, shape);
    byVendor.set(vendor, run);
  }
  return run(found, includeRaw, operation);
}
