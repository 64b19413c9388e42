// @scrm-openapi/core/stores: what a token or rate-limit store implements (@scrm-openapi/redis builds on it), and the
// one place store keys are built, so every store of a service agrees on them.

export { abortable, sleep } from "./abort.js";
export { blockKey, concurrencyKey, limitPrefix, rateKey, refreshLockKey, tokenKey } from "./keys.js";
export { MemoryRateLimitStore } from "./limit/memory-store.js";
export {
  type Admission,
  BUCKETS,
  bucketWidth,
  type ConcurrencyRule,
  type Lease,
  type RateLimitStore,
  type RateRule,
  type Refusal,
} from "./limit/types.js";
export type { FetchedToken, StoredToken, TokenStore } from "./token.js";
