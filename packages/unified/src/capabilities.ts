// What a vendor's mapping supports, per entity, operation and field — the data behind capabilities() and the docs'
// field-coverage matrix. A field is "mapped" when a vendor field carries it, "derived" when it comes from the
// enclosing record or a constant, "not-available" otherwise.

import { ENTITIES, type EntityName, FIELDS } from "./fields.js";
import type { FieldRule, ReadBlock, VendorMapping, WriteBlock } from "./mapping.js";

export type FieldSupport = "mapped" | "derived" | "not-available";

export interface EntityCapabilities {
  readonly list:
    | false
    | {
        readonly operationIds: readonly string[];
        /** Where `updatedAfter` is applied: by the vendor (and re-checked), only here, or not at all. */
        readonly updatedAfter: "server" | "client" | false;
        readonly scopes: readonly string[];
        readonly pageSize: boolean;
      };
  readonly get: false | { readonly operationId: string };
  readonly writes: readonly {
    readonly action: WriteBlock["action"];
    readonly operationId: string;
    readonly inputs: readonly string[];
    readonly required: readonly string[];
  }[];
  /** The operation whose field definitions label the custom fields, where the records carry keys only. */
  readonly customFieldDefinitions: false | { readonly operationId: string };
  /** Every model field (and `customFields`) with how this vendor provides it. */
  readonly fields: Readonly<Record<string, FieldSupport>>;
}

export interface Capabilities {
  readonly vendor: string;
  readonly entities: Readonly<Record<EntityName, EntityCapabilities>>;
}

const isDerived = (rule: FieldRule) => rule.derived === true || rule.path.startsWith("$parent.");

function fieldSupport(mapping: VendorMapping, entity: EntityName): Record<string, FieldSupport> {
  const rules: Record<string, FieldRule[]> = {};
  let custom = false;
  for (const block of mapping.blocks) {
    if (block.kind === "write") continue;
    const shapes = [block, ...(block.embedded ?? [])].filter((s) => s.entity === entity);
    for (const shape of shapes) {
      for (const [name, rule] of Object.entries(shape.fields)) {
        rules[name] = [...(rules[name] ?? []), rule];
      }
      if ("customFields" in shape && shape.customFields) custom = true;
      // Records embedded in this one (a customer's follow relations) fill a field of it.
      for (const inner of "embedded" in shape ? (shape.embedded ?? []) : []) {
        rules[inner.field] = [...(rules[inner.field] ?? []), { path: inner.records }];
      }
    }
  }
  const fields: Record<string, FieldSupport> = {};
  for (const name of [...Object.keys(FIELDS[entity]), "customFields"]) {
    const found = name === "customFields" ? (custom ? [{ path: name }] : []) : (rules[name] ?? []);
    fields[name] = found.length === 0 ? "not-available" : found.some((r) => !isDerived(r)) ? "mapped" : "derived";
  }
  // An entity embedded in another's record is listed through its parent (a customer's follow relations).
  return fields;
}

function entityCapabilities(mapping: VendorMapping, entity: EntityName): EntityCapabilities {
  const reads = mapping.blocks.filter((b): b is ReadBlock => b.kind !== "write" && b.entity === entity);
  const lists = reads.filter((b) => b.kind === "list");
  const get = reads.find((b) => b.kind === "get" && b.idParam);
  const embeddedIn = mapping.blocks.find(
    (b): b is ReadBlock => b.kind === "get" && (b.embedded ?? []).some((e) => e.entity === entity),
  );
  const listing =
    lists.length > 0
      ? {
          operationIds: lists.map((b) => b.operationId),
          updatedAfter: lists.some((b) => b.updatedAfter)
            ? ("server" as const)
            : lists.some((b) => b.fields.updatedAt)
              ? ("client" as const)
              : (false as const),
          scopes: [...new Set(lists.flatMap((b) => Object.keys(b.scope ?? {})))],
          pageSize: lists.some((b) => b.pageSize),
        }
      : embeddedIn
        ? {
            operationIds: [embeddedIn.operationId],
            updatedAfter: false as const,
            scopes: [`${embeddedIn.entity}Id`],
            pageSize: false,
          }
        : false;
  const definitions = reads.find((b) => b.customFields?.definitions)?.customFields?.definitions;
  return {
    list: listing,
    get: get ? { operationId: get.operationId } : false,
    customFieldDefinitions: definitions ? { operationId: definitions.operationId } : false,
    writes: mapping.blocks
      .filter((b): b is WriteBlock => b.kind === "write" && b.entity === entity)
      .map((b) => ({
        action: b.action,
        operationId: b.operationId,
        inputs: Object.keys(b.input),
        required: b.required ?? [],
      })),
    fields: fieldSupport(mapping, entity),
  };
}

/** Per entity: which operations serve list, get and writes, and how each model field is provided. */
export function capabilitiesOf(mapping: VendorMapping): Capabilities {
  const entities = Object.fromEntries(ENTITIES.map((e) => [e, entityCapabilities(mapping, e)])) as Record<
    EntityName,
    EntityCapabilities
  >;
  return { vendor: mapping.vendor, entities };
}
