// The `x-` extensions of a spec, typed once (specs/extensions.schema.json validates them; specs/README.md documents
// them). Codegen's model, its renderers and the docs builder all read these types; the runtime's meta types (core
// meta.ts) are what codegen emits from them, notes stripped.

/** What the docs leave open, what is inferred and from where. */
export interface Noted {
  "x-note"?: string;
}

export interface XVendor extends Noted {
  id: string;
  name: string;
  docs: string;
  mockPort: number;
  baseUrlRequired?: boolean;
  /** The response header carrying the vendor's request id. */
  requestIdHeader?: string;
}

export interface XSignature {
  algorithm: "sha256-hex";
  timestampUnit: "ms" | "s";
  parts: string[];
  headers: Record<string, string>;
}

export interface XTokenAuth extends Noted {
  style: "query-token" | "bearer-token";
  tokenOperation?: string;
  tokenParameter?: string;
  credentials?: { in: "body" | "query"; fields: Record<string, string> };
  tokenField?: string;
  expiresInField?: string;
  fallbackTtlSeconds?: number;
}

export interface XSignatureAuth extends Noted {
  style: "signature";
  signature: XSignature;
}

export type XAuth = XTokenAuth | XSignatureAuth;

export interface XEnvelope extends Noted {
  codeField: string;
  messageField: string;
  successCode: string | number;
  dataField?: string;
}

export interface XErrorCode extends Noted {
  meaning: string;
  kind?: string;
  retryAfterSeconds?: number;
  source?: string;
}

export interface XRate {
  class: string;
  perMinute?: number;
  perHour?: number;
  scope?: string;
}

export interface XLimits extends Noted {
  source?: string;
  inferred?: boolean;
  concurrency?: { max: number; scope?: string };
  rate?: XRate[];
}

/** A crypto style is named by its algorithm (sha1-aes-cbc: WeCom WXBizMsgCrypt; sha256-aes-ctr: 探马 pushes). */
export type CbcStyle = "sha1-aes-cbc";
export type CtrStyle = "sha256-aes-ctr";

export interface XWebhookCrypto extends Noted {
  style: CbcStyle | CtrStyle;
  source?: string;
  query?: Record<string, string>;
  headers?: string[];
  signature?: { algorithm: string; parts: string[]; timestampUnit?: string };
  encryptedField?: string;
  receiveId?: string;
  corpIdSeparator?: string;
  contentType?: string;
  ack?: string;
  acknowledgement?: string;
  encryption?: { cipher?: string; encoding?: string } & Noted;
  [role: string]: unknown;
}

export const isCbc = (crypto: XWebhookCrypto): boolean => crypto.style === "sha1-aes-cbc";

export interface XPagination {
  style: "offset" | "page" | "cursor";
  in?: "query" | "body";
  [field: string]: unknown;
}

/** The x- keys of an operation object. */
export interface XOperation extends Noted {
  "x-source": string;
  "x-rate-class"?: string;
  "x-idempotent"?: boolean;
  "x-pagination"?: XPagination;
  "x-auth-headers"?: string[];
  "x-envelope"?: XEnvelope;
}

/** The x- keys of a webhook object. */
export interface XWebhook extends Noted {
  "x-source": string;
  "x-crypto-source"?: string;
  "x-message-type"?: string;
  "x-payload"?: { $ref?: string };
  "x-payload-example"?: unknown;
  "x-unified-event"?: XUnifiedEvent;
}

type XUnifiedAction = "created" | "updated" | "deleted";
/** x-unified-event: a webhook's message as a normalized event (specs/extensions.schema.json $defs/unifiedEvent). */
export interface XUnifiedEvent extends Noted {
  entity: "customer" | "followRelation" | "tag" | "opportunity" | "groupChat";
  action: XUnifiedAction | { path: string; values: Record<string, XUnifiedAction> };
  when?: { path: string; equals: string };
  records: string;
  id: string | string[];
  fields: Record<string, string | { path: string; time?: string; ref?: string; values?: Record<string, string> }>;
  actor?: string;
  time?: { path: string; time: string };
}

/** The x- keys of a spec's root. */
export interface XRoot extends Noted {
  "x-vendor": XVendor;
  "x-auth": XAuth;
  "x-envelope": XEnvelope;
  "x-error-codes": Record<string, XErrorCode>;
  "x-error-codes-note"?: string;
  "x-limits"?: XLimits;
  "x-webhook-crypto"?: XWebhookCrypto;
}
