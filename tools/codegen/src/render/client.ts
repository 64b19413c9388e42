// generated/client.ts: the vendor's client factory and its options, from x-vendor, x-auth, x-envelope and x-limits.
// A vendor package holds no hand-written wiring: what differs between vendors is declared in its spec.
import type { VendorModel } from "../model.js";
import { ERRORS_MODULE, HEADER, pascal, RUNTIME_MODULE } from "./common.js";
import { clientOptions, type Option } from "./options.js";

const ERRORS = [
  "ScrmAbortError",
  "ScrmApiError",
  "ScrmConfigError",
  "ScrmError",
  "ScrmNetworkError",
  "ScrmRateLimitError",
  "ScrmResponseError",
  "ScrmStoreError",
  "ScrmTimeoutError",
];

export function renderClient(model: VendorModel): string {
  const { id, auth, envelope, limits } = model;
  const Name = pascal(id);
  // An x-limits that only says what is not documented declares nothing to enforce.
  const hasLimits = Boolean(limits?.concurrency || limits?.rate?.length);
  const { credentials, extra } = clientOptions(model);
  const authFactory = auth.style === "signature" ? "signatureAuth" : "tokenAuth";
  const usesFetchedToken = extra.some((o) => o.name === "getAccessToken");
  const imports = [
    "type CommonClientOptions",
    ...(hasLimits ? ["createLimiter"] : []),
    "createPaginate",
    "createVendorClient",
    ...(usesFetchedToken ? ["type FetchedToken"] : []),
    authFactory,
    "type VendorClient",
  ];
  const omit = extra.some((o) => o.name === "baseUrl") ? `Omit<CommonClientOptions, "baseUrl">` : "CommonClientOptions";
  const field = (o: Option) => `  /** ${o.doc} */\n  ${o.name}${o.required ? "" : "?"}: ${o.type};`;
  const names = [...credentials.map((c) => c.name), ...extra.map((e) => e.name)];
  const passed = [
    "...common",
    ...(extra.some((o) => o.name === "baseUrl") ? ["baseUrl"] : []),
    `credentials: { ${credentials.map((c) => c.name).join(", ")} }`,
    ...(usesFetchedToken ? ["getAccessToken"] : []),
  ];
  const authLine =
    auth.style === "signature"
      ? "signs every request (SHA-256, x-auth.signature)"
      : usesFetchedToken
        ? "sends your `getAccessToken()` token as `Authorization: Bearer`"
        : "fetches, caches and refreshes its access token itself";
  return `${HEADER(id)}import {
${imports.map((i) => `  ${i},`).join("\n")}
} from "${RUNTIME_MODULE}";
import { meta, pagination } from "./meta.js";
import type { components, operations, paths } from "./schema.js";

export interface ${Name}ClientOptions extends ${omit} {
${[...credentials, ...extra].map(field).join("\n")}
}

export type ${Name}Client = VendorClient<paths, typeof meta>;

/**
 * A typed ${model.name} client: it ${authLine}${hasLimits ? ", keeps the spec's x-limits client-side" : ""}, and throws any
 * \`${envelope.codeField}\` other than ${JSON.stringify(envelope.successCode)} as a ScrmApiError. Every option is checked here: a missing or malformed one
 * is a ScrmConfigError naming it.
 */
export function create${Name}Client(options: ${Name}ClientOptions): ${Name}Client {
  const { ${names.join(", ")}, ...common } = options;
  return createVendorClient<paths, typeof meta>(
    meta,
    { ${passed.join(", ")} },
    { auth: ${authFactory}${hasLimits ? ", limiter: createLimiter" : ""} },
  );
}

/** Walks every page of a list operation (x-pagination): \`for await (const item of paginate(client, path, init))\`. */
export const paginate = /* @__PURE__ */ createPaginate<paths, typeof pagination>(pagination);

export type { components, operations, paths };
export { meta };
export type Schemas = components["schemas"];
export type OperationId = (typeof meta.operations)[number]["operationId"];
export {
${ERRORS.map((e) => `  ${e},`).join("\n")}
} from "${ERRORS_MODULE}";
`;
}
