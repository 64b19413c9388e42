// Real pages over a seeded list, in the operation's x-pagination style: the size the request asks (else the
// parameter's default, its maxLimit, or 20), a short last page, and a total, has-more flag or next cursor that agree
// with the data, so a client's paginate() ends.
import type { MockOperation, MockParameter } from "../types.js";

/** The page size when the request names none and the spec gives no default or maximum (the mock's own choice). */
const DEFAULT_PAGE_SIZE = 20;

export interface Page {
  readonly items: unknown[];
  /** Answer fields to set (dotted paths): total, has-more, next cursor. */
  readonly fields: Record<string, unknown>;
}

const whole = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) ? n : undefined;
};

/** The page the request asks for. `cursorExample` is the example's cursor, whose type the next cursor keeps. */
export function pageOf(
  op: MockOperation,
  items: unknown[],
  read: (name: string) => unknown,
  cursorExample: unknown,
): Page {
  const p = op.pagination;
  if (!p) return { items, fields: {} };
  const sizeParam = p.style === "offset" ? p.limitParam : p.sizeParam;
  const size = Math.max(1, whole(read(sizeParam ?? "")) ?? defaultOf(op, sizeParam) ?? p.maxLimit ?? DEFAULT_PAGE_SIZE);
  const fields: Record<string, unknown> = {};
  let start: number;
  if (p.style === "offset") start = Math.max(0, whole(read(p.offsetParam ?? "")) ?? 0);
  else if (p.style === "page") start = (Math.max(1, whole(read(p.pageParam ?? "")) ?? 1) - 1) * size;
  else start = Math.max(0, whole(read(p.cursorParam ?? "")) ?? 0);
  const more = start + size < items.length;
  if (p.totalField) fields[p.totalField] = items.length;
  if (p.hasMoreField) fields[p.hasMoreField] = more;
  if (p.hasNextField) fields[p.hasNextField] = more;
  if (p.style === "cursor" && p.cursorField) {
    const next = start + size;
    fields[p.cursorField] = typeof cursorExample === "number" ? (more ? next : null) : more ? String(next) : "";
  }
  return { items: items.slice(start, start + size), fields };
}

/** The size parameter's default in the spec, when it states one. */
function defaultOf(op: MockOperation, name: string | undefined): number | undefined {
  if (!name) return undefined;
  const param = op.request?.parameters?.find((x: MockParameter) => x.name === name);
  const schema = param?.schema ?? bodyProperty(op, name);
  const value = typeof schema === "object" && schema ? (schema as { default?: unknown }).default : undefined;
  return whole(value);
}

function bodyProperty(op: MockOperation, name: string): unknown {
  const schema = op.request?.body?.schema;
  if (typeof schema !== "object" || !schema) return undefined;
  return (schema as { properties?: Record<string, unknown> }).properties?.[name];
}
