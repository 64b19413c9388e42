// llms.txt and llms-full.txt (the llmstxt.org convention) for coding assistants: the first an index of the portal in
// Markdown, the second every vendor's operations with their requests, code samples, error codes and webhooks in one
// plain file an assistant can read whole.

import type { SiteVendor } from "./pages/common.js";
import { GENERATED, type OperationSample } from "./samples.js";

export interface LlmsVendor extends SiteVendor {
  samples: OperationSample[];
}

const line = (text: string) => text.replace(/\s+/g, " ").trim();

export function llmsIndex(sites: LlmsVendor[]): string {
  const vendors = sites.map(({ vendor: v }) =>
    [
      `- [${v.name} 接入指南 guide](${v.id}/guide.html): auth (${v.auth.style}), envelope, error codes, limits, pagination, retry safety, webhooks`,
      `- [${v.name} OpenAPI 3.1 (with code samples)](${v.id}/openapi.json): ${v.operations.length} operations, ${v.webhooks.length} webhooks`,
      `- [${v.name} OpenAPI 3.0 (portable, no x- extensions)](${v.id}/openapi-3.0.json)`,
      `- [${v.name} API reference](${v.id}/index.html)`,
    ].join("\n"),
  );
  return `# scrm-openapi

> Hand-written OpenAPI 3.1 specs of China's WeCom-based SCRM vendors (${sites.map(({ vendor: v }) => v.name).join(", ")}), with typed TypeScript clients (\`@scrm-openapi/<vendor>\`), mocks (\`pnpm mock\`) and this portal.

Every call goes through the vendor's typed client: \`create<Vendor>Client(options).POST(path, { params, body })\` resolves with \`{ data }\` (the success body) and throws a typed \`ScrmApiError\` (vendor, operation, code, meaning) for any other result code. Facts not on a vendor's pages are marked inferred in the specs.

## Vendors

${vendors.join("\n")}

## Optional

- [llms-full.txt](llms-full.txt): every operation with its request, a TypeScript and a curl sample, every error code and webhook
`;
}

function operationText(v: SiteVendor["vendor"], s: OperationSample): string {
  const op = v.operations.find((o) => o.operationId === s.operationId);
  if (!op) return "";
  const facts = [
    `${op.method.toUpperCase()} ${op.path}`,
    op.rateClass ? `rate class ${op.rateClass}` : "",
    op.idempotent ? "retry-safe" : "not retried automatically",
    op.pagination ? `paginated (${op.pagination.style})` : "",
    op.deprecated ? "DEPRECATED" : "",
    s.example === GENERATED ? "request body generated from the schema" : "",
  ].filter(Boolean);
  return `### ${op.operationId}: ${line(op.summary)}

${facts.join(" · ")}
Source: ${op.source}

${op.description.trim()}

\`\`\`ts
${s.typescript.trim()}
\`\`\`

\`\`\`sh
${s.curl.trim()}
\`\`\`
`;
}

export function llmsFull(sites: LlmsVendor[]): string {
  const parts = sites.map(({ vendor: v, samples }) => {
    const codes = v.errorCodes.map(([code, c]) => `- ${code}: ${line(c.meaning)}${c.kind ? ` (${c.kind})` : ""}`);
    const webhooks = v.webhooks.map(
      (w) => `- ${w.name}: ${line(w.summary || w.name)}${w.messageType ? ` (type ${w.messageType})` : ""}`,
    );
    return `# ${v.name} (\`@scrm-openapi/${v.id}\`)

Base URL: ${v.baseUrl}${v.baseUrlRequired ? " (unverified: the client requires baseUrl)" : ""}. Mock: http://127.0.0.1:${v.mockPort} (\`pnpm mock ${v.id}\`). Vendor docs: ${v.docs}
Auth: ${v.auth.style}. Envelope: \`${v.envelope.codeField}\` = ${JSON.stringify(v.envelope.successCode)} is success, \`${v.envelope.messageField}\` the message.

## Error codes (回调 webhooks below)

${codes.join("\n") || "None documented."}

## Webhooks 回调

${webhooks.join("\n") || "None documented."}

## Operations

${samples.map((s) => operationText(v, s)).join("\n")}`;
  });
  return `# scrm-openapi: every vendor's operations\n\n${parts.join("\n")}`;
}
