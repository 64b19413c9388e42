// What the docs read from one vendor's spec: the bundled document, its x- extensions (notes included, unlike the
// runtime metadata, which strips them) and its coverage ledger, checked the way `pnpm generate` checks them.
import {
  type ApiEntry,
  buildMeta,
  bundleSpec,
  type Coverage,
  checkExtensions,
  checkLedger,
} from "@scrm-openapi/codegen";

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Noted {
  "x-note"?: string;
}
interface AuthExt extends Noted {
  style: "query-token" | "bearer-token" | "signature";
  tokenOperation?: string;
  tokenParameter?: string;
  credentials?: { in: "body" | "query"; fields: Record<string, string> };
  tokenField?: string;
  expiresInField?: string;
  signature?: { algorithm: string; timestampUnit: "ms" | "s"; parts: string[]; headers: Record<string, string> };
}
export interface EnvelopeExt extends Noted {
  codeField: string;
  messageField: string;
  successCode: string | number;
  dataField?: string;
}
interface ErrorCodeExt extends Noted {
  meaning: string;
  kind?: string;
  retryAfterSeconds?: number;
  source?: string;
}
interface RateExt {
  class: string;
  perMinute?: number;
  perHour?: number;
  scope?: string;
}
export interface LimitsExt extends Noted {
  source?: string;
  inferred?: boolean;
  concurrency?: { max: number; scope?: string };
  rate?: RateExt[];
}
export interface WebhookCryptoExt extends Noted {
  style: "sha1-aes-cbc" | "sha256-aes-ctr";
  source?: string;
  query?: Record<string, string>;
  headers?: string[];
  signature?: { algorithm: string; parts: string[]; timestampUnit?: string };
  encryptedField?: string;
  receiveId?: string;
  ack?: string;
  acknowledgement?: string;
  encryption?: { cipher: string; encoding: string } & Noted;
}
export interface PaginationExt {
  style: "offset" | "page" | "cursor";
  in?: "query" | "body";
  [field: string]: unknown;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  deprecated: boolean;
  rateClass?: string;
  pagination?: PaginationExt;
  envelope?: EnvelopeExt;
}

interface Webhook {
  name: string;
  operationId?: string;
  summary: string;
  description: string;
  tags: string[];
  messageType?: string;
}

export interface Vendor {
  id: string;
  name: string;
  docs: string;
  mockPort: number;
  baseUrl: string;
  /** The first server's description (e.g. that the host is unverified); Markdown. */
  serverNote: string;
  /** info.description; Markdown. */
  about: string;
  tags: string[];
  auth: AuthExt;
  envelope: EnvelopeExt;
  errorCodes: [string, ErrorCodeExt][];
  errorCodesNote?: string;
  limits?: LimitsExt;
  webhookCrypto?: WebhookCryptoExt;
  operations: Operation[];
  webhooks: Webhook[];
  coverage: Coverage;
  /** The bundled document, written next to the reference page as openapi.json. */
  doc: Json;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export async function loadVendor(api: ApiEntry): Promise<Vendor> {
  const doc = await bundleSpec(api.root);
  // The casts below rest on these checks: extensions.schema.json types every x- key, the ledger is checked both ways.
  const ledger = await checkLedger(doc, api.root);
  const problems = [...(await checkExtensions(doc, api.root)), ...ledger.problems];
  if (problems.length > 0 || !ledger.coverage) throw new Error(`specs/${api.id}:\n  ${problems.join("\n  ")}`);
  const meta = buildMeta(doc).meta as { vendor: { id: string; name: string; baseUrl: string } };
  const vendor = doc["x-vendor"] as { docs: string; mockPort: number };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      operations.push({
        operationId: text(op.operationId),
        method,
        path,
        summary: text(op.summary),
        description: text(op.description),
        tags: strings(op.tags),
        deprecated: op.deprecated === true,
        ...(op["x-rate-class"] ? { rateClass: text(op["x-rate-class"]) } : {}),
        ...(op["x-pagination"] ? { pagination: op["x-pagination"] as PaginationExt } : {}),
        ...(op["x-envelope"] ? { envelope: op["x-envelope"] as EnvelopeExt } : {}),
      });
    }
  }
  const webhooks = Object.entries((doc.webhooks ?? {}) as Record<string, Json>).map(([name, item]): Webhook => {
    const op = (item.post ?? Object.values(item)[0] ?? {}) as Json;
    return {
      name,
      ...(op.operationId ? { operationId: text(op.operationId) } : {}),
      summary: text(op.summary),
      description: text(op.description),
      tags: strings(op.tags),
      ...(op["x-message-type"] ? { messageType: text(op["x-message-type"]) } : {}),
    };
  });
  const info = (doc.info ?? {}) as Json;
  const server = ((doc.servers ?? []) as Json[])[0] ?? {};
  return {
    id: meta.vendor.id,
    name: meta.vendor.name,
    docs: vendor.docs,
    mockPort: vendor.mockPort,
    baseUrl: meta.vendor.baseUrl,
    serverNote: text(server.description),
    about: text(info.description),
    tags: ((doc.tags ?? []) as Json[]).map((t) => text(t.name)),
    auth: doc["x-auth"] as AuthExt,
    envelope: doc["x-envelope"] as EnvelopeExt,
    errorCodes: Object.entries((doc["x-error-codes"] ?? {}) as Record<string, ErrorCodeExt>),
    ...(doc["x-error-codes-note"] ? { errorCodesNote: text(doc["x-error-codes-note"]) } : {}),
    ...(doc["x-limits"] ? { limits: doc["x-limits"] as LimitsExt } : {}),
    ...(doc["x-webhook-crypto"] ? { webhookCrypto: doc["x-webhook-crypto"] as WebhookCryptoExt } : {}),
    operations,
    webhooks,
    coverage: ledger.coverage,
    doc,
  };
}
