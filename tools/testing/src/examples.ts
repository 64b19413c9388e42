// The contract suite every vendor package runs: each operation's named examples, as Prism serves them, driven through
// the vendor's typed client, each asserted as the typed result it must become. Cases come from the spec itself, so
// an operation added to a spec is tested with no test written by hand.
import { bundleSpec, deref, listApis } from "@scrm-openapi/codegen";
import { sample } from "openapi-sampler";

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** What one named example must become when the client calls its operation. */
export type Expectation =
  | { kind: "data"; value: unknown }
  | { kind: "api-error"; code: string | number; meaning: string | undefined; errorKind: string | undefined }
  | { kind: "not-envelope" };

export interface ExampleCase {
  /** "<operationId> <example name>", the test's title. */
  readonly title: string;
  readonly operationId: string;
  readonly method: (typeof METHODS)[number];
  readonly path: string;
  readonly example: string;
  /** A request the spec accepts: required parameters and a body from the spec's own examples, or sampled. */
  readonly init: {
    params: { query?: Json; path?: Json; header?: Json };
    body?: unknown;
    headers: Record<string, string>;
  };
  readonly expect: Expectation;
}

/** Every (operation, named 200 example) pair of a vendor's spec, with the request to send and the result to expect. */
export async function exampleCases(vendor: string): Promise<ExampleCase[]> {
  const api = (await listApis()).find((a) => a.id === vendor);
  if (!api) throw new Error(`no api named ${vendor} in redocly.yaml`);
  const doc = await bundleSpec(api.root);
  const resolve = <T>(node: T): T => deref(doc, node);
  const rootEnvelope = doc["x-envelope"] as Json;
  const codes = (doc["x-error-codes"] ?? {}) as Record<string, { meaning?: string; kind?: string }>;
  const auth = doc["x-auth"] as { tokenParameter?: string; signature?: { headers?: Record<string, string> } };
  // Parameters the client fills in itself (the token, the signature headers) are not part of a case's request.
  const added = new Set(
    [auth.tokenParameter ?? "access_token", ...Object.values(auth.signature?.headers ?? {})].map((n) =>
      n.toLowerCase(),
    ),
  );
  const cases: ExampleCase[] = [];
  for (const [path, rawItem] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const item = resolve(rawItem);
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const operationId = String(op.operationId);
      const content = resolve((resolve((op.responses as Json)?.["200"] as Json)?.content as Json) ?? {});
      const media = resolve(content["application/json"] as Json | undefined);
      const examples = Object.entries((media?.examples ?? {}) as Record<string, Json>);
      if (examples.length === 0) continue;
      const envelope = (op["x-envelope"] as Json | undefined) ?? rootEnvelope;
      const init = requestFor(doc, op, item, added);
      for (const [name, rawExample] of examples) {
        const value = resolve(rawExample).value;
        const code = getPath(value, String(envelope.codeField));
        const expectation: Expectation =
          typeof code !== "string" && typeof code !== "number"
            ? { kind: "not-envelope" }
            : String(code) === String(envelope.successCode)
              ? { kind: "data", value }
              : {
                  kind: "api-error",
                  code,
                  meaning: codes[String(code)]?.meaning,
                  errorKind: codes[String(code)]?.kind,
                };
        cases.push({
          title: `${operationId} ${name}`,
          operationId,
          method,
          path,
          example: name,
          init: { ...init, headers: { Prefer: `example=${name}` } },
          expect: expectation,
        });
      }
    }
  }
  return cases;
}

function requestFor(doc: Json, op: Json, item: Json, added: Set<string>): Omit<ExampleCase["init"], "headers"> {
  const params: { query?: Json; path?: Json; header?: Json } = {};
  for (const raw of [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])]) {
    const param = deref(doc, raw);
    const where = param.in as "query" | "path" | "header" | "cookie";
    const name = String(param.name);
    if (where === "cookie" || added.has(name.toLowerCase())) continue;
    if (!param.required && where !== "path") continue;
    const examples = Object.values((param.examples ?? {}) as Record<string, Json>).map((e) => deref(doc, e).value);
    const value =
      param.example !== undefined
        ? param.example
        : examples.length > 0
          ? examples[0]
          : sampled(doc, param.schema as Json);
    params[where] = { ...params[where], [name]: value };
  }
  const body = deref(doc, op.requestBody as Json | undefined);
  const media = deref(doc, (body?.content as Json | undefined)?.["application/json"] as Json | undefined);
  if (!media) return { params };
  const named = Object.values((media.examples ?? {}) as Record<string, Json>).map((e) => deref(doc, e).value);
  const value =
    media.example !== undefined ? media.example : named.length > 0 ? named[0] : sampled(doc, media.schema as Json);
  return { params, body: value };
}

/** The smallest valid value of a schema: its required fields only, from the schema's own examples where it has them. */
function sampled(doc: Json, schema: Json | undefined): unknown {
  if (!schema) return undefined;
  return sample(
    schema as Parameters<typeof sample>[0],
    { skipNonRequired: true, skipReadOnly: true, quiet: true },
    doc,
  );
}

function getPath(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Json)[key] : undefined), value);
}
