export { type CommonClientOptions, createVendorClient, type VendorClient, type VendorClientOptions } from "./client.js";
export { getPath, lookupCode, readEnvelope } from "./envelope.js";
export { ScrmApiError, ScrmError, type ScrmErrorContext, ScrmNetworkError, ScrmResponseError } from "./errors.js";
export type * from "./meta.js";
export { describeUrl, Redactor } from "./redact.js";
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
