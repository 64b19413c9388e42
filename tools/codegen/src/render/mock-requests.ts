// What the MSW mocks need to check a request as Prism does: each operation's parameters and JSON body schema, the
// security schemes and requirements, and the component schemas those request schemas refer to. Descriptions,
// examples and x- notes stay in the spec (the browser loads this).
import { deref, type Json } from "../spec.js";

const DROPPED = new Set(["description", "title", "example", "examples", "deprecated", "externalDocs"]);
const COMPONENT = /^#\/components\/schemas\/(.+)$/;

interface RequestShape {
  parameters?: Json[];
  body?: { required?: boolean; schema?: unknown };
}

/** The `request` of one operation (undefined when it takes nothing), recording the components it refers to. */
export function requestShape(doc: Json, item: Json, op: Json, used: Set<string>): RequestShape | undefined {
  const byKey = new Map<string, Json>();
  for (const raw of [...((item.parameters ?? []) as Json[]), ...((op.parameters ?? []) as Json[])]) {
    const param = deref(doc, raw);
    byKey.set(`${param.in}:${param.name}`, param);
  }
  const parameters = [...byKey.values()].map((p) => ({
    name: p.name,
    in: p.in,
    ...(p.required ? { required: true } : {}),
    ...(p.schema === undefined ? {} : { schema: strip(doc, p.schema, used) }),
  }));
  const requestBody = deref(doc, op.requestBody as Json | undefined);
  const media = deref(doc, (requestBody?.content as Json | undefined)?.["application/json"] as Json | undefined);
  const body =
    requestBody === undefined
      ? undefined
      : {
          ...(requestBody.required ? { required: true } : {}),
          ...(media?.schema === undefined ? {} : { schema: strip(doc, media.schema, used) }),
        };
  if (parameters.length === 0 && body === undefined) return undefined;
  return { ...(parameters.length ? { parameters } : {}), ...(body ? { body } : {}) };
}

/** An operation's or the document's `security` as alternatives of scheme names. */
export function securityNames(security: unknown): string[][] | undefined {
  return Array.isArray(security) ? security.map((requirement) => Object.keys(requirement as Json)) : undefined;
}

/** The document-level parts: security schemes, default requirements, and the component schemas in `used`. */
export function requestComponents(doc: Json, used: Set<string>): Json {
  const components = (doc.components ?? {}) as Json;
  const schemes = (components.securitySchemes ?? {}) as Record<string, Json>;
  const securitySchemes = Object.fromEntries(
    Object.entries(schemes).map(([name, raw]) => {
      const s = deref(doc, raw);
      return [name, Object.fromEntries(["type", "in", "name", "scheme"].flatMap((k) => (s[k] ? [[k, s[k]]] : [])))];
    }),
  );
  const all = (components.schemas ?? {}) as Json;
  const schemas: Json = {};
  // Stripping a component may reach others: repeat until nothing new is used.
  for (let added = true; added; ) {
    added = false;
    for (const name of [...used].sort()) {
      if (name in schemas || !(name in all)) continue;
      schemas[name] = strip(doc, all[name], used);
      added = true;
    }
  }
  return { securitySchemes, security: securityNames(doc.security) ?? [], schemas: sortKeys(schemas) };
}

/** The schema without documentation keywords; `#/components/schemas/…` refs kept (and noted), others inlined. */
function strip(doc: Json, node: unknown, used: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => strip(doc, n, used));
  if (!node || typeof node !== "object") return node;
  const ref = (node as Json).$ref;
  if (typeof ref === "string") {
    const component = COMPONENT.exec(ref)?.[1];
    if (component !== undefined) {
      used.add(component.replaceAll("~1", "/").replaceAll("~0", "~"));
      return { $ref: ref };
    }
    return strip(doc, deref(doc, node), used);
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    // Values of these are data or names, not schemas.
    out[key] =
      key === "enum" || key === "const" || key === "required" || key === "default"
        ? value
        : key === "properties" || key === "patternProperties" || key === "$defs"
          ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, strip(doc, v, used)]))
          : strip(doc, value, used);
  }
  return out;
}

function sortKeys(record: Json): Json {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
