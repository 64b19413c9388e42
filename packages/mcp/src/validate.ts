// A call is checked against its operation's spec before anything is sent: required parameters, parameter and body
// schemas (JSON Schema 2020-12, as OpenAPI 3.1 writes them). Validators are compiled on first use per operation.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { Operation } from "./catalog.js";

export interface CallInput {
  query?: Record<string, unknown>;
  path?: Record<string, unknown>;
  body?: unknown;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validator(schema: unknown): ValidateFunction {
  const key = (schema && typeof schema === "object" ? schema : { const: schema }) as object;
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(key);
    compiled.set(key, fn);
  }
  return fn;
}

const describe = (fn: ValidateFunction, at: string) =>
  (fn.errors ?? []).slice(0, 10).map((e) => `${at}${e.instancePath || ""} ${e.message ?? "is invalid"}`);

/** Every violation of the spec, as `where what` lines; empty when the call may be sent. */
export function violations(op: Operation, input: CallInput): string[] {
  const out: string[] = [];
  for (const where of ["query", "path"] as const) {
    const given = input[where] ?? {};
    const known = op.parameters.filter((p) => p.in === where);
    for (const name of Object.keys(given)) {
      if (!known.some((p) => p.name === name)) out.push(`${where}.${name} is not a parameter of ${op.operationId}`);
    }
    for (const p of known) {
      const value = given[p.name];
      if (value === undefined) {
        if (p.required) out.push(`${where}.${p.name} is required`);
        continue;
      }
      const fn = validator(p.schema);
      // Query values arrive as text on the wire: accept "10" for an integer as the vendor would.
      if (!fn(value) && !(typeof value === "string" && fn(Number(value))))
        out.push(...describe(fn, `${where}.${p.name}`));
    }
  }
  if (op.body) {
    if (input.body === undefined) {
      if (op.body.required) out.push("body is required");
    } else {
      const fn = validator(op.body.schema);
      if (!fn(input.body)) out.push(...describe(fn, "body"));
    }
  } else if (input.body !== undefined) out.push(`body: ${op.operationId} takes no request body`);
  return out;
}
