// Redis-backed stores for scrm-openapi clients, shared by every process of a service. ioredis is a peer dependency:
// clients that do not import this package pull in neither Redis nor its types.
export type { RedisConnection } from "./connection.js";
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from "./rate-limit-store.js";
export { RedisReplayGuard } from "./replay-guard.js";
export { RedisTokenStore, type RedisTokenStoreOptions } from "./token-store.js";
