// The public entry of @scrm-openapi/core: what vendor packages build clients from, and what their users catch, pass
// and extend. Node-only callback receivers live in the `@scrm-openapi/core/webhooks` subpath.
export {
  type ClientParts,
  type CommonClientOptions,
  createVendorClient,
  type RetryOptions,
  type VendorClient,
  type VendorClientOptions,
} from "./client.js";
export {
  type ResponseFailure,
  ScrmAbortError,
  ScrmApiError,
  ScrmConfigError,
  ScrmError,
  type ScrmErrorContext,
  ScrmNetworkError,
  ScrmRateLimitError,
  ScrmResponseError,
  ScrmStoreError,
  ScrmTimeoutError,
  ScrmWebhookError,
  type Violation,
  type WebhookFailure,
} from "./errors.js";
export {
  type Admission,
  BUCKETS,
  bucketWidth,
  type ConcurrencyRule,
  type Lease,
  MemoryRateLimitStore,
  type RateLimitStore,
  type RateRule,
  type Refusal,
} from "./limit.js";
export type * from "./meta.js";
export {
  createPaginate,
  type PageInit,
  type PageItem,
  type Paginate,
  type PaginatedPath,
  type PaginateOptions,
} from "./paginate.js";
export { signatureAuth } from "./pipeline/auth-signature.js";
export { type AuthFactory, type AuthSetup, tokenAuth } from "./pipeline/auth-token.js";
export { createLimiter, type Limiter, type RateLimitOptions } from "./pipeline/limiter.js";
export type { Runtime } from "./pipeline/runtime.js";
export type { Call, CallSettings, Layer, Logger, Outcome, ResolvedRetry, Send } from "./pipeline/types.js";
export { type FetchedToken, MemoryTokenStore, type StoredToken, type TokenStore } from "./token.js";
export type { CallOptions, OkClient, OkMethod, OkResponse } from "./typed-client.js";
