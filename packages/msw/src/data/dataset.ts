// One seeded dataset per vendor, built lazily from its generated MockData and shared by both mock modes (the MSW
// handlers and the front in front of Prism): each entity the spec's x-unified/x-mock roles name gets 11–49 records
// shaped like its doc examples, which its list operations page for real, its get operations find by id, and its
// create/update/delete operations change; every other operation answers its example made realistic, its list
// 11–49 items long (paged for real where it declares x-pagination).
import type { MockData, MockOperation, MockRole } from "../types.js";
import { pageOf } from "./paging.js";
import { findList, getAt, isRecord, setAt } from "./paths.js";
import { createRandom, type Random } from "./random.js";
import { idLike, PLACEHOLDER, realistic } from "./values.js";

/** What an operation was asked: path parameters, query and JSON body. */
export interface MockInput {
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: URLSearchParams;
  readonly body?: unknown;
}

export type MockAnswer = { readonly status: 200 | 404; readonly body: unknown };

export interface Dataset {
  /** The operation's answer from the dataset; undefined for an operation the data does not know. */
  answer(operationId: string, input?: MockInput): MockAnswer;
  /** The records of an entity (a copy), for tests and stateful handlers of your own. */
  records(entity: string): Record<string, unknown>[];
  /** Back to the seeded records. */
  reset(): void;
}

type Rec = Record<string, unknown>;
interface Entity {
  readonly idPath: string | undefined;
  /** Every id field the entity's operations name (a list's `group_id` is a get's `group_chat_id`). */
  readonly idPaths: readonly string[];
  readonly template: Rec;
  readonly records: Map<string, Rec>;
  created: number;
}

/** A usable role: a plain records path and a plain id (composite and nested ids stay with their examples). */
const usable = (role: MockRole) =>
  !`${role.records ?? ""}${role.id ?? ""}`.match(/\[\]|\$|,|\|/) && (role.kind !== "get" || role.idParam);

/** How many records a list holds: 11–49, never a round number, so a page of 10 or 20 always ends short. */
export function listSize(r: Random): number {
  const n = r.int(11, 49);
  return n % 10 === 0 ? n + 1 : n;
}

export function createDataset(data: MockData, seed = 1): Dataset {
  const ops = new Map(data.operations.map((op) => [op.operationId, op]));
  const entities = new Map<string, Entity>();
  const frames = new Map<string, unknown>();
  const lists = new Map<string, unknown[]>();
  const key = (...parts: (string | number)[]) => [data.vendor, seed, ...parts].join(":");

  const template = (op: MockOperation): unknown => {
    const first = Object.values(op.examples)[0];
    return structuredClone(first ?? schemaTemplate(op.schema));
  };
  /** The answer around the records: the envelope's own fields as the example has them, the rest made realistic. */
  const frame = (op: MockOperation): unknown => {
    if (!frames.has(op.operationId)) {
      const t = template(op);
      const r = createRandom(key(op.operationId));
      const hint = `${op.path} ${op.roles?.[0]?.entity ?? ""}`.toLowerCase();
      frames.set(
        op.operationId,
        isRecord(t) ? Object.fromEntries(Object.entries(t).map(([k, v]) => [k, envelopeField(v, r, k, hint)])) : t,
      );
    }
    return structuredClone(frames.get(op.operationId));
  };

  const entity = (name: string): Entity => {
    const known = entities.get(name);
    if (known) return known;
    const roles = data.operations.flatMap((op) =>
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
      const count = listSize(createRandom(key(name, "size")));
      const taken = new Set<string>();
      for (let i = 0; i < count; i++) insert(made, fresh(made, name, createRandom(key(name, i)), i, taken));
    }
    entities.set(name, made);
    return made;
  };

  /** A new record of the entity, with an id no other record has. */
  const fresh = (e: Entity, name: string, r: Random, i: number, taken: Set<string>): Rec => {
    const record = realistic(e.template, r, { field: "", hint: name.toLowerCase() }) as Rec;
    if (!e.idPath) return record;
    const example = getAt(e.template, e.idPath);
    let id: unknown;
    do {
      id =
        typeof example === "number"
          ? Math.max(1000, Math.trunc(example)) + i * 17 + r.int(1, 16)
          : idLike(String(example ?? "id"), r);
      i++;
    } while (taken.has(String(id)) || e.records.has(String(id)));
    taken.add(String(id));
    for (const path of e.idPaths) setAt(record, path, id);
    return record;
  };
  const insert = (e: Entity, record: Rec) => {
    e.records.set(String(e.idPath ? getAt(record, e.idPath) : e.records.size), record);
  };

  const answer = (operationId: string, input: MockInput = {}): MockAnswer => {
    const op = ops.get(operationId);
    if (!op) throw new Error(`[${data.vendor}] mock data: no operation ${operationId}`);
    const read = (name: string) => readParam(input, name);
    const roles = (op.roles ?? []).filter(usable);
    const byId = roles.find(
      (x) => (x.kind === "get" || x.kind === "update" || x.kind === "delete") && present(read(x.idParam ?? "")),
    );
    const role = byId ?? roles.find((x) => x.kind === "create") ?? roles.find((x) => x.kind === "list");
    if (role) return entityAnswer(op, role, read, input.body);
    const items = op.pagination ? opList(op, op.pagination.itemsField) : undefined;
    if (op.pagination && items) return ok(withPage(op, frame(op), op.pagination.itemsField, items, read));
    const body = frame(op);
    const at = findList(template(op));
    if (at) setAt(body, at, opList(op, at));
    return ok(body);
  };

  /** The items of an operation that no entity owns: made once from its example's first item. */
  const opList = (op: MockOperation, at: string): unknown[] => {
    if (!lists.has(op.operationId)) {
      const list = getAt(template(op), at);
      // A doc example may show the list's one item as an object (Weiling's material visits): still its item.
      const first = Array.isArray(list) ? list[0] : isRecord(list) ? list : undefined;
      const r = createRandom(key(op.operationId, "list"));
      const hint = op.path.toLowerCase();
      lists.set(
        op.operationId,
        first === undefined
          ? []
          : Array.from({ length: listSize(r) }, () => realistic(first, r, { field: at.split(".").pop() ?? "", hint })),
      );
    }
    return structuredClone(lists.get(op.operationId) ?? []);
  };

  const withPage = (op: MockOperation, body: unknown, at: string, items: unknown[], read: (n: string) => unknown) => {
    const page = pageOf(op, items, read, getAt(template(op), op.pagination?.cursorField ?? ""));
    setAt(body, at, page.items);
    for (const [path, value] of Object.entries(page.fields)) setAt(body, path, value);
    return body;
  };

  const entityAnswer = (op: MockOperation, role: MockRole, read: (n: string) => unknown, body: unknown): MockAnswer => {
    const e = entity(role.entity);
    const at = recordsPath(op, role);
    const out = frame(op);
    const shape = at ? getAt(template(op), at) : undefined;
    const project = (record: Rec) => projectOnto(record, Array.isArray(shape) ? shape[0] : shape);
    if (role.kind === "list") {
      const all = [...e.records.values()].map(project);
      if (op.pagination && at) return ok(withPage(op, out, at, all, read));
      if (at) setAt(out, at, all);
      return ok(out);
    }
    if (role.kind === "create") {
      const record = fresh(
        e,
        role.entity,
        createRandom(key(role.entity, "new", e.created++)),
        e.records.size,
        new Set(),
      );
      assign(record, e, role, body);
      insert(e, record);
      if (role.resultId && e.idPath) setAt(out, role.resultId, getAt(record, e.idPath));
      if (at) setAt(out, at, Array.isArray(shape) ? [project(record)] : project(record));
      return ok(out);
    }
    const wanted = [read(role.idParam ?? "")].flat().map(String);
    const found = wanted.filter((id) => e.records.has(id));
    if (found.length === 0) return notFound(op, role, wanted);
    if (role.kind === "update" && isRecord(body)) {
      for (const id of found) {
        assign(e.records.get(id) as Rec, e, role, body);
      }
    }
    if (role.kind === "delete") for (const id of found) e.records.delete(id);
    if (role.kind === "get" && at) {
      const records = found.map((id) => project(e.records.get(id) as Rec));
      setAt(out, at, Array.isArray(shape) ? records : records[0]);
    }
    return ok(out);
  };

  return {
    answer,
    records: (name) => structuredClone([...entity(name).records.values()]),
    reset() {
      entities.clear();
      lists.clear();
    },
  };
}

/** The envelope's own fields (code, message, total) stay as the example has them, unless they are placeholders. */
function envelopeField(value: unknown, r: Random, field: string, hint: string): unknown {
  if (value && typeof value === "object") return realistic(value, r, { field, hint });
  return typeof value === "string" && PLACEHOLDER.test(value) ? "success" : value;
}

/**
 * What a create or update sends, into the record: the fields its role maps (`fields`: record field → request field),
 * else every request field the record has under the same name and type. Ids stay.
 */
function assign(record: Rec, e: Entity, role: MockRole, body: unknown): void {
  if (!isRecord(body)) return;
  const pairs = role.fields ? Object.entries(role.fields) : Object.keys(body).map((k) => [k, k] as const);
  for (const [field, from] of pairs) {
    const value = getAt(body, from);
    if (value === undefined || e.idPaths.includes(field) || from === role.idParam || !(field in e.template)) continue;
    if (!role.fields && typeof value !== typeof e.template[field]) continue;
    record[field] = structuredClone(value);
  }
}

const ok = (body: unknown): MockAnswer => ({ status: 200, body });

function notFound(op: MockOperation, role: MockRole, ids: string[]): MockAnswer {
  return {
    status: 404,
    body: {
      type: "urn:scrm-openapi:mock:not-found",
      title: `No ${role.entity} ${ids.join(", ")}`,
      status: 404,
      detail: `${op.operationId}: the mock's data holds no ${role.entity} with ${role.idParam} ${ids.join(", ")} (list it first, or create one).`,
    },
  };
}

function recordsPath(op: MockOperation, role: MockRole): string | undefined {
  return role.records ?? op.pagination?.itemsField;
}

/** The record's fields that the operation's own example has (a list item shows less than a get). */
function projectOnto(record: Rec, shape: unknown): Rec {
  if (!isRecord(shape)) return structuredClone(record);
  return Object.fromEntries(
    Object.keys(shape)
      .filter((k) => k in record)
      .map((k) => [k, structuredClone(record[k])]),
  );
}

const present = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/** A request parameter: path, then query (repeated: a list), then the JSON body (dotted). */
function readParam(input: MockInput, name: string): unknown {
  if (!name) return undefined;
  const fromPath = input.pathParams?.[name];
  if (fromPath !== undefined) return fromPath;
  const values = input.query?.getAll(name) ?? [];
  if (values.length > 0) return values.length === 1 ? values[0] : values;
  return getAt(input.body, name);
}

/** A stand-in example for an operation the spec gives none: the schema's shape, strings marked to be replaced. */
function schemaTemplate(schema: unknown, depth = 0): unknown {
  if (!isRecord(schema) || depth > 8) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const parts = [
    ...((schema.allOf as unknown[]) ?? []),
    ...(((schema.anyOf ?? schema.oneOf) as unknown[]) ?? []).slice(0, 1),
  ];
  if (parts.length > 0) return Object.assign({}, ...parts.map((p) => schemaTemplate(p, depth + 1)).filter(isRecord));
  const type =
    [schema.type].flat().find((t) => t !== "null") ??
    (schema.properties ? "object" : schema.items ? "array" : "string");
  if (type === "object")
    return Object.fromEntries(
      Object.entries((schema.properties as Rec) ?? {}).map(([k, v]) => [k, schemaTemplate(v, depth + 1)]),
    );
  if (type === "array") return [schemaTemplate(schema.items, depth + 1)];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  return "string";
}
