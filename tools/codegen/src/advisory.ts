// A constraint the source does not state is marked `x-inferred: true` on its schema or parameter: listed in the docs,
// advisory, never enforced. What validates requests (the Prism host, the MSW handlers' validator) validates against a
// copy in which such nodes have lost their constraint keywords. No imports: the mock host bundles this file.

/** The keywords that constrain a value beyond its type (what the deviation check calls a constraint). */
export const CONSTRAINT_KEYWORDS = [
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "format",
] as const;

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null;

function strip(node: Obj): Obj {
  const out: Obj = { ...node };
  for (const key of CONSTRAINT_KEYWORDS) delete out[key];
  return out;
}

/**
 * A copy of `value` in which every node marked `x-inferred: true` — a schema, or a parameter together with its
 * schema — carries no constraint keyword. Shared and circular nodes stay shared and circular.
 */
export function advisoryOnly<T>(value: T): T {
  const copies = new WeakMap<object, unknown>();
  const copy = (node: unknown): unknown => {
    if (!isObj(node)) return node;
    const done = copies.get(node);
    if (done !== undefined) return done;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      copies.set(node, out);
      for (const item of node) out.push(copy(item));
      return out;
    }
    const out: Obj = {};
    copies.set(node, out);
    const inferred = node["x-inferred"] === true;
    for (const [key, child] of Object.entries(node)) {
      if (inferred && (CONSTRAINT_KEYWORDS as readonly string[]).includes(key)) continue;
      out[key] = inferred && key === "schema" && isObj(child) ? copy(strip(child)) : copy(child);
    }
    return out;
  };
  return copy(value) as T;
}
