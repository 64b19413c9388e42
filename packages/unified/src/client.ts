// createUnifiedClient(vendorClient, mapping): one object per entity with list/get, the three writes, and
// capabilities(). Everything vendor-specific comes from the mapping (generated from the vendor's spec).
import { ScrmConfigError } from "@scrm-openapi/core";
import { type Capabilities, capabilitiesOf } from "./capabilities.js";
import { type DefinitionStore, definitionStore } from "./definitions.js";
import type { Entities } from "./entities.js";
import { UnifiedInputError, UnifiedUnsupportedError } from "./errors.js";
import { ENTITIES, type EntityName } from "./fields.js";
import { type GetOptions, getPlan, getRecord } from "./get.js";
import { type ListOptions, listRecords, SCOPES } from "./list.js";
import type { ReadBlock, VendorMapping } from "./mapping.js";
import type { RequestClient } from "./request.js";
import { listBlock, readBlocks } from "./select.js";
import { runWrite, type WriteOptions, type WriteResult } from "./write.js";

export interface UnifiedListOptions extends ListOptions {
  /** Embedded records to fetch for each listed record when the list omits them (e.g. `["followRelations"]`): one
   * `get` per record; a failed one leaves the record `partial` with the failure in `failedJoins`. */
  readonly include?: readonly string[];
}

export interface EntityClient<E extends EntityName> {
  /** Every record, paged for you. */
  list(options?: UnifiedListOptions): AsyncGenerator<Entities[E], void, undefined>;
  get(id: string, options?: GetOptions): Promise<Entities[E]>;
}

export interface TagCustomerInput {
  readonly customerId: string;
  readonly tagIds?: readonly string[];
  readonly staffId?: string;
  readonly [field: string]: unknown;
}

export interface CreateOpportunityInput {
  readonly name?: string;
  readonly customerId?: string;
  readonly ownerStaffId?: string;
  readonly stageId?: string;
  readonly pipelineId?: string;
  readonly [field: string]: unknown;
}

export interface AddActivityInput {
  readonly content: string;
  readonly customerId?: string;
  readonly opportunityId?: string;
  readonly staffId?: string;
  readonly title?: string;
  readonly createdAt?: string;
  readonly [field: string]: unknown;
}

export type UnifiedClient = { readonly [E in EntityName]: EntityClient<E> } & {
  readonly vendor: string;
  tagCustomer(input: TagCustomerInput, options?: WriteOptions): Promise<WriteResult>;
  createOpportunity(input: CreateOpportunityInput, options?: WriteOptions): Promise<WriteResult>;
  addActivity(input: AddActivityInput, options?: WriteOptions): Promise<WriteResult>;
  /** What this vendor supports per entity, operation and field. */
  capabilities(): Capabilities;
};

/** Options of a unified client. */
export interface UnifiedClientOptions {
  /**
   * Deadline of the call listing a vendor's custom-field definitions (listed once per client, where the mapping
   * resolves custom fields against them), in ms; default 10,000. When it passes, records come back `partial`.
   */
  readonly definitionsDeadlineMs?: number;
}

type Rec = Record<string, unknown>;

/** An entity listed inside another's record (a customer's follow relations): list it by that parent's get. */
async function* listEmbedded(
  client: RequestClient,
  mapping: VendorMapping,
  entity: EntityName,
  options: UnifiedListOptions,
  definitions: DefinitionStore,
): AsyncGenerator<Rec> {
  const where = { vendor: mapping.vendor, entity, operation: "list" };
  const parent = mapping.blocks.find(
    (b): b is ReadBlock => b.kind === "get" && (b.embedded ?? []).some((e) => e.entity === entity),
  );
  if (!parent) yield* listRecords(client, mapping, undefined, entity, options, definitions);
  else {
    const scope = `${parent.entity}Id`;
    const parentId = (options as Rec)[scope];
    if (typeof parentId !== "string")
      throw new UnifiedInputError(
        where,
        scope,
        `${mapping.vendor} lists ${entity} records inside a ${parent.entity}: pass ${scope}`,
      );
    if (options.updatedAfter !== undefined)
      throw new UnifiedUnsupportedError(
        where,
        `${mapping.vendor} gives ${entity} records no update time`,
        "updatedAfter",
      );
    const record = await getRecord(client, mapping.vendor, parent, parent.entity, parentId, options, definitions);
    const field = parent.embedded?.find((e) => e.entity === entity)?.field ?? "";
    yield* (record[field] as Rec[] | undefined) ?? [];
  }
}

/** Fills `include`d embedded fields by one get per record; a failed get marks the record partial. */
async function withJoins(
  client: RequestClient,
  mapping: VendorMapping,
  entity: EntityName,
  record: Rec,
  include: readonly string[],
  options: GetOptions,
  definitions: DefinitionStore,
): Promise<Rec> {
  const get = readBlocks(mapping, entity, "get").find((b) => b.idParam);
  const missing = include.filter((field) => record[field] === undefined);
  if (missing.length === 0) return record;
  const joinable = missing.filter((field) => get?.embedded?.some((e) => e.field === field));
  if (!get || joinable.length < missing.length) {
    const field = missing.find((f) => !joinable.includes(f)) ?? missing[0];
    throw new UnifiedUnsupportedError(
      { vendor: mapping.vendor, entity, operation: "list" },
      `${mapping.vendor} gives no ${field} for a ${entity}`,
      field,
    );
  }
  try {
    const full = await getRecord(client, mapping.vendor, get, entity, String(record.id), options, definitions);
    return { ...record, ...Object.fromEntries(joinable.map((f) => [f, full[f]])) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = joinable.map((field) => ({ field, operationId: get.operationId, message }));
    return { ...record, partial: true, failedJoins: [...((record.failedJoins as unknown[]) ?? []), ...failed] };
  }
}

function entityClient(
  client: RequestClient,
  mapping: VendorMapping,
  entity: EntityName,
  definitions: DefinitionStore,
): EntityClient<EntityName> {
  // The get plan is resolved once, here: a call goes straight to it.
  const plan = getPlan(
    mapping.vendor,
    readBlocks(mapping, entity, "get").find((b) => b.idParam),
    entity,
  );
  return {
    async *list(options = {}) {
      const scopes = SCOPES.filter((s) => options[s] !== undefined);
      const block = listBlock(mapping, entity, scopes, options.updatedAfter !== undefined);
      const records = block
        ? listRecords(client, mapping, block, entity, options, definitions)
        : listEmbedded(client, mapping, entity, options, definitions);
      const getOptions = { ...(options.signal ? { signal: options.signal } : {}) };
      for await (const record of records) {
        const joined = options.include?.length
          ? await withJoins(client, mapping, entity, record, options.include, getOptions, definitions)
          : record;
        yield joined as never;
      }
    },
    get(id, options) {
      return plan(client, id, options, definitions) as Promise<never>;
    },
  };
}

/**
 * A unified client over a vendor client: `createUnifiedClient(createWeibanClient(…), weibanUnified)`, the mapping
 * imported from the vendor package's `/unified` subpath. Calls go through the vendor client (auth, limits, retries,
 * typed errors); records come back in the unified model.
 */
export function createUnifiedClient(
  vendorClient: RequestClient,
  mapping: VendorMapping,
  options: UnifiedClientOptions = {},
): UnifiedClient {
  const vendor = vendorClient.meta.vendor.id;
  if (vendor !== mapping.vendor) {
    throw new ScrmConfigError(vendor, "mapping", `is the ${mapping.vendor} mapping; pass the one of ${vendor}`);
  }
  const deadlineMs = options.definitionsDeadlineMs ?? 10_000;
  if (!(Number.isFinite(deadlineMs) && deadlineMs > 0)) {
    throw new ScrmConfigError(vendor, "definitionsDeadlineMs", "must be a positive number of milliseconds");
  }
  const definitions = definitionStore(vendorClient, deadlineMs);
  const entities = Object.fromEntries(ENTITIES.map((e) => [e, entityClient(vendorClient, mapping, e, definitions)]));
  return {
    ...(entities as { [E in EntityName]: EntityClient<E> }),
    vendor,
    tagCustomer: (input, options = {}) => runWrite(vendorClient, mapping, "customer", "tag", input, options),
    createOpportunity: (input, options = {}) =>
      runWrite(vendorClient, mapping, "opportunity", "create", input, options),
    addActivity: (input, options = {}) => runWrite(vendorClient, mapping, "activity", "create", input, options),
    capabilities: () => capabilitiesOf(mapping),
  };
}
