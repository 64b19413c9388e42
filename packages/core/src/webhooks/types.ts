// The shapes a receiver takes and gives: requests, secrets, options and the receiver per crypto style.
import type { Sha1AesCbcCryptoMeta, Sha256AesCtrCryptoMeta } from "../meta.js";

/** Remembers what was seen: a replay guard answers whether `id` was already recorded within `ttlMs`. */
export interface ReplayGuard {
  /** Records `id`; true when it had been recorded before and is still within its window (a replay). */
  seen(id: string, ttlMs: number): boolean | Promise<boolean>;
  /**
   * Drops `id`: the callback was not acknowledged (a handler threw), so the vendor's retry of it must get through.
   * Without it, a guard that cannot forget refuses that retry as a replay and the event is lost.
   */
  forget?(id: string): void | Promise<void>;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Query parameters as a URLSearchParams, a query string / request path (`/cb?x=1`), or a parsed record. */
export type QueryInput = URLSearchParams | string | Readonly<Record<string, string | readonly string[] | undefined>>;
/** Fetch Headers or node's `req.headers` (names are matched case-insensitively). */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface WebhookRequest {
  query?: QueryInput;
  headers?: HeadersInput;
  /** The raw body exactly as received. */
  body?: string | Uint8Array;
  /** sha1-aes-cbc: the ciphertext, when the caller extracted it from the body itself (instead of `body`). */
  encrypted?: string;
}

export interface OpenedWebhook<T = JsonValue> {
  /**
   * The decrypted JSON. Not validated against the spec's schema. Integers beyond 2^53 are kept as decimal strings
   * so they are not silently rounded (Tanma's `noise`, which the receiver must echo, is one).
   */
  message: T;
  /** The decrypted text as sent. */
  plaintext: string;
  /** sha1-aes-cbc: the trailing id of the plaintext. */
  receiveId?: string;
  /** When the vendor signed the callback (epoch ms), from the signed timestamp in the unit the spec states. */
  signedAt?: number;
}

export interface Sha1AesCbcSecrets {
  token: string;
  /** The 43-character EncodingAESKey. */
  encodingAESKey: string;
  /** The value the plaintext's trailing id must equal; required when the spec declares `receiveId`. */
  receiveId?: string;
}

export interface Sha256AesCtrSecrets {
  appId: string;
  appKey: string;
  /** The IV input; by default the part of appId before the spec's corpIdSeparator. */
  corpId?: string;
}

/** Bytes Web Crypto accepts (backed by an ArrayBuffer). */
type Bytes = Uint8Array<ArrayBuffer>;

/**
 * The crypto operations the receivers run, each callback's digests and AES included. `webCrypto` (the default) uses
 * crypto.subtle on every runtime; `nodeCrypto` from `@scrm-openapi/core/webhooks/node` runs node:crypto in the calling
 * thread (on Node each crypto.subtle call goes through a worker thread). `K`: the imported key, opaque to the receiver.
 */
export interface WebhookCrypto<K = unknown> {
  digest(algorithm: "SHA-1" | "SHA-256", data: Bytes): Uint8Array | Promise<Uint8Array>;
  /** The digest in lower-case hex. */
  digestHex(algorithm: "SHA-1" | "SHA-256", data: Bytes): string | Promise<string>;
  /** A raw AES key (16 or 32 bytes) for the given mode. */
  importAes(name: "AES-CBC" | "AES-CTR", key: Bytes): K | Promise<K>;
  /** AES-CBC decryption that keeps every byte (no padding is checked or removed). */
  cbcDecryptRaw(key: K, iv: Bytes, data: Bytes): Uint8Array | Promise<Uint8Array>;
  /** AES-CBC encryption of whole blocks, adding no padding. */
  cbcEncryptRaw(key: K, iv: Bytes, data: Bytes): Uint8Array | Promise<Uint8Array>;
  /** AES-CTR with a 128-bit big-endian counter (the same both ways). */
  ctr(key: K, counter: Bytes, data: Bytes): Uint8Array | Promise<Uint8Array>;
}

export interface WebhookReceiverOptions {
  /** The crypto operations: `webCrypto` by default; `nodeCrypto` (`@scrm-openapi/core/webhooks/node`) on Node. */
  crypto?: WebhookCrypto;
  /** sha1-aes-cbc: JSON field of the POST body holding the ciphertext, for vendors whose docs do not name it. */
  encryptedField?: string;
  /** Largest body accepted, in bytes (ScrmWebhookError "too-large"). Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Reject a callback whose signed timestamp is further than this from now (ScrmWebhookError "stale"). Off by
   * default: no vendor documents a window, and a receiver clock that is off would drop real callbacks.
   */
  maxAgeSeconds?: number;
  /** Reject a callback seen before within `replayWindowSeconds` (ScrmWebhookError "replayed"). Off by default. */
  replayGuard?: ReplayGuard;
  /** How long a callback is remembered by the replay guard. Default: 2 × maxAgeSeconds, else 600. */
  replayWindowSeconds?: number;
  /** Longest wait for a request body to arrive, in ms (ScrmWebhookError "read-timeout"). Default 10 s. */
  readTimeoutMs?: number;
  /** Clock in epoch ms, for tests. */
  now?: () => number;
}

/** `M`: the decrypted message type `open()` resolves to by default (a vendor package passes its payload union). */
export interface Sha1AesCbcReceiver<M = JsonValue> {
  readonly vendor: string;
  readonly style: "sha1-aes-cbc";
  /** The documented reply body after a successful `open` (e.g. "success", "{}"); undefined when undocumented. */
  readonly ack: string | undefined;
  /** URL verification (GET with echostr): checks the signature and returns the decrypted echostr to answer with. */
  verifyUrl(query: QueryInput): Promise<string>;
  /** An event POST: checks the signature, decrypts and parses the message. */
  open<T = M>(request: WebhookRequest): Promise<OpenedWebhook<T>>;
  /** Lets the replay guard forget an opened callback that was not acknowledged, so the vendor's retry is accepted. */
  forget(opened: OpenedWebhook<unknown>): Promise<void>;
  /** Test/dev helper: the query and body a vendor would send for `message`. */
  seal(message: string | JsonValue, options: Sha1AesCbcSealOptions): Promise<Sha1AesCbcSealed>;
  /** Test/dev helper: the URL-verification query a vendor would send for `echo`. */
  sealEcho(echo: string, options: Sha1AesCbcSealOptions): Promise<{ query: Record<string, string>; encrypted: string }>;
}

export interface Sha1AesCbcSealOptions {
  timestamp: string;
  nonce: string;
  /** The 16 leading random bytes; fresh ones by default. */
  random?: Uint8Array;
  /** The trailing id; the receiver's receiveId (or "") by default. */
  receiveId?: string;
  /** Extra body fields next to the ciphertext (e.g. Weiling's `to_app`). */
  fields?: Readonly<Record<string, JsonValue>>;
}

export interface Sha1AesCbcSealed {
  query: Record<string, string>;
  encrypted: string;
  /** JSON body with the ciphertext under the encrypted field; undefined when the field is not known. */
  body: string | undefined;
}

/** The signed timestamp, and a value for each other header the spec lists (by header name, e.g. `version`). */
export type Sha256AesCtrSealOptions = { timestamp: string } & Readonly<Record<string, string>>;

export interface Sha256AesCtrReceiver<M = JsonValue> {
  readonly vendor: string;
  readonly style: "sha256-aes-ctr";
  /** Undefined: the reply format is not documented (the message's `noise` must be echoed somehow). */
  readonly ack: string | undefined;
  open<T = M>(request: WebhookRequest): Promise<OpenedWebhook<T>>;
  /** Lets the replay guard forget an opened callback that was not acknowledged, so the vendor's retry is accepted. */
  forget(opened: OpenedWebhook<unknown>): Promise<void>;
  /** Test/dev helper: the headers and body a vendor would send for `message`. */
  seal(
    message: string | JsonValue,
    options: Sha256AesCtrSealOptions,
  ): Promise<{ headers: Record<string, string>; body: string }>;
}

export type WebhookSecretsFor<C> = C extends Sha1AesCbcCryptoMeta
  ? Sha1AesCbcSecrets
  : C extends Sha256AesCtrCryptoMeta
    ? Sha256AesCtrSecrets
    : never;
export type WebhookReceiverFor<C> = C extends Sha1AesCbcCryptoMeta
  ? Sha1AesCbcReceiver
  : C extends Sha256AesCtrCryptoMeta
    ? Sha256AesCtrReceiver
    : never;

/** @deprecated The style is `sha1-aes-cbc` now: use Sha1AesCbcReceiver. Kept until generated code is renamed. */
export type WecomWebhookReceiver<M = JsonValue> = Sha1AesCbcReceiver<M>;
/** @deprecated The style is `sha256-aes-ctr` now: use Sha256AesCtrReceiver. Kept until generated code is renamed. */
export type TanmaWebhookReceiver<M = JsonValue> = Sha256AesCtrReceiver<M>;
