// The state of one vendor's seeded dataset and what every part of it reads: the operations' examples as templates,
// each operation's answer frame, and a seeded random stream per purpose.
import type { MockData, MockOperation, MockRole } from "../types.js";
import { isRecord } from "./paths.js";
import { createRandom, type Random } from "./random.js";
import { PLACEHOLDER, realistic } from "./values.js";

export type Rec = Record<string, unknown>;

export interface Entity {
  /** The id field records are keyed by (the first one the entity's operations name). */
  readonly idPath: string | undefined;
  /** Every id field the entity's operations name (a list's `group_id` is a get's `group_chat_id`). */
  readonly idPaths: readonly string[];
  /** One record as the examples show it: the fields of every list and get example merged. */
  readonly template: Rec;
  readonly records: Map<string, Rec>;
  created: number;
}

export interface State {
  readonly data: MockData;
  readonly entities: Map<string, Entity>;
  readonly frames: Map<string, unknown>;
  readonly lists: Map<string, unknown[]>;
  /** A random stream of its own for each purpose, so what one request makes never shifts what another gets. */
  random(...parts: (string | number)[]): Random;
}

export function createState(data: MockData, seed: number): State {
  return {
    data,
    entities: new Map(),
    frames: new Map(),
    lists: new Map(),
    random: (...parts) => createRandom([data.vendor, seed, ...parts].join(":")),
  };
}

/** A usable role: a plain records path and a plain id (composite and nested ids stay with their examples). */
export const usable = (role: MockRole): boolean =>
  !/\[\]|\$|,|\|/.test(`${role.records ?? ""}${role.id ?? ""}`) && (role.kind !== "get" || Boolean(role.idParam));

/** How many records a list holds: 11–49, never a round number, so a page of 10 or 20 always ends short. */
export function listSize(r: Random): number {
  const n = r.int(11, 49);
  return n % 10 === 0 ? n + 1 : n;
}

/** The operation's first example (its success), or a stand-in shaped by its schema. */
export function template(op: MockOperation): unknown {
  const first = Object.values(op.examples)[0];
  return structuredClone(first ?? schemaTemplate(op.schema));
}

export function recordsPath(op: MockOperation, role: MockRole): string | undefined {
  return role.records ?? op.pagination?.itemsField;
}

/** The answer around the records: the envelope's own fields as the example has them, the rest made realistic. */
export function frame(state: State, op: MockOperation): unknown {
  if (!state.frames.has(op.operationId)) {
    const t = template(op);
    const r = state.random(op.operationId);
    const hint = `${op.path} ${op.roles?.[0]?.entity ?? ""}`.toLowerCase();
    const envelope = (value: unknown, field: string) => {
      if (value && typeof value === "object") return realistic(value, r, { field, hint });
      return typeof value === "string" && PLACEHOLDER.test(value) ? "success" : value;
    };
    state.frames.set(
      op.operationId,
      isRecord(t) ? Object.fromEntries(Object.entries(t).map(([k, v]) => [k, envelope(v, k)])) : t,
    );
  }
  return structuredClone(state.frames.get(op.operationId));
}

/** A stand-in example for an operation the spec gives none: the schema's shape, strings marked to be replaced. */
export function schemaTemplate(schema: unknown, depth = 0): unknown {
  if (!isRecord(schema) || depth > 8) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const choices = ((schema.anyOf ?? schema.oneOf) as unknown[] | undefined)?.slice(0, 1) ?? [];
  const parts = [...((schema.allOf as unknown[] | undefined) ?? []), ...choices];
  if (parts.length > 0) return Object.assign({}, ...parts.map((p) => schemaTemplate(p, depth + 1)).filter(isRecord));
  const type =
    [schema.type].flat().find((t) => t !== "null") ??
    (schema.properties ? "object" : schema.items ? "array" : "string");
  if (type === "object") {
    const properties = Object.entries((schema.properties as Rec | undefined) ?? {});
    return Object.fromEntries(properties.map(([k, v]) => [k, schemaTemplate(v, depth + 1)]));
  }
  if (type === "array") return [schemaTemplate(schema.items, depth + 1)];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  return "string";
}
