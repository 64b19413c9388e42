/**
 * Vendor metadata: what a spec declares in its `x-` extensions, as codegen emits it into
 * `packages/<vendor>/src/generated/meta.ts`. The runtime reads only this — never hard-coded vendor facts.
 */

/** Codes the runtime acts on; every other code is just reported with its meaning. */
export type ErrorKind =
  | "token-invalid"
  | "rate-limit"
  | "concurrency-limit"
  | "busy"
  | "signature-invalid"
  | "clock-skew";

export interface ErrorCodeMeta {
  /** Inline meaning; generated metadata leaves meanings to the lazily loaded `VendorMeta.meanings`. */
  readonly meaning?: string;
  readonly kind?: ErrorKind;
  /** The vendor documents a wait after this code (Weiban blocks an API for 60 s after 10053). */
  readonly retryAfterSeconds?: number;
  readonly source?: string;
}

export interface EnvelopeMeta {
  readonly codeField: string;
  readonly messageField: string;
  /** Compared as a string, so `0` and `"0"` are alike. */
  readonly successCode: string | number;
  /** Dotted path of the payload; absent when it sits at the top level. */
  readonly dataField?: string;
}

export interface TokenAuthMeta {
  readonly style: "query-token" | "bearer-token";
  /** operationId of the token call; absent when the vendor does not document one. */
  readonly tokenOperation?: string;
  /** query-token: the query parameter carrying the token. */
  readonly tokenParameter?: string;
  readonly credentials?: {
    readonly in: "body" | "query";
    /** wire name → client option name */
    readonly fields: Readonly<Record<string, string>>;
  };
  readonly tokenField?: string;
  readonly expiresInField?: string;
  /** A client default, not a vendor fact: how long to keep a token whose answer carries no lifetime (seconds). */
  readonly fallbackTtlSeconds?: number;
}

export interface SignatureAuthMeta {
  readonly style: "signature";
  readonly signature: {
    readonly algorithm: "sha256-hex";
    readonly timestampUnit: "ms" | "s";
    /** Concatenated in this order; `body` is the exact request body text. */
    readonly parts: readonly string[];
    /** role → header name */
    readonly headers: Readonly<Record<string, string>>;
  };
}

export type AuthMeta = TokenAuthMeta | SignatureAuthMeta;

export interface RateLimitMeta {
  readonly class: string;
  readonly perMinute?: number;
  readonly perHour?: number;
  readonly scope?: string;
}

export interface LimitsMeta {
  readonly source?: string;
  /** true when no vendor page states these limits (the spec's x-note says where they come from). */
  readonly inferred?: boolean;
  readonly concurrency?: { readonly max: number; readonly scope?: string };
  readonly rate?: readonly RateLimitMeta[];
}

export type PaginationMeta =
  | {
      readonly style: "offset";
      readonly limitParam: string;
      readonly offsetParam: string;
      readonly in?: "query" | "body";
      readonly itemsField: string;
      readonly totalField?: string;
      readonly hasMoreField?: string;
      readonly maxLimit?: number;
    }
  | {
      readonly style: "page";
      readonly pageParam: string;
      readonly sizeParam: string;
      readonly in?: "query" | "body";
      readonly itemsField: string;
      readonly hasNextField?: string;
      readonly totalField?: string;
    }
  | {
      readonly style: "cursor";
      readonly cursorParam: string;
      readonly in?: "query" | "body";
      readonly cursorField: string;
      readonly itemsField: string;
      readonly sizeParam?: string;
    };

export interface OperationMeta {
  readonly operationId: string;
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
  /** Docs only (codegen leaves them out of the runtime metadata). */
  readonly summary?: string;
  readonly source?: string;
  readonly deprecated?: boolean;
  /** false for calls made without credentials (the token call); absent means true. */
  readonly authenticated?: boolean;
  readonly rateClass?: string;
  /** Signature style: the header roles this operation sends, when not all of them (x-auth-headers). */
  readonly authHeaders?: readonly string[];
  /** This operation's own envelope, when its page answers differently from the rest of the API (x-envelope). */
  readonly envelope?: EnvelopeMeta;
  /**
   * Safe to send again after a failure that does not prove it was refused (x-idempotent). Absent: only GET is
   * (see operation.ts `isRetrySafe`); codegen emits it only where it differs from that.
   */
  readonly idempotent?: boolean;
}

/** How `paginate()` walks each list operation (x-pagination), by path: generated apart from the client's metadata. */
export type PaginationTable = Readonly<
  Record<
    string,
    PaginationMeta & { readonly method: "get" | "post" | "put" | "patch" | "delete"; readonly operationId: string }
  >
>;

export interface WebhookMeta {
  readonly name: string;
  /** The value of the message's discriminator (`type`/`event`) for push types that share one endpoint. */
  readonly messageType?: string;
}

/**
 * x-webhook-crypto style `sha1-aes-cbc` (WeCom WXBizMsgCrypt and the vendors that copy it): SHA-1 hex over the sorted
 * signature parts, AES-256-CBC. Query parameter names come from the spec.
 */
export interface Sha1AesCbcCryptoMeta {
  readonly style: "sha1-aes-cbc";
  readonly source: string;
  /** Dotted path of the decrypted message's event type (matched with each webhook's x-message-type). */
  readonly typeField?: string;
  /** role (signature, timestamp, nonce, echostr) → query parameter name */
  readonly query: {
    readonly signature: string;
    readonly timestamp: string;
    readonly nonce: string;
    readonly echostr: string;
  };
  readonly signature: {
    readonly algorithm: "sha1-sorted";
    /** Roles hashed after a lexicographic sort: token, timestamp, nonce, encrypted. */
    readonly parts: readonly string[];
  };
  /** JSON field of the POST body holding the ciphertext; absent when undocumented (the caller passes it). */
  readonly encryptedField?: string;
  /** Receiver option whose value must equal the plaintext's trailing id; absent = checked only when one is given. */
  readonly receiveId?: string;
  /** The documented reply body. */
  readonly ack?: string;
}

/**
 * x-webhook-crypto style `sha256-aes-ctr`: a SHA-256 hex signature header over header values and the app key (not the
 * body), and a Base64 AES-128-CTR body. Every header name comes from the spec, by role.
 */
export interface Sha256AesCtrCryptoMeta {
  readonly style: "sha256-aes-ctr";
  readonly source: string;
  /** Dotted path of the decrypted message's event type (matched with each webhook's x-message-type). */
  readonly typeField?: string;
  readonly contentType?: string;
  /** The headers a push carries; each signature part but the key is one of them. */
  readonly headers: readonly string[];
  /** role → header name: the app id (checked against the configured one), the signed timestamp, the signature. */
  readonly roles: { readonly appId: string; readonly timestamp: string; readonly signature: string };
  readonly signature: {
    readonly algorithm: "sha256-hex";
    readonly timestampUnit: "ms" | "s";
    /** Concatenated in this order: header names, and `key` where the app key goes. */
    readonly parts: readonly string[];
    /** The part that stands for the secret app key. */
    readonly key: string;
  };
  /** The corpid (IV input) is the part of appId before this, unless the receiver is given one. */
  readonly corpIdSeparator?: string;
  readonly encryption?: { readonly cipher?: string; readonly encoding?: string };
  readonly acknowledgement?: string;
  readonly ack?: string;
}

export type WebhookCryptoMeta = Sha1AesCbcCryptoMeta | Sha256AesCtrCryptoMeta;

/**
 * What the client needs at run time. Codegen keeps it lean — it ships in every client bundle — and emits the rest
 * beside it: `pagination` (for paginate), `webhooks` and `webhookCrypto` (for the receivers).
 */
export interface VendorMeta {
  readonly vendor: {
    readonly id: string;
    readonly name: string;
    readonly baseUrl: string;
    /** x-vendor.baseUrlRequired: the spec's server is no verified API host, so the caller must pass baseUrl. */
    readonly baseUrlRequired?: boolean;
    /** x-vendor.requestIdHeader: the answer header carrying the vendor's request id (none when absent). */
    readonly requestIdHeader?: string;
  };
  readonly auth: AuthMeta;
  readonly envelope: EnvelopeMeta;
  /** The codes the runtime acts on (a kind, a documented wait). */
  readonly errorCodes: Readonly<Record<string, ErrorCodeMeta>>;
  /**
   * The whole error-code table, code → meaning, loaded on the first error only: a vendor's table can be larger than
   * the rest of its client (Weiban documents 145 codes), so it stays out of the bundle's first chunk.
   */
  readonly meanings?: () => Promise<Readonly<Record<string, string>>>;
  readonly limits?: LimitsMeta;
  readonly operations: readonly OperationMeta[];
}
