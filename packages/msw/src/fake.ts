// Seeded, realistic zh-CN values for what a spec gives no example of: the answer of an operation without one, and the
// server-assigned fields of a record created through a mock (ids, numbers). Same seed, same values, run after run.
import { base, Faker } from "@faker-js/faker";
import { zhCN } from "./generated/zh-cn.js";

/** The subset of JSON Schema the generator keeps for operations without an example (refs already inlined). */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly example?: unknown;
  readonly examples?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
}

/** Every fake date is relative to this instant, not to "now": data must not change from one day to the next. */
const REFERENCE_DATE = new Date("2025-06-01T10:00:00+08:00");

/**
 * A Faker with zh_CN's data (generated/zh-cn.ts) and base for the rest, seeded and pinned to a fixed date. Not faker's
 * own zh_CN export: importing it bundles the English locale too.
 */
export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [zhCN, base] });
  faker.seed(seed);
  faker.setDefaultRefDate(REFERENCE_DATE);
  return faker;
}

/** A mainland mobile number (11 digits, 13x–19x): faker's zh_CN phone format is a landline. */
export function fakeMobile(faker: Faker): string {
  return `1${faker.helpers.arrayElement(["3", "5", "7", "8", "9"])}${faker.string.numeric(9)}`;
}

/** An opaque id in the style of these vendors' ids (URL-safe base64-like). */
export function fakeId(faker: Faker, length = 32): string {
  return faker.string.fromCharacters("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", length);
}

const pad = (n: number) => String(n).padStart(2, "0");
/** yyyy-MM-dd in China time (UTC+8), the vendors' date format. */
export function chinaDate(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A value for `schema`: its own example where it has one, otherwise one picked by type, format and field name
 * (名称 → 公司/人名, mobile → 手机号, *_time → ms timestamp, …). Objects get every property, arrays two items.
 */
export function fakeFromSchema(faker: Faker, schema: JsonSchema | undefined, field = "", depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.examples?.length) return structuredClone(schema.examples[0]);
  if (schema.enum?.length) return faker.helpers.arrayElement(schema.enum);
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => fakeFromSchema(faker, s, field, depth + 1));
    return parts.every((p) => p && typeof p === "object" && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return fakeFromSchema(faker, choice, field, depth + 1);
  const types = typeof schema.type === "string" ? [schema.type] : (schema.type ?? []);
  const type = types.find((t) => t !== "null") ?? (schema.properties ? "object" : schema.items ? "array" : "string");
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [
          key,
          fakeFromSchema(faker, value, key, depth + 1),
        ]),
      );
    case "array":
      return depth > 6 ? [] : [0, 1].map(() => fakeFromSchema(faker, schema.items, field, depth + 1));
    case "integer":
    case "number":
      return fakeNumber(faker, schema, field, type === "integer");
    case "boolean":
      return faker.datatype.boolean();
    default:
      return fakeString(faker, schema, field);
  }
}

function fakeNumber(faker: Faker, schema: JsonSchema, field: string, integer: boolean): number {
  const name = field.toLowerCase();
  if (/(time|_at|timestamp)$/.test(name)) return faker.date.recent({ days: 90 }).getTime();
  const min = schema.minimum ?? 0;
  const max =
    schema.maximum ??
    (/(count|total|num|size)$/.test(name) ? 50 : /(status|type|stage|state)$/.test(name) ? 3 : 10_000);
  return integer ? faker.number.int({ min, max }) : faker.number.float({ min, max, fractionDigits: 2 });
}

function fakeString(faker: Faker, schema: JsonSchema, field: string): string {
  const name = field.toLowerCase();
  if (schema.format === "date") return chinaDate(faker.date.recent({ days: 90 }).getTime());
  if (schema.format === "date-time") return faker.date.recent({ days: 90 }).toISOString();
  if (schema.format === "uri" || schema.format === "url" || /(url|avatar|link|image|img)$/.test(name)) {
    return faker.image.url({ width: 120, height: 120 });
  }
  if (schema.format === "email" || name.endsWith("email")) return faker.internet.email();
  if (/(mobile|phone|tel)$/.test(name)) return fakeMobile(faker);
  if (/(corp|company|enterprise)_?name$/.test(name)) return faker.company.name();
  if (/(nick_?name|user_?name|staff_?name|owner_?name|real_?name|^name)$/.test(name)) return faker.person.fullName();
  if (name.endsWith("name") || name.endsWith("title")) return `${faker.word.noun()}${faker.word.noun()}`;
  if (/(address|addr)$/.test(name))
    return `${faker.location.state()}${faker.location.city()}${faker.location.streetAddress()}`;
  if (name.endsWith("city")) return faker.location.city();
  if (name.endsWith("province")) return faker.location.state();
  if (/(date|day)$/.test(name)) return chinaDate(faker.date.recent({ days: 90 }).getTime());
  if (/(time)$/.test(name)) return faker.date.recent({ days: 90 }).toISOString().slice(0, 19).replace("T", " ");
  if (/(^id|_id|id)$/.test(name) || name.endsWith("ids")) return fakeId(faker, 16);
  if (/(remark|desc|description|content|note|reason|text|memo)$/.test(name)) return faker.commerce.productDescription();
  return faker.word.noun();
}
