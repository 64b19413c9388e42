// `@scrm-openapi/unified/schemas`: a JSON Schema (draft 2020-12) per entity, built from the model table, with each
// field's meaning in Chinese and English — for validating stored records or generating a warehouse's tables.
import { ENTITIES, type EntityName, type FieldType, MODEL } from "./model.js";

type JsonSchema = Record<string, unknown>;

const ID_PATTERN = "^[^:]+:[^:]+:.*$";

function typeSchema(type: FieldType): JsonSchema {
  if (type === "datetime") return { type: "string", format: "date-time" };
  if (typeof type === "string") return { type };
  if ("ref" in type) return { type: "string", pattern: `^[^:]+:${type.ref}:.*$` };
  if ("enum" in type) return { enum: [...type.enum] };
  const item = type.list;
  if (item === "string") return { type: "array", items: { type: "string" } };
  if ("ref" in item) return { type: "array", items: typeSchema(item) };
  return { type: "array", items: { $ref: `#/$defs/${item.entity}` } };
}

function entitySchema(entity: EntityName): JsonSchema {
  const doc = MODEL[entity];
  const properties: Record<string, JsonSchema> = {
    id: {
      type: "string",
      pattern: ID_PATTERN,
      description: "统一 id <vendor>:<entity>:<编码后的厂商 id> / unified id",
    },
    vendor: { type: "string", description: "厂商 / vendor id" },
    entity: { const: entity },
    remoteId: { type: "string", description: "厂商自己的 id / the vendor's own id" },
    customFields: {
      type: "array",
      description: "自定义字段 / custom fields",
      items: {
        type: "object",
        required: ["key", "value"],
        properties: { key: { type: "string" }, label: { type: "string" }, type: { type: "string" }, value: {} },
      },
    },
    raw: { description: "厂商原始记录(includeRaw 时) / the vendor's record, with includeRaw" },
    partial: { const: true, description: "有关联查询失败,见 failedJoins / a join failed, see failedJoins" },
    failedJoins: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "operationId", "message"],
        properties: { field: { type: "string" }, operationId: { type: "string" }, message: { type: "string" } },
      },
    },
  };
  for (const [name, field] of Object.entries(doc.fields)) {
    properties[name] = { ...typeSchema(field.type), description: `${field.zh} / ${field.en}` };
  }
  return {
    type: "object",
    title: `${doc.zh} / ${doc.en}`,
    required: ["id", "vendor", "entity", "remoteId"],
    additionalProperties: false,
    properties,
  };
}

/** One JSON Schema document: `$defs.<entity>` for each entity (they refer to each other). */
export const unifiedSchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://scrm-openapi.dev/schemas/unified.schema.json",
  title: "scrm-openapi unified model / 统一模型",
  $defs: Object.fromEntries(ENTITIES.map((e) => [e, entitySchema(e)])),
};
