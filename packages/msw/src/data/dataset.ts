// One seeded dataset per vendor, built lazily from its generated MockData and shared by both mock modes (the MSW
// handlers and the front in front of Prism): each entity the spec's x-unified/x-mock roles name gets 11–49 records
// shaped like its doc examples, which its list operations page for real, its get operations find by id, and its
// create/update/delete operations change; every other operation answers its example made realistic, its list
// 11–49 items long (paged for real where it declares x-pagination).
import type { MockData, MockOperation, MockRole } from "../types.js";
import { assign, entityOf, fresh, insert, notFound, projectOnto } from "./entity.js";
import { pageOf } from "./paging.js";
import { findList, getAt, isRecord, setAt } from "./paths.js";
import {
  createState,
  frame,
  listSize,
  type Rec,
  recordsPath,
  type State,
  schemaTemplate,
  template,
  usable,
} from "./state.js";
import { realistic } from "./values.js";

/** What an operation was asked: path parameters, query and JSON body. */
export interface MockInput {
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: URLSearchParams;
  readonly body?: unknown;
}

/** 200 with the vendor's answer, or 404 (problem+json) for a get, update or delete of an id the data lacks. */
export type MockAnswer = { readonly status: 200 | 404; readonly body: unknown };

export interface Dataset {
  /** The operation's answer from the dataset. Throws for an operationId the data does not have. */
  answer(operationId: string, input?: MockInput): MockAnswer;
  /** The records of an entity (a copy), for tests and stateful handlers of your own. */
  records(entity: string): Record<string, unknown>[];
  /** Back to the seeded records. */
  reset(): void;
}

type Read = (name: string) => unknown;

export function createDataset(data: MockData, seed = 1): Dataset {
  const ops = new Map(data.operations.map((op) => [op.operationId, op]));
  const state = createState(data, seed);
  return {
    answer(operationId, input = {}) {
      const op = ops.get(operationId);
      if (!op) throw new Error(`[${data.vendor}] mock data: no operation ${operationId}`);
      return answer(state, op, input);
    },
    records: (name) => structuredClone([...entityOf(state, name).records.values()]),
    reset() {
      state.entities.clear();
      state.lists.clear();
    },
  };
}

const ok = (body: unknown): MockAnswer => ({ status: 200, body });

function answer(state: State, op: MockOperation, input: MockInput): MockAnswer {
  const read: Read = (name) => readParam(input, name);
  const roles = (op.roles ?? []).filter(usable);
  // One operation may list and get (Weiling's 10.1): an id in the request makes it a get.
  const byId = roles.find((x) => x.kind !== "list" && x.kind !== "create" && present(read(x.idParam ?? "")));
  const role = byId ?? roles.find((x) => x.kind === "create") ?? roles.find((x) => x.kind === "list");
  if (role) return entityAnswer(state, op, role, read, input.body);
  if (op.pagination) {
    const at = op.pagination.itemsField;
    return ok(withPage(op, frame(state, op), at, opList(state, op, at), read));
  }
  const body = frame(state, op);
  const at = findList(template(op));
  if (at) setAt(body, at, opList(state, op, at));
  return ok(body);
}

/** The items of an operation that no entity owns: made once from its example's first item. */
function opList(state: State, op: MockOperation, at: string): unknown[] {
  if (!state.lists.has(op.operationId)) {
    const list = getAt(template(op), at);
    // A doc example may show the list's one item as an object (Weiling's material visits): still its item.
    const shown = Array.isArray(list) ? list[0] : isRecord(list) ? list : undefined;
    // An example with an empty list: its item as the schema shapes it (codegen keeps the schema for these).
    const schemaList = shown === undefined && op.schema ? getAt(schemaTemplate(op.schema), at) : undefined;
    const first = shown ?? (Array.isArray(schemaList) ? schemaList[0] : undefined);
    const r = state.random(op.operationId, "list");
    const where = { field: at.split(".").pop() ?? "", hint: op.path.toLowerCase() };
    const items = first === undefined ? [] : Array.from({ length: listSize(r) }, () => realistic(first, r, where));
    state.lists.set(op.operationId, items);
  }
  return structuredClone(state.lists.get(op.operationId) ?? []);
}

function withPage(op: MockOperation, body: unknown, at: string, items: unknown[], read: Read): unknown {
  const page = pageOf(op, items, read, getAt(template(op), op.pagination?.cursorField ?? ""));
  setAt(body, at, page.items);
  for (const [path, value] of Object.entries(page.fields)) setAt(body, path, value);
  return body;
}

function entityAnswer(state: State, op: MockOperation, role: MockRole, read: Read, body: unknown): MockAnswer {
  const e = entityOf(state, role.entity);
  const at = recordsPath(op, role);
  const out = frame(state, op);
  const shape = at ? getAt(template(op), at) : undefined;
  const project = (record: Rec) => projectOnto(record, Array.isArray(shape) ? shape[0] : shape);
  // A list where the example has one (Weiling's 10.1 by ids), else the one record (Weiban's get).
  const put = (records: Rec[]) => {
    if (at) setAt(out, at, Array.isArray(shape) ? records.map(project) : records.map(project)[0]);
  };
  if (role.kind === "list") {
    const all = [...e.records.values()].map(project);
    if (op.pagination && at) return ok(withPage(op, out, at, all, read));
    put([...e.records.values()]);
    return ok(out);
  }
  if (role.kind === "create") {
    const record = fresh(e, role.entity, state.random(role.entity, "new", e.created++), e.records.size);
    assign(record, e, role, body);
    insert(e, record);
    if (role.resultId && e.idPath) setAt(out, role.resultId, getAt(record, e.idPath));
    put([record]);
    return ok(out);
  }
  const wanted = [read(role.idParam ?? "")].flat().map(String);
  const found = wanted.filter((id) => e.records.has(id));
  if (found.length === 0) return notFound(op, role, wanted);
  for (const id of found) {
    const record = e.records.get(id) as Rec;
    if (role.kind === "update") assign(record, e, role, body);
    if (role.kind === "delete") e.records.delete(id);
  }
  if (role.kind === "get") put(found.map((id) => e.records.get(id) as Rec));
  return ok(out);
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
