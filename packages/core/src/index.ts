export { type CommonClientOptions, createVendorClient, type VendorClient, type VendorClientOptions } from "./client.js";
export { getPath, lookupCode, readEnvelope } from "./envelope.js";
export {
  ScrmApiError,
  ScrmError,
  type ScrmErrorContext,
  ScrmNetworkError,
  ScrmResponseError,
  ScrmStoreError,
  ScrmTimeoutError,
  StoreError,
} from "./errors.js";
export type { RateLimitOptions } from "./limiter.js";
export type * from "./meta.js";
export { type PageInit, type PageItem, type PaginatedPath, type PaginateOptions, paginate } from "./paginate.js";
export { describeUrl, Redactor } from "./redact.js";
export type { RedisConnection } from "./redis.js";
export { RedisTokenStore, type RedisTokenStoreOptions } from "./redis-token-store.js";
export type { RetryOptions } from "./retry.js";
export { signRequest } from "./signature.js";
export { type FetchedToken, MemoryTokenStore, type StoredToken, TokenProvider, type TokenStore } from "./token.js";
export {
  type Call,
  createTransport,
  type FetchLike,
  type Layer,
  type Logger,
  type Outcome,
  type Send,
} from "./transport.js";
export {
  createWebhookReceiver,
  type HeadersInput,
  type JsonValue,
  type OpenedWebhook,
  parseJsonLossless,
  type QueryInput,
  ScrmWebhookError,
  type TanmaWebhookReceiver,
  type TanmaWebhookSecrets,
  type WebhookFailure,
  type WebhookReceiverFor,
  type WebhookReceiverOptions,
  type WebhookRequest,
  type WebhookSecretsFor,
  type WecomSealed,
  type WecomSealOptions,
  type WecomWebhookReceiver,
  type WecomWebhookSecrets,
} from "./webhook.js";
