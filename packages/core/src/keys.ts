// The one place store keys are built (the memory stores, the Redis stores and their Lua scripts agree on them).
// Every key names the vendor and the account (a digest of the credentials), so a shared store never mixes two
// accounts' tokens or budgets.

const ROOT = "scrm-openapi";

/**
 * The account part of every key: the credentials' digest (or "local" for a client's own memory stores), behind the
 * tenant when a client pool names one, so that a shared store keeps each tenant's tokens and budgets apart.
 */
export const accountName = (tenant: string | undefined, digest: string) =>
  tenant === undefined ? digest : `tenant=${encodeURIComponent(tenant)}:${digest}`;

/** The cached access token of one account. */
export const tokenKey = (vendor: string, account: string) => `${ROOT}:token:${vendor}:${account}`;

/** The cross-process refresh lock beside a token key. */
export const refreshLockKey = (tokenKey: string) => `${tokenKey}:refresh-lock`;

/** The prefix of every budget of one account. */
export const limitPrefix = (vendor: string, account: string) => `${ROOT}:limit:${vendor}:${account}`;

/** A rate budget: per operation (`op:<operationId>`) or per rate class (`class:<name>`), per window. */
export const rateKey = (prefix: string, scope: string, windowMs: number) => `${prefix}:${scope}:${windowMs}`;

/** The account's concurrency slots. */
export const concurrencyKey = (prefix: string) => `${prefix}:concurrency`;

/** Where a vendor-requested pause of a rate budget is kept (Retry-After). */
export const blockKey = (rateKey: string) => `${rateKey}:block`;
