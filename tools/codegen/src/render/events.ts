// x-unified-event (on a webhook) → `events` in packages/<vendor>/src/generated/unified.ts: how each webhook's decrypted
// message becomes a normalized event of @scrm-openapi/unified. Every path is checked against the webhook's x-payload
// schema (a path the payload does not have fails generation), and `partial` is computed here: a record is partial when
// the vendor's read mapping (x-unified) gives fields the payload does not carry, so a fetch would add to it.
import { deref, itemOf, schemaAt } from "./unified.js";

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every webhook of a bundled spec with its operation object. */
function webhookOps(doc: Json): [string, Json][] {
  return Object.entries((doc.webhooks ?? {}) as Record<string, Json>).map(([name, item]) => [
    name,
    (item.post ?? Object.values(item)[0] ?? {}) as Json,
  ]);
}

/** The fields the vendor's read blocks (and embedded records) give an entity. */
function readFields(doc: Json, entity: string): Set<string> {
  const out = new Set<string>();
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      for (const block of ((item[method] as Json | undefined)?.["x-unified"] ?? []) as Json[]) {
        if (block.kind === "write") continue;
        const shapes = [block, ...((block.embedded ?? []) as Json[])];
        for (const shape of shapes) {
          if (shape.entity === entity) for (const field of Object.keys((shape.fields ?? {}) as Json)) out.add(field);
        }
      }
    }
  }
  return out;
}

function mappingOf(doc: Json, vendor: string, name: string, op: Json, raw: Json): Json {
  const where = `specs/${vendor} webhook ${name}: x-unified-event`;
  const root = deref(doc, op["x-payload"]);
  if (Object.keys(root).length === 0) throw new Error(`${where} needs the webhook's x-payload schema`);
  const check = (base: unknown, path: string, what: string) => {
    for (const one of path.split("|")) {
      const [from, rel] = one.startsWith("$parent.") ? [root, one.slice(8)] : [base, one];
      if (schemaAt(doc, from, rel) === undefined) throw new Error(`${where} ${what} reads ${one}, not in x-payload`);
    }
  };
  const recordsAt = schemaAt(doc, root, String(raw.records));
  if (recordsAt === undefined) throw new Error(`${where} records ${String(raw.records)}: not in x-payload`);
  const record = itemOf(doc, recordsAt);
  for (const id of typeof raw.id === "string" ? [raw.id] : (raw.id as string[])) check(record, id, "id");
  const fields: Json = {};
  for (const [field, value] of Object.entries((raw.fields ?? {}) as Json)) {
    const { "x-note": _note, ...rule } = typeof value === "string" ? { path: value } : (value as Json);
    check(record, String(rule.path), `fields.${field}`);
    fields[field] = rule;
  }
  for (const key of ["actor", "when", "action", "time"] as const) {
    const value = raw[key];
    const path =
      typeof value === "string" ? (key === "actor" ? value : undefined) : isObj(value) ? value.path : undefined;
    if (typeof path === "string") check(root, path, key);
  }
  const given = new Set(Object.keys(fields));
  const partial = [...readFields(doc, String(raw.entity))].some((field) => !given.has(field));
  const { "x-note": _note, fields: _fields, ...rest } = raw;
  return { ...rest, fields, partial };
}

/** The `events` export: each mapped webhook's rules, and how many webhooks the spec has in all. */
export function renderEvents(id: string, doc: Json): string {
  const ops = webhookOps(doc);
  const mappings: Json = {};
  for (const [name, op] of ops) {
    const raw = op["x-unified-event"];
    if (isObj(raw)) mappings[name] = mappingOf(doc, id, name, op, raw);
  }
  const count = Object.keys(mappings).length;
  return `
/** How ${id}'s webhooks map to normalized events (x-unified-event): ${count} of ${ops.length} webhooks. */
export const events = ${JSON.stringify({ vendor: id, webhooks: ops.map(([name]) => name), mappings }, null, 2)} as const;
`;
}
