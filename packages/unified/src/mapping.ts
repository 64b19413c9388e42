// What a vendor's generated `unified.ts` holds: its spec's x-unified blocks, completed by codegen with each
// operation's method, path, pagination and parameter locations. The engine (client.ts) interprets this data and
// nothing else, so no vendor name appears in this package's code.
import type { PaginationMeta } from "@scrm-openapi/core/vendor";
import type { EntityName } from "./fields.js";

/** How a vendor writes a time: Unix seconds, Unix milliseconds, a `yyyy-MM-dd` date or an ISO 8601 text. */
export type TimeUnit = "s" | "ms" | "date" | "iso";

/**
 * Where a unified field comes from. A dotted path into the record (`$parent.` reads the enclosing record, `[]` maps a
 * list); `time` converts to ISO 8601; `ref` turns a remote id into that entity's unified id; `values` maps codes.
 */
export interface FieldRule {
  readonly path: string;
  readonly time?: TimeUnit;
  readonly ref?: EntityName;
  readonly values?: Readonly<Record<string, string>>;
  /** Derived (not a field the vendor sends as such): a constant or a value from the enclosing record. */
  readonly derived?: boolean;
}

/** How custom fields are read: a list of `{key, label, type, value}` items, or an object keyed by field key. */
export interface CustomFieldRule {
  readonly path: string;
  readonly key?: string;
  readonly label?: string;
  readonly type?: string;
  readonly value?: string;
  /** The operation listing the vendor's field definitions: label and type are filled from them by key. */
  readonly definitions?: DefinitionsRule;
}

/** Where a vendor lists its custom-field definitions, and which paths of each give key, label and type. */
export interface DefinitionsRule extends OperationRef {
  readonly records: string;
  readonly key: string;
  readonly label: string;
  readonly type?: string;
  readonly pagination?: PaginationMeta;
}

/** A remote id: one path, or several for a composite id (a relation's customer and staff). */
export type IdRule = string | readonly string[];

/** Records carried inside another record (a customer's follow relations). */
export interface EmbeddedRule {
  readonly field: string;
  readonly entity: EntityName;
  readonly records: string;
  readonly id: IdRule;
  readonly fields: Readonly<Record<string, FieldRule>>;
}

/** A request parameter: its name, where it goes, its wire type (ids are text in the model). */
export interface ParamRule {
  readonly name: string;
  readonly in: "query" | "body" | "path";
  readonly type: "string" | "integer" | "number";
  /** The parameter is a list (the engine sends one value in it). */
  readonly list?: boolean;
  /** What the value means, for a write input: a unified id of this entity (decoded to the remote id). */
  readonly ref?: EntityName;
  readonly time?: TimeUnit;
}

interface OperationRef {
  readonly operationId: string;
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
  /** The operation takes a JSON body (sent as `{}` when the mapping puts nothing in it). */
  readonly body?: boolean;
  /** Constant parameters the operation needs for this mapping (`source: external_user`). */
  readonly fixed?: readonly { readonly param: ParamRule; readonly value: unknown }[];
  /** x-note of the block: what was inferred and why. */
  readonly note?: string;
}

export interface ReadBlock extends OperationRef {
  readonly entity: EntityName;
  readonly kind: "list" | "get";
  /** Where the records sit in the answer: a list (list) or one record or a list to search (get). */
  readonly records: string;
  readonly id: IdRule;
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly customFields?: CustomFieldRule;
  readonly embedded?: readonly EmbeddedRule[];
  /** Walks pages by the operation's x-pagination; absent: one call answers everything. */
  readonly pagination?: PaginationMeta;
  /** list: the server-side filter for records changed after a time. */
  readonly updatedAfter?: ParamRule;
  /** list: the page-size parameter and its documented maximum. */
  readonly pageSize?: { readonly param: ParamRule; readonly max?: number };
  /** list: filters naming a parent (customerId, opportunityId…) → the parameter carrying its remote id. */
  readonly scope?: Readonly<Record<string, ParamRule>>;
  /** list: the vendor needs one of the scope filters (a customer's events): a call without one is refused. */
  readonly scopeRequired?: boolean;
  /** get: the parameter carrying the remote id. */
  readonly idParam?: ParamRule;
}

export interface WriteBlock extends OperationRef {
  readonly entity: EntityName;
  readonly kind: "write";
  /** `create` a record of the entity, or `tag` one (add tags to a customer). */
  readonly action: "create" | "tag";
  /** Unified input field → the parameter it is sent as. */
  readonly input: Readonly<Record<string, ParamRule>>;
  /** Input fields the vendor's page requires. */
  readonly required?: readonly string[];
  /** Where the new record's remote id is in the answer, when the vendor returns it. */
  readonly resultId?: string;
}

export type MappingBlock = ReadBlock | WriteBlock;

/** One vendor's mapping, generated into packages/<vendor>/src/generated/unified.ts from its spec's x-unified. */
export interface VendorMapping {
  readonly vendor: string;
  readonly blocks: readonly MappingBlock[];
}
