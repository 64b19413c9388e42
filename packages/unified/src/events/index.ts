// @scrm-openapi/unified/events: a vendor's webhooks as normalized events (customer.*, follow.*, tag.*, opportunity.*,
// groupChat.*). The rules come from the vendor's spec (x-unified-event), generated into `events` of
// `@scrm-openapi/<vendor>/unified`; nothing here names a vendor.
export { createNormalizer } from "./normalize.js";
export type * from "./types.js";
export { type NormalizedEvents, withNormalizedEvents } from "./webhooks.js";
