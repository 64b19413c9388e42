// The operations the server knows: read from each vendor's bundled spec (src/generated/<vendor>.json, made by
// `pnpm generate`), so search, describe and validation all see what the clients were
// generated from.
import { readFileSync } from "node:fs";

export type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
type Method = (typeof METHODS)[number];

interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required: boolean;
  description?: string;
  schema: unknown;
}

export interface Operation {
  vendor: string;
  operationId: string;
  method: Method;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  /** Changes vendor data: refused unless the server allows writes and the call is confirmed. */
  write: boolean;
  deprecated: boolean;
  rateClass?: string;
  /** The vendor doc page the operation was written from (x-source). */
  source?: string;
  /** Where the spec says its facts are weaker than a vendor page (x-note). */
  note?: string;
  parameters: Parameter[];
  /** `schema` is inlined deep enough to validate; `raw` keeps the spec's refs (describe inlines what fits). */
  body?: { required: boolean; schema: unknown; raw: unknown };
  requestExamples: Record<string, unknown>;
  responseExamples: string[];
}

export interface VendorSpec {
  id: string;
  name: string;
  doc: Json;
  operations: Operation[];
}

const asRecord = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});

/** Follows a local `$ref` chain (bounded) to the node it names. */
function deref(doc: Json, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 20; hops++) {
    const ref = asRecord(current).$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return current;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => asRecord(at)[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
  }
  throw new Error("$ref chain too long");
}

/**
 * A schema with its refs inlined to `depth` levels; a deeper one or a cycle becomes an open schema that names it
 * (`{ description: "see …" }`), which accepts anything: the vendor, not this server, has the last word there.
 */
export function inline(doc: Json, node: unknown, depth: number, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n, depth, seen));
  if (!node || typeof node !== "object") return node;
  const ref = (node as Json).$ref;
  if (typeof ref === "string") {
    if (depth <= 0 || seen.includes(ref)) return { description: `see ${ref.split("/").pop() ?? ref}` };
    return inline(doc, deref(doc, node), depth - 1, [...seen, ref]);
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "examples" || key === "example" || key.startsWith("x-")) continue;
    out[key] = inline(doc, value, depth, seen);
  }
  return out;
}

function readOperation(vendor: string, doc: Json, path: string, method: Method, raw: Json): Operation {
  const parameters = [...((raw.parameters ?? []) as unknown[])].map((p) => {
    const param = asRecord(deref(doc, p));
    return {
      name: String(param.name),
      in: param.in as Parameter["in"],
      required: param.required === true,
      ...(typeof param.description === "string" ? { description: param.description } : {}),
      schema: inline(doc, param.schema ?? {}, 12),
    };
  });
  const requestBody = asRecord(deref(doc, raw.requestBody));
  const json = asRecord(asRecord(requestBody.content)["application/json"]);
  const requestExamples: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(asRecord(json.examples)))
    requestExamples[name] = asRecord(deref(doc, example)).value;
  const answer = asRecord(asRecord(asRecord(asRecord(raw.responses)["200"]).content)["application/json"]);
  const rateClass = typeof raw["x-rate-class"] === "string" ? raw["x-rate-class"] : undefined;
  const idempotent = raw["x-idempotent"];
  const read = typeof idempotent === "boolean" ? idempotent : rateClass ? rateClass === "read" : method === "get";
  return {
    vendor,
    operationId: String(raw.operationId),
    method,
    path,
    summary: String(raw.summary ?? ""),
    description: String(raw.description ?? ""),
    tags: ((raw.tags ?? []) as unknown[]).map(String),
    write: !read,
    deprecated: raw.deprecated === true,
    ...(rateClass ? { rateClass } : {}),
    ...(typeof raw["x-source"] === "string" ? { source: raw["x-source"] } : {}),
    ...(typeof raw["x-note"] === "string" ? { note: raw["x-note"] } : {}),
    parameters,
    ...(json.schema
      ? { body: { required: requestBody.required === true, schema: inline(doc, json.schema, 12), raw: json.schema } }
      : {}),
    requestExamples,
    responseExamples: Object.keys(asRecord(answer.examples)),
  };
}

const loaded = new Map<string, VendorSpec>();

/** One vendor's spec and operations, from the bundled JSON beside this module (read once per process). */
export function loadVendor(id: string): VendorSpec {
  let spec = loaded.get(id);
  if (!spec) {
    spec = readVendor(id);
    loaded.set(id, spec);
  }
  return spec;
}

function readVendor(id: string): VendorSpec {
  const doc = JSON.parse(readFileSync(new URL(`./generated/${id}.json`, import.meta.url), "utf8")) as Json;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(asRecord(doc.paths))) {
    for (const method of METHODS) {
      const raw = asRecord(item)[method];
      if (raw) operations.push(readOperation(id, doc, path, method, asRecord(raw)));
    }
  }
  const vendor = asRecord(doc["x-vendor"]);
  return { id, name: String(vendor.name ?? id), doc, operations };
}
