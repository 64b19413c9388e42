// Request validation as Prism does it, with the same library (ajv) and options, and its messages word for word:
// parameters coerced from strings, the JSON body as sent. Ajv loads on the first check (its own chunk in a page) and
// each operation's validators compile on its first request, so mocks that never see a request cost nothing.
import { prismDateTime } from "./formats.js";
import type { Violation } from "./problems.js";
import type { MockData, MockOperation, MockParameter, ValidationSchema } from "./types.js";

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}
type Validator = ((value: unknown) => boolean) & { errors?: readonly AjvError[] | null };
interface Compilers {
  /** Parameters: strings coerced to the schema's types, as Prism's `coerceTypes: true`. */
  params(schema: ValidationSchema): Validator;
  body(schema: ValidationSchema): Validator;
}

/** What a request carries that the spec constrains. */
interface RequestParts {
  readonly url: URL;
  readonly headers: Headers;
  readonly pathParams: Readonly<Record<string, string>>;
  /** `undefined` when the request has no body. */
  readonly body: { readonly value: unknown } | undefined;
}

export type RequestValidator = (op: MockOperation, parts: RequestParts) => Promise<Violation[]>;

/** After the body, in Prism's order (its validateInput: body, headers, query, path): a 422 lists them alike. */
const PARAM_LOCATIONS = ["header", "query", "path"] as const;
type ParamLocation = (typeof PARAM_LOCATIONS)[number];

/**
 * One validator per vendor data set, shared by every mock set made from it: a page or a test suite that creates
 * several mock sets compiles each operation's validators once (they are pure functions of the spec's schemas).
 */
const validators = new WeakMap<MockData, RequestValidator>();

export function createRequestValidator(data: MockData): RequestValidator {
  let validator = validators.get(data);
  if (!validator) {
    validator = compileOnDemand(data);
    validators.set(data, validator);
  }
  return validator;
}

function compileOnDemand(data: MockData): RequestValidator {
  let compilers: Promise<Compilers> | undefined;
  const compiled = new Map<MockOperation, { params: Map<ParamLocation, Validator>; body?: Validator }>();
  const components = { schemas: data.schemas ?? {} };

  const validatorsOf = async (op: MockOperation) => {
    const known = compiled.get(op);
    if (known) return known;
    compilers ??= loadCompilers();
    const { params, body } = await compilers;
    // Refs are the spec's own (`#/components/schemas/X`): each root carries the components they point into.
    const root = (schema: ValidationSchema) =>
      typeof schema === "boolean" ? schema : { ...schema, components: { ...components } };
    const out = {
      params: new Map(
        PARAM_LOCATIONS.flatMap((where) => {
          const specs = (op.request?.parameters ?? []).filter((p) => p.in === where);
          return specs.length ? [[where, params(root(paramsSchema(specs)))] as const] : [];
        }),
      ),
      ...(op.request?.body?.schema === undefined ? {} : { body: body(root(op.request.body.schema)) }),
    };
    compiled.set(op, out);
    return out;
  };

  return async (op, parts) => {
    if (!op.request) return [];
    const validators = await validatorsOf(op);
    const violations: Violation[] = [];
    if (parts.body === undefined) {
      if (op.request.body?.required) {
        violations.push({ severity: "Error", code: "required", message: "Body parameter is required" });
      }
    } else if (validators.body && !validators.body(parts.body.value)) {
      violations.push(...prismViolations(validators.body.errors, "body"));
    }
    for (const [where, validate] of validators.params) {
      const specs = (op.request.parameters ?? []).filter((p) => p.in === where);
      if (!validate(paramValues(where, specs, parts))) violations.push(...prismViolations(validate.errors, where));
    }
    return violations;
  };
}

/** Ajv as Prism configures it (its draft-07 default, which Prism also uses for OpenAPI 3.1 documents). */
async function loadCompilers(): Promise<Compilers> {
  const [{ default: ajvModule }, { default: formatsModule }] = await Promise.all([
    import("ajv"),
    import("ajv-formats"),
  ]);
  // CommonJS with `exports.default`: Node hands out module.exports, bundlers its default; both carry `.default`.
  const Ajv = ajvModule.default;
  const addFormats = formatsModule.default;
  const options = { allErrors: true, allowUnionTypes: true, allowMatchingProperties: true, strict: false } as const;
  const [coerce, plain] = [
    new Ajv({ ...options, coerceTypes: true, logger: false }),
    new Ajv({ ...options, logger: false }),
  ];
  for (const ajv of [coerce, plain]) {
    addFormats(ajv);
    ajv.addFormat("date-time", prismDateTime);
  }
  return {
    params: (schema) => coerce.compile(schema) as Validator,
    body: (schema) => plain.compile(schema) as Validator,
  };
}

/** Prism's schema of one location's parameters: an object keyed by the lower-cased names. */
function paramsSchema(specs: readonly MockParameter[]): ValidationSchema {
  return {
    type: "object",
    properties: Object.fromEntries(specs.map((p) => [p.name.toLowerCase(), p.schema ?? {}])),
    required: specs.filter((p) => p.required).map((p) => p.name.toLowerCase()),
  };
}

/** The request's values of those parameters (form style for the query, simple for headers and path). */
function paramValues(where: ParamLocation, specs: readonly MockParameter[], parts: RequestParts) {
  const values: Record<string, unknown> = {};
  for (const spec of specs) {
    const isArray = typeof spec.schema === "object" && spec.schema.type === "array";
    let value: unknown;
    if (where === "query") {
      const all = parts.url.searchParams.getAll(spec.name);
      value = all.length === 0 ? undefined : isArray ? all : all[0];
    } else {
      const raw = where === "header" ? parts.headers.get(spec.name) : parts.pathParams[spec.name];
      value = raw === null || raw === undefined ? undefined : isArray ? raw.split(",") : raw;
    }
    if (value !== undefined) values[spec.name.toLowerCase()] = value;
  }
  return values;
}

/** Ajv's errors in Prism's words (its convertAjvErrors): `Request body property stage must be integer`. */
function prismViolations(errors: readonly AjvError[] | null | undefined, prefix: string): Violation[] {
  return (errors ?? []).map((error) => {
    const path = error.instancePath.split("/").filter((segment) => segment !== "");
    const kind = path.length > 0 ? (prefix === "body" ? "property " : "parameter ") : "";
    const allowed = Array.isArray(error.params.allowedValues) ? `: ${error.params.allowedValues.join(", ")}` : "";
    const extra =
      typeof error.params.additionalProperty === "string" ? `; found '${error.params.additionalProperty}'` : "";
    const where = `Request ${prefix} ${kind}${path.join(".").trim()}${path.length > 0 ? " " : ""}`;
    return {
      location: [prefix, ...path],
      severity: "Error",
      code: error.keyword,
      message: `${where}${error.message ?? ""}${allowed}${extra}`,
    };
  });
}
