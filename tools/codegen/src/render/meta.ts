// generated/meta.ts: the metadata the runtime reads (it ships in every client bundle, so it stays lean: no notes, no
// summaries, no sources) and generated/meanings.ts, the error-code table loaded on the first error.

import { buildModel, type VendorModel } from "../model.js";
import type { Json } from "../spec.js";
import { stripExtensions } from "../spec.js";
import { HEADER, json, RUNTIME_MODULE } from "./common.js";

export interface GeneratedMeta {
  /** What the client needs at run time. */
  meta: Json;
  /** x-pagination by path, for paginate(). */
  pagination: Json;
  webhooks: Json[];
  webhookCrypto: Json | undefined;
  /** The error-code table, code → meaning (its own module: loaded on the first error). */
  meanings: Json;
}

function operationMeta(model: VendorModel): Json[] {
  return model.operations.map((op) => ({
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(op.authenticated ? {} : { authenticated: false }),
    ...(op.rateClass ? { rateClass: op.rateClass } : {}),
    // Only where it differs from the runtime's default (GET): these bytes ship in every bundle.
    ...(op.idempotent !== (op.method === "get") ? { idempotent: op.idempotent } : {}),
    ...(op.authHeaders ? { authHeaders: op.authHeaders } : {}),
    ...(op.envelope ? { envelope: stripExtensions(op.envelope) } : {}),
  }));
}

/** The model's runtime metadata. */
export function metaOf(model: VendorModel): GeneratedMeta {
  const pagination: Record<string, Json> = {};
  for (const op of model.operations) {
    if (op.pagination) {
      pagination[op.path] = {
        operationId: op.operationId,
        method: op.method,
        ...(stripExtensions(op.pagination) as Json),
      };
    }
  }
  const meta = {
    vendor: {
      id: model.id,
      name: model.name,
      baseUrl: model.baseUrl,
      ...(model.baseUrlRequired ? { baseUrlRequired: true } : {}),
      ...(model.requestIdHeader ? { requestIdHeader: model.requestIdHeader } : {}),
    },
    auth: stripExtensions(model.auth),
    envelope: stripExtensions(model.envelope),
    // Only the codes the runtime acts on; meanings go to meanings.ts, loaded on the first error.
    errorCodes: Object.fromEntries(
      model.errorCodes.flatMap(([code, { kind, retryAfterSeconds }]) => {
        if (kind === undefined && retryAfterSeconds === undefined) return [];
        return [[code, { ...(kind ? { kind } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) }]];
      }),
    ),
    ...(model.limits ? { limits: stripExtensions(model.limits) } : {}),
    operations: operationMeta(model),
  };
  return {
    meta,
    pagination,
    webhooks: model.webhooks.map((w) => ({ name: w.name, ...(w.messageType ? { messageType: w.messageType } : {}) })),
    webhookCrypto: model.webhookCrypto ? (stripExtensions(model.webhookCrypto) as Json) : undefined,
    meanings: Object.fromEntries(model.errorCodes.map(([code, entry]) => [code, entry.meaning])),
  };
}

/** The runtime metadata of a bundled spec (builds its model first). */
export const buildMeta = (doc: Json): GeneratedMeta => metaOf(buildModel(doc));

/** One module, several exports: a bundler keeps only what is imported, so a client never carries webhook data. */
export function renderMeta(model: VendorModel): string {
  const parts = metaOf(model);
  const crypto = parts.webhookCrypto
    ? `export const webhookCrypto = ${json(parts.webhookCrypto)} as const satisfies WebhookCryptoMeta;\n`
    : "";
  return `${HEADER(model.id)}import type { PaginationTable, VendorMeta, WebhookCryptoMeta, WebhookMeta } from "${RUNTIME_MODULE}";

export const meta = ${json(parts.meta).replace(/\n}$/, ',\n  meanings: () => import("./meanings.js").then((m) => m.meanings),\n}')} as const satisfies VendorMeta;

export type OperationId = (typeof meta.operations)[number]["operationId"];

export const pagination = ${json(parts.pagination)} as const satisfies PaginationTable;

export const webhooks = ${json(parts.webhooks)} as const satisfies readonly WebhookMeta[];
${crypto}`;
}

export function renderMeanings(model: VendorModel): string {
  return `${HEADER(model.id)}\n/** The spec's x-error-codes: code → meaning. */\nexport const meanings: Readonly<Record<string, string>> = ${JSON.stringify(metaOf(model).meanings, null, 2)};\n`;
}
