// Turns a vendor record into a unified one by its block's rules: paths (path.ts), times to ISO 8601 from the unit the
// spec states, remote ids to unified ids, codes to values. Each shape is compiled once per vendor into one function
// over precompiled getters and converters, so a record costs property reads and the conversions themselves.
import type { CustomField } from "./entities.js";
import { UnifiedDataError } from "./errors.js";
import { type EntityName, FIELDS, type FieldType } from "./fields.js";
import { encodePart } from "./id.js";
import type { CustomFieldRule, EmbeddedRule, FieldRule, IdRule } from "./mapping.js";
import { compileEach, compilePath, type Getter, isObj, read } from "./path.js";
import { toIso } from "./time.js";

type Obj = Record<string, unknown>;

/** A string, or a number as text (vendors send ids either way); anything else undefined. */
export const text = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "bigint"
      ? String(value)
      : undefined;

/** A scalar in the model's type: ids and codes the vendor sends as numbers become text, numeric text a number. */
function coerceScalar(type: FieldType | undefined, value: unknown): unknown {
  if (type === "string" && typeof value === "number") return String(value);
  if (type === "number" && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** A value in the model's type; a list's items are coerced to text where the model lists strings. */
function coerce(type: FieldType | undefined, value: unknown): unknown {
  if (!Array.isArray(value)) return coerceScalar(type, value);
  const item = typeof type === "object" && "list" in type ? type.list : undefined;
  return value.map((v) => coerce(item === "string" ? "string" : undefined, v));
}

type Convert = (value: unknown) => unknown;

/** One raw value by the rule: a time, a code, a remote id → unified id, or the value as it is. */
function compileOne(vendor: string, rule: FieldRule): Convert {
  const { time, values, ref } = rule;
  if (time) return (value) => toIso(value, time);
  if (values) return (value) => values[String(value)];
  if (ref) {
    const prefix = `${vendor}:${ref}:`; // formatId's text for one part
    return (value) => {
      const remote = text(value);
      return remote === undefined || remote === "" ? undefined : prefix + encodePart(remote);
    };
  }
  return (value) => value;
}

/** A field rule as a converter of the raw value (time, code table, remote id → unified id, model type). */
function compileField(vendor: string, rule: FieldRule, type: FieldType | undefined): Convert {
  const one = compileOne(vendor, rule);
  return (value) => {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      const out = one(value);
      return out === undefined ? undefined : coerceScalar(type, out);
    }
    const out: unknown[] = [];
    for (const item of value) {
      const converted = item === undefined || item === null ? undefined : one(item);
      if (converted !== undefined) out.push(converted);
    }
    return coerce(type, out);
  };
}

/** The remote id's parts, or undefined when the record lacks one. */
export function remoteParts(record: unknown, rule: IdRule, parent: unknown): string[] | undefined {
  const parts = (typeof rule === "string" ? [rule] : rule).map((path) => text(read(record, path, parent)));
  return parts.every((part): part is string => part !== undefined && part !== "") ? parts : undefined;
}

/** A custom field in the order key, label, type, value, each shape one literal (no property added afterwards). */
export const customField = (key: string, label: string | undefined, type: string | undefined, value: unknown) =>
  (label === undefined
    ? type === undefined
      ? { key, value }
      : { key, type, value }
    : type === undefined
      ? { key, label, value }
      : { key, label, type, value }) as CustomField;

/** Custom fields: a list of items read by the rule's key/label/type/value paths, or an object keyed by field key. */
function compileCustomFields(rule: CustomFieldRule): (record: unknown) => CustomField[] | undefined {
  const at = compilePath(rule.path);
  const key = compilePath(rule.key ?? "key");
  const label = rule.label ? compilePath(rule.label) : undefined;
  const type = rule.type ? compilePath(rule.type) : undefined;
  const value = rule.value ? compilePath(rule.value) : undefined;
  return (record) => {
    const found = at(record, undefined);
    if (isObj(found) && rule.key === undefined) return Object.entries(found).map(([k, v]) => ({ key: k, value: v }));
    if (!Array.isArray(found)) return undefined;
    // Sized up front (a list grown by push starts with room for 17), trimmed to the fields kept.
    const out = new Array<CustomField>(found.length);
    let n = 0;
    for (const item of found) {
      const k = text(key(item, undefined));
      if (k === undefined) continue;
      const l = label ? text(label(item, undefined)) : undefined;
      const t = type ? text(type(item, undefined)) : undefined;
      out[n++] = customField(k, l, t, (value ? value(item, undefined) : undefined) ?? null);
    }
    if (n < found.length) out.length = n; // the length setter is a runtime call: only when fields were skipped
    return out;
  };
}

export interface Shape {
  readonly entity: EntityName;
  readonly id: IdRule;
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly customFields?: CustomFieldRule;
  readonly embedded?: readonly EmbeddedRule[];
}

/** A record (and its enclosing record, for `$parent.` paths) → the unified record. */
export type Compiled = (record: unknown, parent: unknown, includeRaw: boolean, operation: string) => Obj;

const KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function compileShape(vendor: string, shape: Shape): Compiled {
  const types = FIELDS[shape.entity] as Readonly<Record<string, FieldType>>;
  const rules = Object.entries(shape.fields);
  const names = rules.map(([name]) => name);
  const getters = rules.map(([, rule]) => compilePath(rule.path));
  const converts = rules.map(([name, rule]) => compileField(vendor, rule, types[name]));
  const fieldTypes = names.map((name) => types[name]);
  // A field read by one key and kept as it is (most fields) is read in the loop itself, without calls.
  const keys = rules.map(([, { path, time, ref }]) => (time || ref || !KEY.test(path) ? undefined : path));
  const codes = rules.map(([, rule]) => rule.values);
  const embedded = (shape.embedded ?? []).map((e) => ({
    field: e.field,
    // A plain path is read in place; only a nested one (`a[].b`) needs the walk.
    at: e.records === "" || e.records.includes("[]") ? undefined : compilePath(e.records),
    each: compileEach(e.records),
    run: compileShape(vendor, e),
  }));
  const ids: Getter[] = (typeof shape.id === "string" ? [shape.id] : shape.id).map(compilePath);
  const custom = shape.customFields ? compileCustomFields(shape.customFields) : undefined;
  const prefix = `${vendor}:${shape.entity}:`;
  const entity = shape.entity;
  return (record, parent, includeRaw, operation) => {
    let encoded = "";
    let first = "";
    for (let i = 0; i < ids.length; i++) {
      const part = text((ids[i] as Getter)(record, parent));
      if (part === undefined || part === "") {
        const where = { vendor, entity, operation };
        throw new UnifiedDataError(where, `a ${entity} record has no id at ${JSON.stringify(shape.id)}`);
      }
      if (i === 0) first = part;
      encoded = i === 0 ? encodePart(part) : `${encoded}:${encodePart(part)}`;
    }
    // A composite id's remote id is its encoded parts, as they stand in the unified id.
    const out: Obj = { id: prefix + encoded, vendor, entity, remoteId: ids.length === 1 ? first : encoded };
    const obj = isObj(record) ? record : undefined;
    for (let i = 0; i < names.length; i++) {
      const key = keys[i];
      let value: unknown;
      if (key === undefined) value = (converts[i] as Convert)((getters[i] as Getter)(record, parent));
      else {
        const raw = obj?.[key];
        const table = codes[i];
        value =
          raw == null
            ? undefined
            : Array.isArray(raw)
              ? (converts[i] as Convert)(raw)
              : coerceScalar(fieldTypes[i], table ? table[String(raw)] : raw);
      }
      if (value !== undefined) out[names[i] as string] = value;
    }
    for (const e of embedded) {
      const value = e.at?.(record, undefined);
      let list: Obj[];
      if (Array.isArray(value)) {
        list = new Array<Obj>(value.length); // sized up front: no room for 17 made by a first push
        for (let j = 0; j < value.length; j++) list[j] = e.run(value[j], record, false, operation);
      } else if (value !== undefined && value !== null) list = [e.run(value, record, false, operation)];
      else {
        list = [];
        if (!e.at) e.each(record, record, (item, itemParent) => list.push(e.run(item, itemParent, false, operation)));
      }
      out[e.field] = list;
    }
    const fields = custom?.(record);
    if (fields) out.customFields = fields;
    if (includeRaw) out.raw = record;
    return out;
  };
}

const compiled = new WeakMap<Shape, Map<string, Compiled>>();
/** A shape's compiled mapper for a vendor (compiled on first use, then shared). */
export function shapeRunner(vendor: string, shape: Shape): Compiled {
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
  return run;
}
