// @scrm-openapi/core for apps: what they catch (the error classes), pass (client, retry and rate-limit options, a
// token store, layers) and extend (Layer/Call). It withholds, by audience:
// - `@scrm-openapi/core/vendor`: what generated vendor packages build clients from (createVendorClient, tokenAuth,
//   signatureAuth, createLimiter, createPaginate, Runtime, the spec metadata types);
// - `@scrm-openapi/core/stores`: what a shared store implements (StoredToken, RateLimitStore, Admission, Lease, BUCKETS,
//   the key builders), e.g. @scrm-openapi/redis;
// - `@scrm-openapi/core/webhooks`: the Node-only callback receivers;
// - `@scrm-openapi/core/otel`: OpenTelemetry spans (`tracing: openTelemetry()`), the one entry importing the optional
//   peer @opentelemetry/api.
export type { VendorClient } from "./client.js";
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
export type { RateLimitOptions } from "./limit/types.js";
export type { LogLevel, LogRecord } from "./log.js";
export type { CommonClientOptions, RetryOptions } from "./options.js";
export type { PageInit, PageItem, Paginate, PaginatedPath, PaginateOptions } from "./paginate.js";
export type {
  Call,
  CallSettings,
  Layer,
  Logger,
  Outcome,
  ResolvedRetry,
  Send,
  TracedClient,
  Tracing,
} from "./pipeline/types.js";
export { type ClientPool, type ClientPoolOptions, type Closable, createClientPool } from "./pool.js";
export { type FetchedToken, MemoryTokenStore, type TokenStore } from "./token.js";
export type { CallOptions, OkClient, OkMetadata, OkMethod, OkResponse, OkResult } from "./typed-client.js";
