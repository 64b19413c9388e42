// @scrm-openapi/core/vendor: what generated vendor packages (`packages/<vendor>/src/generated/client.ts`) build their
// clients from. Apps import `@scrm-openapi/core`; the error classes are re-exported from there.
export { type ClientParts, createVendorClient, type VendorClient } from "./client.js";
export type * from "./meta.js";
export type { CommonClientOptions, VendorClientOptions } from "./options.js";
export { createPaginate } from "./paginate.js";
export { signatureAuth } from "./pipeline/auth-signature.js";
export { type AuthFactory, type AuthSetup, tokenAuth } from "./pipeline/auth-token.js";
export { createLimiter, type Limiter } from "./pipeline/limiter.js";
export type { Runtime } from "./pipeline/runtime.js";
export type { FetchedToken } from "./token.js";
