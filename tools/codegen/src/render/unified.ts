// x-unified → packages/<vendor>/src/generated/unified.ts: each operation's mapping blocks, completed with what the
// spec already says (method, path, x-pagination, where each named parameter goes and its wire type), and checked
// against the spec: a parameter, records path or field path the operation's schemas do not have fails generation,
// so a mapping can only name what the spec documents. Self-contained: it reads the bundled spec only.
type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function deref(doc: Json, node: unknown, seen = 0): Json {
  if (!isObj(node)) return {};
  const ref = node.$ref;
  if (typeof ref !== "string" || seen > 20) return node;
  const target = ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((at, key) => (isObj(at) ? at[key.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined), doc);
  return deref(doc, target, seen + 1);
}

const isErrorEnvelope = (node: unknown) =>
  isObj(node) && typeof node.$ref === "string" && node.$ref.endsWith("/ErrorEnvelope");

/** The schemas a value may match: the node and its allOf/anyOf/oneOf branches (error envelopes left out). */
function branches(doc: Json, node: unknown): Json[] {
  const schema = deref(doc, node);
  const out = [schema];
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const b of list) if (!isErrorEnvelope(b)) out.push(...branches(doc, b));
  }
  return out;
}

/** The schema of a property (or of list items for `[]`); undefined when no branch has it; {} past an open object. */
function child(doc: Json, node: unknown, key: string): unknown {
  const all = branches(doc, node);
  if (key === "[]") return all.find((s) => s.items)?.items ?? (all.some((s) => s.type === "array") ? {} : undefined);
  if (/^\d+$/.test(key)) return all.find((s) => s.items)?.items;
  const found = all.flatMap((s) => (isObj(s.properties) && key in s.properties ? [s.properties[key]] : []));
  if (found.length > 0) return found.length === 1 ? found[0] : { anyOf: found };
  const open = all.every((s) => !isObj(s.properties) && !s.items && !s.anyOf && !s.oneOf && !s.allOf);
  return open ? {} : undefined;
}

/** Walks a path (`a.b`, `a[].b`); undefined when the schema does not have it. */
export function schemaAt(doc: Json, node: unknown, path: string): unknown {
  let current: unknown = node;
  for (const key of path.replaceAll("[].", ".[].").split(".")) {
    if (current === undefined) return undefined;
    current = key === "" ? current : child(doc, current, key);
  }
  return current;
}

/** A list's item schema, or the schema itself. */
export const itemOf = (doc: Json, node: unknown) => branches(doc, node).find((s) => s.items)?.items ?? node;

function wireType(doc: Json, node: unknown): { type: "string" | "integer" | "number"; list?: true } {
  const all = branches(doc, node);
  const types = all.flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type])).filter((t) => typeof t === "string");
  if (types.includes("array")) return { ...wireType(doc, all.find((s) => s.items)?.items), list: true };
  if (types.includes("string") || types.length === 0) return { type: "string" };
  return { type: types.includes("integer") ? "integer" : "number" };
}

interface OpInfo {
  doc: Json;
  op: Json;
  where: string;
}

/** Where a named parameter goes and its wire type: an operation parameter, else a (dotted) JSON body field. */
function param(info: OpInfo, name: string): Json {
  for (const p of (info.op.parameters ?? []) as unknown[]) {
    const parameter = deref(info.doc, p);
    if (parameter.name === name) return { name, in: parameter.in, ...wireType(info.doc, parameter.schema) };
  }
  const body = (info.op.requestBody as Json | undefined)?.content as Json | undefined;
  const schema = schemaAt(info.doc, (body?.["application/json"] as Json | undefined)?.schema, name);
  if (body && schema !== undefined) return { name, in: "body", ...wireType(info.doc, schema) };
  throw new Error(`${info.where}: x-unified names parameter ${name}, which the operation does not have`);
}

function paramRule(info: OpInfo, value: unknown): Json {
  const rule = typeof value === "string" ? { param: value } : (value as Json);
  const { param: name, "x-note": _note, ...rest } = rule;
  return { ...param(info, String(name)), ...rest };
}

function fieldRules(info: OpInfo, record: unknown, parent: unknown, fields: Json, what: string): Json {
  const out: Json = {};
  for (const [name, value] of Object.entries(fields)) {
    const { "x-note": _note, ...rule } = typeof value === "string" ? { path: value } : (value as Json);
    // `a|b`: each documented spelling must be in the schema.
    for (const path of String(rule.path).split("|")) {
      const [base, rel] = path.startsWith("$parent.") ? [parent, path.slice(8)] : [record, path];
      if (schemaAt(info.doc, base, rel) === undefined) {
        throw new Error(
          `${info.where}: x-unified ${what}.${name} reads ${path}, which the answer's schema does not have`,
        );
      }
    }
    out[name] = rule;
  }
  return out;
}

function records(info: OpInfo, root: unknown, path: string, what: string): unknown {
  const found = schemaAt(info.doc, root, path);
  if (found === undefined)
    throw new Error(`${info.where}: x-unified ${what} records ${path}: not in the answer's schema`);
  return itemOf(info.doc, found);
}

/** The 200 answer's schema of an operation. */
function answerSchema(info: OpInfo): unknown {
  const responses = (info.op.responses ?? {}) as Json;
  const media = (deref(info.doc, responses["200"]).content as Json | undefined)?.["application/json"] as
    | Json
    | undefined;
  return media?.schema;
}

/** The operation an operationId names, as codegen reads it (method, path, the operation). */
function operationById(doc: Json, operationId: string): { method: string; path: string; op: Json } | undefined {
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op?.operationId === operationId) return { method, path, op };
    }
  }
  return undefined;
}

/**
 * customFields.definitions: the operation that lists the field definitions the values are keyed by, completed like a
 * block (method, path, constants, pagination) and checked the same way: its records and their key, label and type
 * paths must be in that operation's answer.
 */
function definitions(info: OpInfo, raw: Json): Json {
  const { "x-note": _note, operationId, fixed, ...paths } = raw;
  const found = operationById(info.doc, String(operationId));
  if (!found)
    throw new Error(`${info.where}: x-unified customFields.definitions names ${String(operationId)}, no operation`);
  const target: OpInfo = { doc: info.doc, op: found.op, where: `${info.where} → ${String(operationId)}` };
  const item = records(target, answerSchema(target), String(paths.records), "customFields.definitions");
  const { records: _r, ...itemPaths } = paths;
  fieldRules(target, item, undefined, itemPaths as Json, "customFields.definitions");
  const pagination = found.op["x-pagination"] as Json | undefined;
  const fixedParams = Object.entries((fixed ?? {}) as Json).map(([name, value]) => ({
    param: param(target, name),
    value,
  }));
  return {
    operationId,
    method: found.method,
    path: found.path,
    ...(found.op.requestBody ? { body: true } : {}),
    ...(fixedParams.length > 0 ? { fixed: fixedParams } : {}),
    ...paths,
    ...(pagination
      ? { pagination: Object.fromEntries(Object.entries(pagination).filter(([k]) => !k.startsWith("x-"))) }
      : {}),
  };
}

function readBlock(info: OpInfo, block: Json, base: Json): Json {
  const pagination = info.op["x-pagination"] as Json | undefined;
  const path = String(block.records ?? pagination?.itemsField ?? "");
  if (!path) throw new Error(`${info.where}: x-unified ${block.entity} ${block.kind} needs records (no x-pagination)`);
  if (block.kind === "list" && pagination && path !== pagination.itemsField) {
    throw new Error(
      `${info.where}: x-unified list records must be x-pagination.itemsField (${String(pagination.itemsField)})`,
    );
  }
  const responses = (info.op.responses ?? {}) as Json;
  const media = (deref(info.doc, responses["200"]).content as Json | undefined)?.["application/json"] as
    | Json
    | undefined;
  const record = records(info, media?.schema, path.replaceAll("[].", "[]."), String(block.entity));
  const parent = path.includes("[].")
    ? itemOf(info.doc, schemaAt(info.doc, media?.schema, path.slice(0, path.lastIndexOf("[]."))))
    : undefined;
  const what = `${String(block.entity)} ${String(block.kind)}`;
  const fields = fieldRules(info, record, parent, (block.fields ?? {}) as Json, what);
  const ids = typeof block.id === "string" ? [block.id] : (block.id as string[]);
  fieldRules(info, record, parent, Object.fromEntries(ids.map((id, i) => [`id${i}`, id])), what);
  const embedded = ((block.embedded ?? []) as Json[]).map(({ "x-note": _n, ...e }) => {
    const inner = records(info, record, String(e.records), String(e.entity));
    const innerIds = typeof e.id === "string" ? [e.id] : (e.id as string[]);
    fieldRules(info, inner, record, Object.fromEntries(innerIds.map((id, i) => [`id${i}`, id])), String(e.entity));
    return { ...e, fields: fieldRules(info, inner, record, (e.fields ?? {}) as Json, String(e.entity)) };
  });
  const custom = block.customFields as Json | undefined;
  if (custom && schemaAt(info.doc, record, String(custom.path)) === undefined) {
    throw new Error(`${info.where}: x-unified customFields ${String(custom.path)} is not in the answer's schema`);
  }
  const customFields = custom?.definitions
    ? { ...custom, definitions: definitions(info, custom.definitions as Json) }
    : custom;
  const {
    "x-note": _note,
    idParam,
    updatedAfter,
    scope,
    records: _r,
    fixed: _f,
    embedded: _e,
    fields: _fs,
    ...rest
  } = block;
  const size = pagination && (pagination.limitParam ?? pagination.sizeParam);
  return {
    ...rest,
    ...base,
    records: path,
    fields,
    ...(customFields ? { customFields } : {}),
    ...(embedded.length > 0 ? { embedded } : {}),
    ...(pagination
      ? { pagination: Object.fromEntries(Object.entries(pagination).filter(([k]) => !k.startsWith("x-"))) }
      : {}),
    ...(size
      ? { pageSize: { param: param(info, String(size)), ...(pagination.maxLimit ? { max: pagination.maxLimit } : {}) } }
      : {}),
    ...(idParam ? { idParam: param(info, String(idParam)) } : {}),
    ...(updatedAfter ? { updatedAfter: paramRule(info, updatedAfter) } : {}),
    ...(scope
      ? { scope: Object.fromEntries(Object.entries(scope as Json).map(([k, v]) => [k, param(info, String(v))])) }
      : {}),
  };
}

function block(info: OpInfo, raw: Json, operationId: string, method: string, path: string): Json {
  const fixed = Object.entries((raw.fixed ?? {}) as Json).map(([name, value]) => ({ param: param(info, name), value }));
  // x-note stays in the spec (and the docs): the mapping ships in every unified bundle.
  // An operation with a request body gets one ({} when the mapping sends nothing in it): Prism and vendors refuse none.
  const body = info.op.requestBody ? { body: true } : {};
  const base = { operationId, method, path, ...body, ...(fixed.length > 0 ? { fixed } : {}) };
  if (raw.kind !== "write") return readBlock(info, raw, base);
  const { "x-note": _note, input, fixed: _f, ...rest } = raw;
  for (const name of (raw.required ?? []) as string[]) {
    if (!(name in (input as Json)))
      throw new Error(`${info.where}: x-unified requires ${name}, which its input does not map`);
  }
  return {
    ...rest,
    ...base,
    input: Object.fromEntries(Object.entries(input as Json).map(([k, v]) => [k, paramRule(info, v)])),
  };
}

/** The generated module: `mapping` (vendor + blocks), one block per x-unified entry, in path order. */
export function renderUnified(id: string, doc: Json): string {
  const blocks: Json[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      const list = op?.["x-unified"] as Json[] | undefined;
      if (!op || !list) continue;
      const info = { doc, op, where: `specs/${id} ${String(op.operationId)}` };
      for (const raw of list) blocks.push(block(info, raw, String(op.operationId), method, path));
    }
  }
  return `// Generated by tools/codegen from specs/${id} (x-unified) — do not edit. Run \`pnpm generate\`.
// The mapping @scrm-openapi/unified interprets: createUnifiedClient(create…Client(…), mapping).

/** How ${id}'s operations map to the unified model (${blocks.length} blocks). */
export const mapping = ${JSON.stringify({ vendor: id, blocks }, null, 2)} as const;
`;
}
