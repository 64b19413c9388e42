// Each spec's operations with their named 200 examples → packages/<vendor>/src/generated/mocks.ts, the data @scrm-openapi/<vendor>/msw answers from (a bundle of what the handlers need, not the whole spec: the
// browser loads it). An operation without an example carries its success schema instead, for seeded faker data.

import { advisoryOnly } from "../advisory.js";
import type { VendorModel } from "../model.js";
import { deref, type HttpMethod, type Json, successOnly } from "../spec.js";
import { HEADER } from "./common.js";
import { requestComponents, requestShape, securityNames } from "./mock-requests.js";

// The JSON Schema keywords fakeFromSchema reads; descriptions and x- notes stay in the spec.
const SCHEMA_KEYS = new Set([
  "type",
  "properties",
  "items",
  "enum",
  "const",
  "allOf",
  "anyOf",
  "oneOf",
  "format",
  "example",
  "examples",
  "minimum",
  "maximum",
]);

interface GeneratedOperation {
  operationId: string;
  method: HttpMethod;
  path: string;
  examples: Record<string, unknown>;
  schema?: Json;
  request?: Json;
  security?: string[][];
  pagination?: Json;
  roles?: Json[];
}

const ROLE_KEYS = ["entity", "kind", "records", "id", "idParam", "resultId"] as const;

/**
 * What the operation does to an entity of the seeded mock data: its x-unified blocks (list, get, write create) and its
 * mock-only x-mock blocks (update, delete, or what x-unified does not map).
 */
function rolesOf(spec: Json): Json[] {
  const pick = (block: Json) =>
    Object.fromEntries(ROLE_KEYS.filter((k) => typeof block[k] === "string").map((k) => [k, block[k]]));
  const unified = ((spec["x-unified"] ?? []) as Json[]).flatMap((block) => {
    const kind = block.kind === "write" ? (block.action === "create" ? "create" : undefined) : block.kind;
    return kind ? [pick({ ...block, kind })] : [];
  });
  // x-mock's `fields` map record → request field; x-unified's `fields` are its unified model's, not read here.
  const mock = ((spec["x-mock"] ?? []) as Json[]).map((block) => ({
    ...pick(block),
    ...(block.fields ? { fields: block.fields } : {}),
  }));
  return [...unified, ...mock];
}

/** Every operation of a vendor, in spec order, with its 200 examples by name. */
function mockOperations(model: VendorModel, used: Set<string>): GeneratedOperation[] {
  const { doc } = model;
  const success = successOnly(doc);
  // Requests are checked against the advisory copy: an x-inferred constraint is never a 422.
  const checked = advisoryOnly(doc);
  const checkedPaths = checked.paths as Record<string, Json>;
  return model.operations.map(({ operationId, method, path, spec, pagination }) => {
    const response = deref(doc, (spec.responses as Json | undefined)?.["200"] as Json | undefined);
    const media = deref(doc, (response?.content as Json | undefined)?.["application/json"] as Json | undefined);
    const examples = Object.fromEntries(
      Object.entries((media?.examples ?? {}) as Record<string, Json>).map(([name, e]) => [name, deref(doc, e).value]),
    );
    if (media?.example !== undefined && Object.keys(examples).length === 0) examples.default = media.example;
    const entry: GeneratedOperation = { operationId, method, path, examples };
    const item = deref(checked, checkedPaths[path]) ?? {};
    const request = requestShape(checked, item, deref(checked, item[method] as Json | undefined) ?? spec, used);
    const security = securityNames(spec.security);
    if (request) entry.request = request as Json;
    if (security) entry.security = security;
    if (pagination) entry.pagination = Object.fromEntries(Object.entries(pagination).filter(([k]) => k !== "x-note"));
    const roles = rolesOf(spec);
    if (roles.length > 0) entry.roles = roles;
    // Without an example, or with a first example whose list is empty (nothing to shape the seeded items after).
    const firstList = pagination ? listAt(Object.values(examples)[0], String(pagination.itemsField)) : undefined;
    if (Object.keys(examples).length === 0 || (Array.isArray(firstList) && firstList.length === 0)) {
      const successItem = deref(success, (success.paths as Record<string, Json>)[path]) as Json;
      const successOp = successItem[method] as Json;
      const successMedia = deref(
        success,
        (deref(success, (successOp.responses as Json)["200"] as Json)?.content as Json | undefined)?.[
          "application/json"
        ] as Json | undefined,
      );
      entry.schema = inline(success, successMedia?.schema, new Set()) as Json;
    }
    return entry;
  });
}

/** The generated mocks.ts of one vendor's bundled spec. */
export function renderMocks(model: VendorModel): string {
  const vendor = model.id;
  const used = new Set<string>();
  const operations = mockOperations(model, used);
  const names = operations.map(
    (op) =>
      `  ${op.operationId}: ${
        Object.keys(op.examples)
          .map((n) => JSON.stringify(n))
          .join(" | ") || "never"
      };`,
  );
  return `${HEADER(vendor)}import type { MockData } from "@scrm-openapi/msw";

/** Each operation's named 200 examples: \`Prefer: example=<name>\`, \`mocks.scenario(name)\`. */
export type MockExamples = {
${names.join("\n")}
};

/** Every operation of specs/${vendor} with its 200 examples (the first is the default answer). */
export const mockData: MockData = ${JSON.stringify({ vendor, operations, ...requestComponents(advisoryOnly(model.doc), used) }, null, 1)};
`;
}

function listAt(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Json)[key] : undefined), value);
}

/** A self-contained schema: refs inlined (a recursive one cut to `{}`), only the keywords the faker reads. */
function inline(doc: Json, node: unknown, seen: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n, seen));
  if (!node || typeof node !== "object") return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (seen.has(ref)) return {};
    return inline(doc, deref(doc, node), new Set([...seen, ref]));
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (!SCHEMA_KEYS.has(key)) continue;
    out[key] =
      key === "properties"
        ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, inline(doc, v, seen)]))
        : key === "example" || key === "examples" || key === "enum" || key === "const"
          ? value
          : inline(doc, value, seen);
  }
  return out;
}
