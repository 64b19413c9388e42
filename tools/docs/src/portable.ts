// The portable export of a vendor's spec: OpenAPI 3.0 JSON with every x- extension removed, for the tools and low-code
// platforms that import nothing newer (integrators hand-build such "import packs" today). The specs are 3.1; what 3.1
// says differently is rewritten the 3.0 way, and what 3.0 cannot say (webhooks) is left out.
import type { Json } from "@scrm-openapi/codegen";

/** Keys whose values are data (examples, defaults, enums), copied as they are. */
const DATA = new Set(["example", "default", "enum", "const", "value"]);
/** Keys whose values are maps of names (a property may be called anything, `x-` included). */
const NAMED = new Set(["properties", "patternProperties"]);

const UNSAID = [
  "if",
  "then",
  "else",
  "dependentRequired",
  "dependentSchemas",
  "prefixItems",
  "propertyNames",
  "contains",
  "minContains",
  "maxContains",
  "unevaluatedItems",
  "$defs",
];

/** A 3.1 schema keyword rewritten for 3.0, in place on a copy. */
function schema30(node: Json): Json {
  const out = { ...node };
  if (Array.isArray(out.type)) {
    const types = (out.type as string[]).filter((t) => t !== "null");
    if (types.length < (out.type as string[]).length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
    }
  } else if (out.type === "null") {
    delete out.type;
    out.nullable = true;
  }
  if ("const" in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (Array.isArray(out.examples)) {
    if (out.example === undefined && out.examples.length > 0) out.example = out.examples[0];
    delete out.examples;
  }
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[exclusive] === "number") {
      out[bound] = out[exclusive];
      out[exclusive] = true;
    }
  }
  for (const key of ["$schema", "$id", "$comment", "contentMediaType", "contentEncoding", "unevaluatedProperties"]) {
    delete out[key];
  }
  // Keywords 3.0 has no word for: left out, and the schema says so.
  const dropped = UNSAID.filter((key) => key in out);
  for (const key of dropped) delete out[key];
  if (dropped.length > 0) {
    const note = `(${dropped.join("/")} of the OpenAPI 3.1 spec left out of this 3.0 export.)`;
    out.description = typeof out.description === "string" ? `${out.description}\n\n${note}` : note;
  }
  return out;
}

function convert(node: unknown, named = false): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n));
  if (!node || typeof node !== "object") return node;
  const source = named ? (node as Json) : schema30(node as Json);
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (!named && key.startsWith("x-")) continue;
    out[key] = named ? convert(value) : DATA.has(key) ? value : convert(value, NAMED.has(key));
  }
  return out;
}

/** The bundled 3.1 spec as OpenAPI 3.0.3 without x- extensions or webhooks. */
export function toOpenApi30(doc: Json): Json {
  const { webhooks: _webhooks, jsonSchemaDialect: _dialect, ...rest } = doc;
  const out = convert(rest) as Json;
  out.openapi = "3.0.3";
  const info = { ...(out.info as Json) };
  delete info.summary;
  if (info.license) {
    const { identifier: _identifier, ...license } = info.license as Json;
    info.license = license;
  }
  out.info = info;
  const components = out.components as Json | undefined;
  if (components) delete components.pathItems;
  return out;
}
