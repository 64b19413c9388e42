// Per-operation request examples and code samples for the reference pages, llms-full.txt and every OpenAPI tool:
// a request body example generated from its schema (openapi-sampler) where the spec has none, marked as generated, and
// x-codeSamples (TypeScript through the vendor's client, curl on the wire) built from the operation's named examples.
import { type CheckedModel, deref, type Json, type OperationModel } from "@scrm-openapi/codegen";
import { sample } from "openapi-sampler";
import type { Factory } from "./factories.js";
import { optionValue } from "./pages/common.js";

/** The name given to a request example generated from the schema. */
export const GENERATED = "generated";

export interface OperationSample {
  operationId: string;
  method: string;
  path: string;
  params: { query?: Json; path?: Json; header?: Json };
  body?: unknown;
  /** The request example the body comes from (`generated` when the spec has none). */
  example?: string;
  typescript: string;
  curl: string;
}

type Params = OperationSample["params"];

function sampled(doc: Json, schema: unknown, requiredOnly: boolean): unknown {
  if (!schema) return undefined;
  return sample(
    schema as Parameters<typeof sample>[0],
    { skipNonRequired: requiredOnly, skipReadOnly: true, quiet: true },
    doc,
  );
}

/** Parameters the client adds itself (the token, the signature headers) are left out of a sample. */
function addedByClient(model: CheckedModel): Set<string> {
  const a = model.auth;
  const names = a.style === "signature" ? Object.values(a.signature.headers) : [a.tokenParameter ?? "access_token"];
  return new Set(names.map((n) => n.toLowerCase()));
}

function paramsOf(model: CheckedModel, op: OperationModel): Params {
  const { doc } = model;
  const added = addedByClient(model);
  const item = (doc.paths as Record<string, Json>)[op.path] ?? {};
  const params: Params = {};
  for (const raw of [...((item.parameters as Json[]) ?? []), ...((op.spec.parameters as Json[]) ?? [])]) {
    const param = deref(doc, raw);
    const where = param.in as "query" | "path" | "header" | "cookie";
    const name = String(param.name);
    if (where === "cookie" || added.has(name.toLowerCase())) continue;
    if (!param.required && where !== "path" && param.example === undefined) continue;
    const named = Object.values((param.examples ?? {}) as Record<string, Json>).map((e) => deref(doc, e).value);
    const value = param.example ?? (named.length > 0 ? named[0] : sampled(doc, param.schema, true));
    params[where] = { ...params[where], [name]: value };
  }
  return params;
}

/** The JSON request body's media object in `doc` (the enriched copy when given), if the operation takes a body. */
function bodyMedia(doc: Json, op: OperationModel): Json | undefined {
  const spec = ((doc.paths as Record<string, Json>)[op.path]?.[op.method] ?? op.spec) as Json;
  const body = deref(doc, spec.requestBody as Json | undefined);
  return deref(doc, (body?.content as Json | undefined)?.["application/json"] as Json | undefined);
}

/** Adds a generated example where a body has none; returns the example the samples use (its name and value). */
function bodyExample(doc: Json, op: OperationModel): { name: string; value: unknown } | undefined {
  const media = bodyMedia(doc, op);
  if (!media) return undefined;
  if (media.example !== undefined) return { name: "example", value: media.example };
  const [first] = Object.entries((media.examples ?? {}) as Record<string, Json>);
  if (first) return { name: first[0], value: deref(doc, first[1]).value };
  const value = sampled(doc, media.schema, false);
  media.examples = {
    [GENERATED]: {
      summary: "由 schema 生成 Generated from the schema (openapi-sampler): not an example from the vendor's page",
      value,
      "x-generated": "openapi-sampler",
    },
  };
  return { name: GENERATED, value };
}

const json = (value: unknown, indent: number) =>
  JSON.stringify(value, null, 2)
    .split("\n")
    .map((line, i) => (i === 0 ? line : `${" ".repeat(indent)}${line}`))
    .join("\n");

function typescript(
  model: CheckedModel,
  op: OperationModel,
  s: Omit<OperationSample, "typescript" | "curl">,
  client: Factory,
): string {
  // A function option (Planyun's getAccessToken) reads a token from the environment here: a sample must compile as is.
  const value = (o: Factory["required"][number]) =>
    o.fn ? `async () => process.env.${model.id.toUpperCase()}_ACCESS_TOKEN!,` : optionValue(model.id, o);
  const options = client.required.map((o) => `  ${o.name}: ${value(o)}`).join("\n");
  const params = Object.keys(s.params).length > 0 ? [`params: ${json(s.params, 2)}`] : [];
  const body = s.body !== undefined ? [`body: ${json(s.body, 2)}`] : [];
  const init = [...params, ...body];
  const args = init.length > 0 ? `, {\n  ${init.join(",\n  ")},\n}` : "";
  const note = s.example === GENERATED ? "// 请求体由 schema 生成 (body generated from the schema)\n" : "";
  return `import { ${client.name} } from "${client.module}";

const client = ${client.name}({
${options}
});
${note}const { data } = await client.${op.method.toUpperCase()}("${op.path}"${args});
console.log(data);
`;
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

function curl(model: CheckedModel, op: OperationModel, s: Omit<OperationSample, "typescript" | "curl">): string {
  const base = model.baseUrlRequired ? `$${model.id.toUpperCase()}_BASE_URL` : model.baseUrl.replace(/\/$/, "");
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(s.params.path?.[name] ?? name)),
  );
  const query = new URLSearchParams(
    Object.entries(s.params.query ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  const headers = Object.entries(s.params.header ?? {}).map(([k, v]) => `${k}: ${String(v)}`);
  const a = model.auth;
  if (op.authenticated && a.style === "query-token") query.append(a.tokenParameter ?? "access_token", "$ACCESS_TOKEN");
  if (op.authenticated && a.style === "bearer-token") headers.push("Authorization: Bearer $ACCESS_TOKEN");
  if (a.style === "signature") {
    for (const [role, header] of Object.entries(a.signature.headers)) headers.push(`${header}: $${role.toUpperCase()}`);
  }
  const qs = query.toString().replaceAll("%24", "$");
  const lines = [`curl -X ${op.method.toUpperCase()} "${base}${path}${qs ? `?${qs}` : ""}"`];
  for (const h of headers) lines.push(`  -H ${h.includes("$") ? `"${h}"` : quote(h)}`);
  if (s.body !== undefined)
    lines.push("  -H 'Content-Type: application/json'", `  -d ${quote(JSON.stringify(s.body))}`);
  const note =
    a.style === "signature"
      ? "# 签名头按 x-auth.signature 计算 (compute the signature headers as x-auth.signature says)\n"
      : "";
  return `${note}${lines.join(" \\\n")}\n`;
}

/**
 * The reference copy of a vendor's bundled spec: generated body examples where the spec has none and x-codeSamples on
 * every operation; the samples themselves for llms-full.txt and the tests.
 */
export function enrichSpec(
  model: CheckedModel,
  client: Factory | undefined,
): { doc: Json; samples: OperationSample[] } {
  const doc = structuredClone(model.doc);
  const samples: OperationSample[] = [];
  for (const op of model.operations) {
    const example = bodyExample(doc, op);
    const base = {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      params: paramsOf(model, op),
      ...(example ? { body: example.value, example: example.name } : {}),
    };
    const sample = {
      ...base,
      typescript: client ? typescript(model, op, base, client) : "",
      curl: curl(model, op, base),
    };
    samples.push(sample);
    const target = (doc.paths as Record<string, Json>)[op.path]?.[op.method] as Json;
    target["x-codeSamples"] = [
      ...(client ? [{ lang: "TypeScript", label: "TypeScript", source: sample.typescript }] : []),
      { lang: "Shell", label: "curl", source: sample.curl },
    ];
  }
  return { doc, samples };
}
