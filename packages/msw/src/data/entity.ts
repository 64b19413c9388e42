// An entity of the seeded dataset and the answers of the operations that change or read it: records made from the
// merged examples of its list and get operations, keyed by id; create adds one (with what the request sends under
// the record's field names), get finds by id, update merges, delete removes.
import type { MockOperation, MockRole } from "../types.js";
import { getAt, isRecord, setAt } from "./paths.js";
import type { Random } from "./random.js";
import { type Entity, listSize, type Rec, recordsPath, type State, template, usable } from "./state.js";
import { idLike, realistic } from "./values.js";

/** The entity `name`, its records made on first use. */
export function entityOf(state: State, name: string): Entity {
  const known = state.entities.get(name);
  if (known) return known;
  const roles = state.data.operations.flatMap((op) =>
    (op.roles ?? []).filter((x) => x.entity === name && usable(x)).map((role) => ({ op, role })),
  );
  const shapes = roles.flatMap(({ op, role }) => {
    if (role.kind !== "list" && role.kind !== "get") return [];
    const at = getAt(template(op), recordsPath(op, role) ?? "");
    const item = Array.isArray(at) ? at[0] : at;
    return isRecord(item) ? [item] : [];
  });
  // The first operation's example wins a field both have; the others add the fields only they show.
  const merged: Rec = Object.assign({}, ...[...shapes].reverse());
  const idPaths = [...new Set(roles.flatMap(({ role }) => (role.id ? [role.id] : [])))];
  const made: Entity = { idPath: idPaths[0], idPaths, template: merged, records: new Map(), created: 0 };
  if (shapes.length > 0) {
    const count = listSize(state.random(name, "size"));
    for (let i = 0; i < count; i++) insert(made, fresh(made, name, state.random(name, i), i));
  }
  state.entities.set(name, made);
  return made;
}

/** A new record of the entity, with an id no other record has. */
export function fresh(e: Entity, name: string, r: Random, index: number): Rec {
  const record = realistic(e.template, r, { field: "", hint: name.toLowerCase() }) as Rec;
  if (!e.idPath) return record;
  const example = getAt(e.template, e.idPath);
  let id: unknown;
  for (let i = index; id === undefined || e.records.has(String(id)); i++) {
    id =
      typeof example === "number"
        ? Math.max(1000, Math.trunc(example)) + i * 17 + r.int(1, 16)
        : idLike(String(example ?? "id"), r);
  }
  for (const path of e.idPaths) setAt(record, path, id);
  return record;
}

export function insert(e: Entity, record: Rec): void {
  e.records.set(String(e.idPath ? getAt(record, e.idPath) : e.records.size), record);
}

/**
 * What a create or update sends, into the record: the fields its role maps (`fields`: record field → request field),
 * else every request field the record has under the same name and type. Ids stay.
 */
export function assign(record: Rec, e: Entity, role: MockRole, body: unknown): void {
  if (!isRecord(body)) return;
  const pairs = role.fields ? Object.entries(role.fields) : Object.keys(body).map((k) => [k, k] as const);
  for (const [field, from] of pairs) {
    const value = getAt(body, from);
    if (value === undefined || e.idPaths.includes(field) || from === role.idParam || !(field in e.template)) continue;
    if (!role.fields && typeof value !== typeof e.template[field]) continue;
    record[field] = structuredClone(value);
  }
}

/** The record's fields that the operation's own example has (a list item shows less than a get). */
export function projectOnto(record: Rec, shape: unknown): Rec {
  if (!isRecord(shape)) return structuredClone(record);
  const keys = Object.keys(shape).filter((k) => k in record);
  return Object.fromEntries(keys.map((k) => [k, structuredClone(record[k])]));
}

export function notFound(op: MockOperation, role: MockRole, ids: readonly string[]) {
  return {
    status: 404 as const,
    body: {
      type: "urn:scrm-openapi:mock:not-found",
      title: `No ${role.entity} ${ids.join(", ")}`,
      status: 404,
      detail: `${op.operationId}: the mock's data holds no ${role.entity} with ${role.idParam} ${ids.join(", ")} (list it first, or create one).`,
    },
  };
}
