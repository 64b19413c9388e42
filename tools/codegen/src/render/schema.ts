// generated/schema.ts: openapi-typescript's types of the success bodies, plus each webhook's decrypted payload type.
import type { SourceClass } from "../evidence/compare.js";
import { withProvenance } from "../evidence/provenance.js";
import type { VendorModel } from "../model.js";
import { successOnly } from "../spec.js";
import { HEADER } from "./common.js";

/** `classes`: each operation's source class, so the JSDoc of one not read from a vendor page says so. */
export async function renderSchema(
  model: VendorModel,
  classes: ReadonlyMap<string, SourceClass> = new Map(),
): Promise<string> {
  // Loaded here, not at the top: it pulls in TypeScript (~1.4 s), which the docs, mocks and bundling never need.
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const ast = await openapiTS(
    successOnly(withProvenance(model.doc, classes)) as unknown as Parameters<typeof openapiTS>[0],
    {
      exportType: false,
      alphabetize: false,
      // A `type: object` without properties is an open object in our specs (fields undocumented), not `{}`.
      emptyObjectsUnknown: true,
    },
  );
  return `${HEADER(model.id)}// Response bodies hold the success shape only: error envelopes are thrown as ScrmApiError.\n\n${astToString(ast)}${webhookPayloads(model)}`;
}

/** `WebhookPayloads`: each webhook's decrypted message (its x-payload schema), by webhook name. */
function webhookPayloads(model: VendorModel): string {
  const entries = model.webhooks.flatMap((w) =>
    w.payloadSchema ? [`  ${JSON.stringify(w.name)}: components["schemas"][${JSON.stringify(w.payloadSchema)}];`] : [],
  );
  if (entries.length === 0) return "";
  return `
/** Each webhook's decrypted message (its spec's x-payload), by webhook name: \`receiver.open<WebhookPayloads["…"]>()\`. */
export interface WebhookPayloads {
${entries.join("\n")}
}

/** Any of them; push types that share one endpoint are told apart by their \`type\`/\`event\` field. */
export type WebhookPayload = WebhookPayloads[keyof WebhookPayloads];
`;
}
