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
/** Where an inferred node's own constraints also live: its alternatives, and a parameter's schema. */
const SAME_VALUE = new Set(["anyOf", "oneOf", "allOf", "schema"]);

/**
 * A copy of `value` in which every node marked `x-inferred: true` — a schema with its anyOf/oneOf/allOf branches, or
 * a parameter with its schema — carries no constraint keyword. Shared and circular nodes stay shared and circular.
 */
export function advisoryOnly<T>(value: T): T {
  const copies = [new WeakMap<object, unknown>(), new WeakMap<object, unknown>()] as const;
  const copy = (node: unknown, inherited: boolean): unknown => {
    if (!isObj(node)) return node;
    const memo = copies[inherited ? 1 : 0];
    const done = memo.get(node);
    if (done !== undefined) return done;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      memo.set(node, out);
      for (const item of node) out.push(copy(item, inherited));
      return out;
    }
    const out: Obj = {};
    memo.set(node, out);
    const inferred = inherited || node["x-inferred"] === true;
    for (const [key, child] of Object.entries(node)) {
      if (inferred && (CONSTRAINT_KEYWORDS as readonly string[]).includes(key)) continue;
      out[key] = copy(child, inferred && SAME_VALUE.has(key));
    }
    return out;
  };
  return copy(value, false) as T;
}
