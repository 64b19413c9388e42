// @scrm-openapi/unified: one model across the WeCom SCRM clients. The engine is vendor-neutral: each vendor's mapping
// is data generated from its spec's x-unified blocks (import it from `@scrm-openapi/<vendor>/unified`). JSON Schemas
// of the entities are in the `./schemas` subpath (not bundled with the client).
export { type Capabilities, capabilitiesOf, type EntityCapabilities, type FieldSupport } from "./capabilities.js";
export {
  type AddActivityInput,
  type CreateOpportunityInput,
  createUnifiedClient,
  type EntityClient,
  type TagCustomerInput,
  type UnifiedClient,
  type UnifiedClientOptions,
  type UnifiedListOptions,
} from "./client.js";
export type * from "./entities.js";
export {
  UnifiedDataError,
  type UnifiedErrorContext,
  UnifiedIdError,
  UnifiedInputError,
  UnifiedNotFoundError,
  UnifiedUnsupportedError,
} from "./errors.js";
export { ENTITIES, type EntityName, FIELDS, type FieldType } from "./fields.js";
export type { GetOptions } from "./get.js";
export { formatId, parseId } from "./id.js";
export type { ListOptions } from "./list.js";
export type * from "./mapping.js";
export { type EntityDoc, type FieldDoc, MODEL } from "./model.js";
export type { RequestClient } from "./request.js";
export type { WriteOptions, WriteResult } from "./write.js";
