// A spec operation (or webhook payload) as a flat list of fields keyed like the evidence files' paths:
// query.<name>, body.<a>.<b>[].<c>, response.data.<x>, payload.<x>. Local $refs are followed; allOf is merged;
// anyOf/oneOf branches are merged (their types unioned), the ErrorEnvelope branch of a response left out.
import { CONSTRAINT_KEYWORDS } from "../advisory.js";

export type Json = Record<string, unknown>;

export interface Deviation {
  reason: string;
  note: string;
}

export interface SpecField {
  path: string;
  /** The JSON types the spec accepts; empty when it leaves the field open (any value). */
  types: string[];
  /** Only for members of an object or parameters: whether the spec requires it. */
  required?: boolean;
  /** The constraint keywords the spec puts on it (enum, minimum, format…). */
  constraints: Record<string, unknown>;
  deviation?: Deviation;
  inferred: boolean;
}

/** Follows local `#/…` refs (bundled specs have no other kind). A cycle ends in `{}`. */
export function resolve(doc: Json, node: unknown, seen: ReadonlySet<string> = new Set()): Json {
  let current = node as Json | undefined;
  const visited = new Set(seen);
  while (current && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || visited.has(ref)) return {};
    visited.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Json | undefined)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc) as
      | Json
      | undefined;
  }
  return current ?? {};
}

const isErrorEnvelope = (node: unknown) =>
  typeof (node as Json | null)?.$ref === "string" && /\/ErrorEnvelope(\.yaml)?$/.test(String((node as Json).$ref));

/** One schema with its allOf / anyOf / oneOf folded into a single view. */
interface Folded {
  types: Set<string>;
  properties: Map<string, Json[]>;
  required: Set<string>;
  items: Json[];
  constraints: Record<string, unknown>;
  deviation?: Deviation;
  inferred: boolean;
  open: boolean;
}

function fold(doc: Json, node: unknown, into: Folded, mandatory: boolean): void {
  // OpenAPI 3.1 keeps a $ref's siblings: a reason may sit next to the $ref.
  const beside = (node as Json | null)?.["x-deviation"];
  if (beside) into.deviation = beside as Deviation;
  const schema = resolve(doc, node);
  const own = schema.type;
  if (typeof own === "string") into.types.add(own);
  else if (Array.isArray(own)) for (const t of own) into.types.add(String(t));
  else if (schema.properties) into.types.add("object");
  else if (schema.items) into.types.add("array");
  else if (schema.const !== undefined)
    into.types.add(typeof schema.const === "number" ? "number" : typeof schema.const);
  else if (!schema.allOf && !schema.anyOf && !schema.oneOf) into.open = true;
  for (const [name, value] of Object.entries((schema.properties ?? {}) as Json)) {
    into.properties.set(name, [...(into.properties.get(name) ?? []), value as Json]);
  }
  if (mandatory) for (const name of (schema.required ?? []) as string[]) into.required.add(name);
  if (schema.items) into.items.push(schema.items as Json);
  for (const key of CONSTRAINT_KEYWORDS) if (schema[key] !== undefined) into.constraints[key] = schema[key];
  if (schema["x-deviation"]) into.deviation = schema["x-deviation"] as Deviation;
  if (schema["x-inferred"] === true) into.inferred = true;
  for (const part of (schema.allOf ?? []) as Json[]) fold(doc, part, into, mandatory);
  const branches = [...((schema.anyOf ?? []) as Json[]), ...((schema.oneOf ?? []) as Json[])].filter(
    (b) => !isErrorEnvelope(b),
  );
  // A member required by only some branches is not required of the whole.
  for (const part of branches) fold(doc, part, into, mandatory && branches.length === 1);
}

function folded(doc: Json, schemas: Json[]): Folded {
  const out: Folded = {
    types: new Set(),
    properties: new Map(),
    required: new Set(),
    items: [],
    constraints: {},
    inferred: false,
    open: false,
  };
  // Several schemas for one field are allOf parts or a property repeated across parts: each one's `required` holds.
  for (const schema of schemas) fold(doc, schema, out, true);
  return out;
}

/** Adds `path` and everything below it to `out` (a recursive schema stops where its $ref repeats). */
function flattenSchema(
  doc: Json,
  schemas: Json[],
  path: string,
  required: boolean | undefined,
  out: SpecField[],
  ancestors: ReadonlySet<unknown> = new Set(),
) {
  const refs = schemas.map((s) => s.$ref).filter((ref) => typeof ref === "string");
  if (refs.some((ref) => ancestors.has(ref)) || ancestors.size > 24) return;
  const below = new Set([...ancestors, ...refs, path]);
  const view = folded(doc, schemas);
  if (view.types.has("integer") && view.types.has("number")) view.types.delete("integer");
  out.push({
    path,
    types: view.open ? [] : [...view.types].sort(),
    ...(required === undefined ? {} : { required }),
    constraints: view.constraints,
    ...(view.deviation ? { deviation: view.deviation } : {}),
    inferred: view.inferred,
  });
  for (const [name, parts] of view.properties) {
    flattenSchema(doc, parts, `${path}.${name}`, view.required.has(name), out, below);
  }
  if (view.items.length > 0) flattenSchema(doc, view.items, `${path}[]`, undefined, out, below);
}

const JSON_MEDIA = /json/;

function mediaSchema(doc: Json, holder: unknown): Json | undefined {
  const content = (resolve(doc, holder).content ?? {}) as Record<string, Json>;
  const media = Object.entries(content).find(([type]) => JSON_MEDIA.test(type))?.[1];
  return media?.schema as Json | undefined;
}

/** Every field of one operation as the spec declares it (parameters, JSON body, 200 JSON response). */
export function flattenOperation(doc: Json, pathItem: Json, operation: Json): SpecField[] {
  const out: SpecField[] = [];
  const params = [...((pathItem.parameters ?? []) as Json[]), ...((operation.parameters ?? []) as Json[])];
  for (const raw of params) {
    const param = resolve(doc, raw);
    const at = `${String(param.in)}.${String(param.name)}`;
    const before = out.length;
    flattenSchema(doc, [(param.schema ?? {}) as Json], at, param.required === true, out);
    const head = out[before];
    if (head && param["x-deviation"]) head.deviation = param["x-deviation"] as Deviation;
    if (head && param["x-inferred"] === true) head.inferred = true;
  }
  const body = operation.requestBody ? mediaSchema(doc, operation.requestBody) : undefined;
  if (body) flattenSchema(doc, [body], "body", undefined, out);
  const responses = (operation.responses ?? {}) as Json;
  const ok = responses["200"] ?? responses["201"];
  const response = ok ? mediaSchema(doc, ok) : undefined;
  if (response) flattenSchema(doc, [response], "response", undefined, out);
  return out;
}

/** A webhook's decrypted message (its x-payload) as fields under `payload.`. */
export function flattenPayload(doc: Json, operation: Json): SpecField[] {
  const out: SpecField[] = [];
  const payload = operation["x-payload"] as Json | undefined;
  if (payload) flattenSchema(doc, [payload], "payload", undefined, out);
  return out;
}
