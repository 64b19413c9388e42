// generated/README.md: the package page npm shows (the package build copies it to the package root).
import { isCbc } from "../extensions.js";
import type { VendorModel } from "../model.js";
import { pascal } from "./common.js";
import { clientOptions } from "./options.js";

/** corpId → WEIBAN_CORP_ID, encodingAESKey → WEIBAN_ENCODING_AES_KEY */
const env = (id: string, name: string) =>
  `process.env.${id.toUpperCase()}_${name.replace(/([a-z])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g, "$1$2_").toUpperCase()}!`;

/** The "Callbacks (Node)" section, for a vendor whose spec declares x-webhook-crypto. */
function webhooksSection(model: VendorModel): string {
  const { id } = model;
  const Name = pascal(id);
  const crypto = model.webhookCrypto;
  if (!crypto) return "";
  // The same option names as the generated receiver (renderWebhooks).
  const secrets = isCbc(crypto)
    ? ["token", "encodingAESKey", ...(crypto.receiveId ? [crypto.receiveId] : [])]
    : ["appId", "appKey"];
  return `
## Callbacks (Node)

<!-- ts
import type { IncomingMessage } from "node:http";
declare const req: IncomingMessage;
-->
\`\`\`ts
import { create${Name}WebhookReceiver, readRequestBody } from "@scrm-openapi/${id}/webhooks";

const receiver = create${Name}WebhookReceiver({
${secrets.map((name) => `  ${name}: ${env(id, name === "token" ? "callbackToken" : name)},`).join("\n")}
});
// In your HTTP handler: \`message\` is typed as the spec's callback payloads.
const { message } = await receiver.open({ query: req.url, headers: req.headers, body: await readRequestBody(req) });
\`\`\`

A bad signature, ciphertext or id is a typed \`ScrmWebhookError\`. Options: \`maxBodyBytes\`, \`maxAgeSeconds\`,
\`replayGuard\` (see the runtime guide).
`;
}

export function renderReadme(model: VendorModel): string {
  const { id } = model;
  const Name = pascal(id);
  const vendor = model;
  const { credentials, extra } = clientOptions(model);
  const sample = [...credentials, ...extra]
    .map((o) =>
      o.name === "getAccessToken"
        ? `  getAccessToken: async () => myTokenService.get(),`
        : o.name === "baseUrl"
          ? `  baseUrl: process.env.${id.toUpperCase()}_BASE_URL!,`
          : `  ${o.name}: ${env(id, o.name)},`,
    )
    .join("\n");
  const ops = model.operations.filter((o) => o.authenticated);
  const first = ops.find((o) => o.method === "get" && !o.path.includes("{")) ?? ops[0];
  // An empty body only where the operation takes one (strict tsc rejects a body an operation does not declare).
  const takesBody = first?.spec.requestBody !== undefined;
  const call = first
    ? `client.${first.method.toUpperCase()}("${first.path}"${takesBody ? ", { body: {} }" : ""});`
    : "";
  // Hidden lines for the docs check (tools/consumer): the client sample runs against the mock as printed.
  const hidden = sample.includes("myTokenService")
    ? `<!-- ts runnable\nconst myTokenService = { get: async () => "token-from-your-token-service" };\n-->`
    : "<!-- ts runnable -->";
  const webhooks = webhooksSection(model);
  return `# @scrm-openapi/${id}

Typed TypeScript client for the ${vendor.name} OpenAPI, generated from the hand-written OpenAPI 3.1 spec in
\`specs/${id}\` of [scrm-openapi](../../README.md). Vendor docs: ${vendor.docs}

ESM only, Node ≥ 20.19 (where \`require()\` of ESM works), Deno, Bun, Workers and browsers: the client uses only
\`fetch\` and Web Crypto.

## Install

Not published yet. Until the first release, pack every package (this one needs \`@scrm-openapi/core\` beside it) in a
clone of [scrm-openapi](../../README.md#install-before-the-first-release) and install the tarballs:

\`\`\`sh
pnpm pack:all                                     # in the clone: writes packed/*.tgz
npm install /path/to/scrm-openapi/packed/*.tgz    # in your app
\`\`\`

After the release: \`npm install @scrm-openapi/${id}\`.

## Create a client and call

${hidden}
\`\`\`ts
import { create${Name}Client, ScrmApiError } from "@scrm-openapi/${id}";

const client = create${Name}Client({
${sample}
});

try {
  const { data } = await ${call} // paths, parameters and answers are typed from the spec
  console.log(data);
} catch (error) {
  if (error instanceof ScrmApiError) console.error(error.code, error.meaning, error.requestId);
  throw error;
}
\`\`\`

## Errors

A call resolves only with a success envelope. Everything else is thrown as a typed error that names the vendor, the
operation and the code, never a secret: \`ScrmApiError\` (the vendor's code with the spec's meaning and kind),
\`ScrmResponseError\`, \`ScrmNetworkError\`, \`ScrmTimeoutError\`, \`ScrmAbortError\`, \`ScrmRateLimitError\`,
\`ScrmConfigError\` — each with \`retryable\`. Retries, rate limits, tokens and pagination (\`paginate\`): see
[docs/runtime.md](../../docs/runtime.md).
${webhooks}
## Mocks

\`pnpm mock ${id}\` in the repository serves this API from its spec on http://127.0.0.1:${vendor.mockPort}; point the
client's \`baseUrl\` there. Every operation answers its examples; \`Prefer: example=<name>\` picks an error envelope.

## License

MIT
`;
}
