// One typed model of a vendor, built once from its bundled spec: every renderer and the docs builder read it, so the
// spec's x- extensions are interpreted in one place. Notes (x-note) stay in; the meta renderer strips them.
import { type Coverage, checkExtensions, checkLedger } from "./check.js";
import type {
  XAuth,
  XEnvelope,
  XErrorCode,
  XLimits,
  XOperation,
  XPagination,
  XRoot,
  XUnifiedEvent,
  XWebhook,
  XWebhookCrypto,
} from "./extensions.js";
import { bundleSpec, HTTP_METHODS, type HttpMethod, type Json } from "./spec.js";
import type { ApiEntry } from "./vendors.js";

export interface OperationModel {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description: string;
  /** x-source: the vendor page it was written from. */
  source: string;
  tags: string[];
  deprecated: boolean;
  /** false when the operation overrides security with `[]` (the token call). */
  authenticated: boolean;
  rateClass?: string;
  /** Whether a retry is safe: x-idempotent, else the rate class (read) or the method (GET). */
  idempotent: boolean;
  authHeaders?: string[];
  envelope?: XEnvelope;
  pagination?: XPagination;
  /** The bundled operation object, for the renderers that read its parameters, bodies and examples. */
  spec: Json;
}

export interface WebhookModel {
  name: string;
  operationId?: string;
  summary: string;
  description: string;
  tags: string[];
  messageType?: string;
  /** The components/schemas name of its x-payload. */
  payloadSchema?: string;
  /** x-unified-event: the normalized event the message maps to (absent: not normalized). */
  unifiedEvent?: XUnifiedEvent;
  /** What the receiver must answer: the description of the webhook's 200 response. */
  acknowledgement?: string;
}

export interface VendorModel {
  id: string;
  name: string;
  docs: string;
  mockPort: number;
  baseUrl: string;
  baseUrlRequired: boolean;
  requestIdHeader?: string;
  /** The first server's description (e.g. that the host is unverified); Markdown. */
  serverNote: string;
  /** info.description; Markdown. */
  about: string;
  tags: string[];
  auth: XAuth;
  envelope: XEnvelope;
  errorCodes: [string, XErrorCode][];
  errorCodesNote?: string;
  limits?: XLimits;
  webhookCrypto?: XWebhookCrypto;
  operations: OperationModel[];
  webhooks: WebhookModel[];
  /** The bundled document. */
  doc: Json;
}

/** A model whose extensions and ledger were checked; the ledger's coverage comes with it. */
export interface CheckedModel extends VendorModel {
  coverage: Coverage;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function required(value: unknown, what: string): string {
  if (typeof value !== "string" || value === "") throw new Error(`${what} must be a non-empty string`);
  return value;
}

/** Today's rule, kept as the default: a read rate class is safe to retry whatever the method. */
export function idempotentOf(method: HttpMethod, op: Pick<XOperation, "x-idempotent" | "x-rate-class">): boolean {
  if (typeof op["x-idempotent"] === "boolean") return op["x-idempotent"];
  const rateClass = op["x-rate-class"];
  return rateClass !== undefined ? rateClass === "read" : method === "get";
}

function operationsOf(doc: Json): OperationModel[] {
  const operations: OperationModel[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as (Json & Partial<XOperation>) | undefined;
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const security = op.security as unknown[] | undefined;
      operations.push({
        operationId: required(op.operationId, `${where} operationId`),
        method,
        path,
        summary: required(op.summary, `${where} summary`),
        description: text(op.description),
        source: required(op["x-source"], `${where} x-source`),
        tags: strings(op.tags),
        deprecated: op.deprecated === true,
        authenticated: !(Array.isArray(security) && security.length === 0),
        ...(op["x-rate-class"] ? { rateClass: op["x-rate-class"] } : {}),
        idempotent: idempotentOf(method, op),
        ...(Array.isArray(op["x-auth-headers"]) ? { authHeaders: op["x-auth-headers"] } : {}),
        ...(op["x-envelope"] ? { envelope: op["x-envelope"] } : {}),
        ...(op["x-pagination"] ? { pagination: op["x-pagination"] } : {}),
        spec: op,
      });
    }
  }
  return operations;
}

function webhooksOf(doc: Json): WebhookModel[] {
  return Object.entries((doc.webhooks ?? {}) as Record<string, Json>).map(([name, item]) => {
    const op = (item.post ?? Object.values(item)[0] ?? {}) as Json & Partial<XWebhook>;
    const payload = op["x-payload"];
    let payloadSchema: string | undefined;
    if (payload) {
      payloadSchema = /^#\/components\/schemas\/([^/]+)$/.exec(payload.$ref ?? "")?.[1];
      if (!payloadSchema)
        throw new Error(`webhook ${name}: x-payload must be a $ref to a schema file (components/schemas)`);
    }
    const ok = ((op.responses ?? {}) as Record<string, Json>)["200"];
    return {
      name,
      ...(op["x-unified-event"] ? { unifiedEvent: op["x-unified-event"] } : {}),
      ...(typeof ok?.description === "string" ? { acknowledgement: ok.description } : {}),
      ...(op.operationId ? { operationId: text(op.operationId) } : {}),
      summary: text(op.summary),
      description: text(op.description),
      tags: strings(op.tags),
      ...(op["x-message-type"] ? { messageType: op["x-message-type"] } : {}),
      ...(payloadSchema ? { payloadSchema } : {}),
    };
  });
}

const STYLES = ["sha1-aes-cbc", "sha256-aes-ctr"];

/** The model of a bundled spec. Throws, naming the place, where the runtime would need what the spec lacks. */
export function buildModel(doc: Json): VendorModel {
  const root = doc as Json & Partial<XRoot>;
  const vendor = root["x-vendor"];
  if (!vendor) throw new Error("spec root has no x-vendor");
  const id = required(vendor.id, "x-vendor.id");
  const operations = operationsOf(doc);
  const auth = root["x-auth"] as XAuth;
  if (auth.style !== "signature" && auth.tokenOperation !== undefined) {
    const tokenOp = auth.tokenOperation;
    if (!operations.some((o) => o.operationId === tokenOp)) {
      throw new Error(`x-auth.tokenOperation ${tokenOp} is not an operation of ${id}`);
    }
  }
  const crypto = root["x-webhook-crypto"];
  if (crypto && !STYLES.includes(crypto.style)) {
    throw new Error(`x-webhook-crypto.style ${String(crypto.style)} is not one of ${STYLES.join(", ")}`);
  }
  const info = (doc.info ?? {}) as Json;
  const server = ((doc.servers ?? []) as Json[])[0] ?? {};
  return {
    id,
    name: required(vendor.name, "x-vendor.name"),
    docs: vendor.docs,
    mockPort: vendor.mockPort,
    baseUrl: text(server.url),
    baseUrlRequired: vendor.baseUrlRequired === true,
    ...(vendor.requestIdHeader ? { requestIdHeader: vendor.requestIdHeader } : {}),
    serverNote: text(server.description),
    about: text(info.description),
    tags: ((doc.tags ?? []) as Json[]).map((t) => text(t.name)),
    auth,
    envelope: root["x-envelope"] as XEnvelope,
    errorCodes: Object.entries(root["x-error-codes"] ?? {}),
    ...(root["x-error-codes-note"] ? { errorCodesNote: root["x-error-codes-note"] } : {}),
    ...(root["x-limits"] ? { limits: root["x-limits"] } : {}),
    ...(crypto ? { webhookCrypto: crypto } : {}),
    operations,
    webhooks: webhooksOf(doc),
    doc,
  };
}

/** Bundles a vendor's spec, checks its extensions and ledger (naming every problem), and builds its model. */
export async function loadModel(api: ApiEntry): Promise<CheckedModel> {
  const doc = await bundleSpec(api.root);
  const ledger = await checkLedger(doc, api.root);
  const problems = [...(await checkExtensions(doc, api.root)), ...ledger.problems];
  if (problems.length > 0 || !ledger.coverage) throw new Error(`specs/${api.id}:\n  ${problems.join("\n  ")}`);
  return { ...buildModel(doc), coverage: ledger.coverage };
}
