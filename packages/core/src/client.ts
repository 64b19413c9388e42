import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { VendorMeta } from "./meta.js";
import type { FetchedToken, TokenStore } from "./token.js";
import { createTransport, type Layer, type Logger } from "./transport.js";

/** Options every vendor client accepts besides its credentials. */
export interface CommonClientOptions {
  /** Defaults to the spec's first server. Point it at a mock (`pnpm mock`) or a proxy. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
  /** Where access tokens are cached; memory by default. */
  tokenStore?: TokenStore;
  /** Refresh a token this long before it expires (seconds, default 300, capped at half the lifetime). */
  tokenRefreshMarginSeconds?: number;
  /** Lifetime to assume when the vendor gives none (seconds). Default: keep until the vendor rejects it. */
  tokenTtlSeconds?: number;
  /** Extra transport layers run around every HTTP attempt, outermost first. */
  layers?: readonly Layer[];
  /** Debug lines, with credentials and tokens redacted. */
  logger?: Logger;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export interface VendorClientOptions extends CommonClientOptions {
  credentials: Readonly<Record<string, string | undefined>>;
  getAccessToken?: () => Promise<string | FetchedToken>;
}

export type VendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta> = Client<Paths, "application/json"> & {
  /** The spec's vendor metadata (operations, error codes, limits…). */
  readonly meta: Meta;
};

/**
 * A typed openapi-fetch client whose fetch runs the shared pipeline: auth (token cache, single flight,
 * replay once; or per-request signing), envelope → ScrmApiError, transport failures → typed errors.
 * A call resolves with `{ data }` only for a success envelope; every failure is thrown.
 */
export function createVendorClient<Paths extends {}, Meta extends VendorMeta = VendorMeta>(
  meta: Meta,
  options: VendorClientOptions,
): VendorClient<Paths, Meta> {
  const baseUrl = options.baseUrl ?? meta.vendor.baseUrl;
  if (!baseUrl) {
    throw new TypeError(`[${meta.vendor.id}] no baseUrl: the spec declares no server, so pass one`);
  }
  const transport = createTransport({
    meta,
    baseUrl,
    fetch: options.fetch ?? globalThis.fetch,
    credentials: options.credentials,
    getAccessToken: options.getAccessToken,
    tokenStore: options.tokenStore,
    tokenRefreshMarginSeconds: options.tokenRefreshMarginSeconds,
    tokenTtlSeconds: options.tokenTtlSeconds,
    layers: options.layers,
    now: options.now,
    logger: options.logger,
  });
  const fetchOptions: FetchClientOptions = { baseUrl, fetch: transport.fetch };
  const client = createClient<Paths, "application/json">(fetchOptions);
  return Object.assign(client, { meta });
}
