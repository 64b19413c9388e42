// `pnpm new-vendor <id>`: everything a new vendor needs before its first operation is written. The spec folder
// (root with the required x- metadata, an empty ledger), the package (its hand-owned entries and its exports, the
// `./unified` mapping among them; codegen then writes src/generated/), and the one vendor list, tools/codegen/src/vendors.ts, which codegen, the mocks, the docs, the
// tests and the typecheck all read (plus its mirror in redocly.yaml for `redocly lint`). After it: `pnpm install`,
// `pnpm generate`, then write operations (CONTRIBUTING.md).
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { specRoot, vendorsIn, withVendor } from "@scrm-openapi/codegen/vendors";
import { parse } from "yaml";

export interface ScaffoldOptions {
  /** Lower-case id: the spec folder, the package name suffix, the api name in redocly.yaml. */
  id: string;
  /** Display name, e.g. "企微云 Qiweiyun". */
  name: string;
  /** How the vendor authenticates; the spec's x-auth starts from it. Default bearer-token. */
  auth?: "query-token" | "bearer-token" | "signature";
}

const ID = /^[a-z][a-z0-9-]*$/;
const VENDOR_LIST = "tools/codegen/src/vendors.ts";

/** A hand-owned entry: one line re-exporting what codegen writes into src/generated/. */
const entry = (id: string, module: string, what: string) =>
  `// Hand-owned entry: ${what} is generated from specs/${id} into ./generated/ (\`pnpm generate\`).\nexport * from "./generated/${module}.js";\n`;

export async function scaffoldVendor(root: string, options: ScaffoldOptions): Promise<string[]> {
  const { id, name } = options;
  if (!ID.test(id)) throw new Error(`new-vendor: "${id}" must be lower case letters, digits and dashes`);
  const listFile = join(root, VENDOR_LIST);
  const list = await readFile(listFile, "utf8");
  const ids = vendorsIn(list);
  if (ids.includes(id)) throw new Error(`new-vendor: ${id} already exists`);
  // The next free mock port after the vendors already there (4010, 4011, …).
  let port = 4009;
  for (const existing of ids) {
    const spec = parse(await readFile(specRoot(existing, root), "utf8")) as { "x-vendor"?: { mockPort?: number } };
    port = Math.max(port, spec["x-vendor"]?.mockPort ?? 0);
  }
  const written: string[] = [];
  const write = async (path: string, content: string) => {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), content);
    written.push(path);
  };
  await write(`specs/${id}/openapi.yaml`, spec(id, name, port + 1, options.auth ?? "bearer-token"));
  await write(`specs/${id}/ledger.yaml`, ledger(id, name));
  await write(`packages/${id}/package.json`, `${JSON.stringify(packageJson(id, name), null, 2)}\n`);
  for (const file of ["tsconfig.json", "tsconfig.build.json", "LICENSE"]) {
    await copyFile(join(root, "packages/core", file), join(root, `packages/${id}`, file));
    written.push(`packages/${id}/${file}`);
  }
  await write(`packages/${id}/src/index.ts`, entry(id, "client", "the client"));
  await write(`packages/${id}/src/msw.ts`, mswEntry(id, name));
  await write(`packages/${id}/test/examples.test.ts`, examplesTest(id));
  await writeFile(listFile, withVendor(list, id));
  written.push(VENDOR_LIST);
  const redocly = await readFile(join(root, "redocly.yaml"), "utf8");
  await writeFile(
    join(root, "redocly.yaml"),
    redocly.replace(/^(apis:\n(?: {2}.*\n)+)/m, (block) => `${block}  ${id}@v1:\n    root: specs/${id}/openapi.yaml\n`),
  );
  written.push("redocly.yaml");
  // The package README is generated into src/generated/ and copied to the package root by the build.
  const ignore = await readFile(join(root, ".gitignore"), "utf8").catch(() => "");
  await writeFile(join(root, ".gitignore"), `${ignore}/packages/${id}/README.md\n`);
  written.push(".gitignore");
  return written;
}

function spec(id: string, name: string, mockPort: number, auth: NonNullable<ScaffoldOptions["auth"]>): string {
  const authBlock =
    auth === "signature"
      ? `x-auth:
  style: signature
  signature:
    algorithm: sha256-hex
    timestampUnit: ms
    parts: [appId, timestamp, body, appKey]
    headers: { appId: appId, timestamp: timestamp, sign: sign }
  x-note: Replace with the vendor's documented signing scheme.`
      : `x-auth:
  style: ${auth}${auth === "query-token" ? "\n  tokenParameter: access_token" : ""}
  x-note: |
    No token operation yet: add tokenOperation, credentials, tokenField (and expiresInField) once the token page is
    read; until then the client asks the caller for getAccessToken().`;
  return `openapi: 3.1.0
info:
  title: ${name} OpenAPI
  version: "0.1"
  summary: Hand-written from the vendor's docs. Operations are added one file per path (see CONTRIBUTING.md).
  license:
    name: MIT
    identifier: MIT
  contact:
    name: scrm-openapi
servers:
  - url: https://${id}.invalid
    description: Placeholder — the vendor's API host is not recorded yet (.invalid never resolves).
security:
  - ${auth === "signature" ? "Signature" : "AccessToken"}: []
paths: {}
components:
  securitySchemes:
    ${
      auth === "signature"
        ? `Signature:
      type: apiKey
      in: header
      name: sign
      description: Per-request signature (x-auth).`
        : auth === "query-token"
          ? `AccessToken:
      type: apiKey
      in: query
      name: access_token
      description: Access token (x-auth).`
          : `AccessToken:
      type: http
      scheme: bearer
      description: Access token (x-auth).`
    }

x-vendor:
  id: ${id}
  name: ${name}
  docs: https://${id}.invalid/docs
  mockPort: ${mockPort}
  baseUrlRequired: true
  x-note: Replace docs with the vendor's doc home and drop baseUrlRequired once servers holds the real API host.

${authBlock}

x-envelope:
  codeField: code
  messageField: message
  successCode: 0
  x-note: Placeholder — replace with the envelope the vendor's pages show.

x-error-codes: {}
`;
}

function ledger(id: string, name: string): string {
  return `# Coverage ledger of ${name}'s docs menu: every operation, specified or not. Schema: specs/ledger.schema.json.
vendor: ${id}
menu: https://${id}.invalid/docs
checked: ${new Date().toISOString().slice(0, 10)}
operations: []
webhooks: []
`;
}

function packageJson(id: string, name: string) {
  const repo = "https://github.com/scrm-openapi/scrm-openapi";
  return {
    name: `@scrm-openapi/${id}`,
    version: "0.0.0",
    description: `Typed client for the ${name} OpenAPI, generated from specs/${id}.`,
    keywords: ["wecom", "scrm", "openapi", "typescript", "企业微信", "scrm-openapi", id],
    license: "MIT",
    homepage: `${repo}/tree/main/packages/${id}#readme`,
    bugs: { url: `${repo}/issues` },
    repository: { type: "git", url: `git+${repo}.git`, directory: `packages/${id}` },
    type: "module",
    sideEffects: false,
    engines: { node: ">=20.19" },
    exports: {
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      // The spec's x-unified mapping, generated into src/generated/unified.ts, for createUnifiedClient
      // (@scrm-openapi/unified); its blocks stay empty until the spec maps an operation.
      "./unified": { types: "./dist/generated/unified.d.ts", default: "./dist/generated/unified.js" },
      "./msw": { types: "./dist/msw.d.ts", default: "./dist/msw.js" },
    },
    files: ["dist", "README.md", "LICENSE"],
    scripts: {
      generate: `tsx ../../tools/codegen/src/cli.ts ${id}`,
      build: "node ../../scripts/build-package.mjs",
      test: `vitest run --config ../../vitest.config.ts --project ${id} --maxWorkers=1 --outputFile.json=test-results.json`,
    },
    dependencies: { "@scrm-openapi/core": "workspace:*" },
    devDependencies: {
      "@scrm-openapi/msw": "workspace:*",
      "@scrm-openapi/testing": "workspace:*",
      "@types/node": "catalog:",
      msw: "catalog:",
      tsx: "catalog:",
      typescript: "catalog:",
      vitest: "catalog:",
    },
    // The ./msw entry's (@scrm-openapi/msw brings openapi-msw and faker as its own peers); optional, as only frontend
    // and test code imports it.
    peerDependencies: { "@scrm-openapi/msw": "workspace:^", msw: "^2.12.0" },
    peerDependenciesMeta: { "@scrm-openapi/msw": { optional: true }, msw: { optional: true } },
  };
}

const pascal = (id: string) =>
  id
    .split("-")
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join("");

function mswEntry(id: string, name: string): string {
  const Name = pascal(id);
  return `// @scrm-openapi/${id}/msw — MSW handlers for ${name} from specs/${id}: every operation answers its spec example, and
// \`Prefer: example=<name>\` or scenario()/fail() pick the errors. Stateful handlers go here (see packages/weiling/src/msw.ts).
import { createVendorMocks, type MockOptions, type VendorMocks } from "@scrm-openapi/msw";
import { meta } from "./generated/meta.js";
import { type MockExamples, mockData } from "./generated/mocks.js";
import type { paths } from "./generated/schema.js";

export type { MockOptions, ScenarioOptions } from "@scrm-openapi/msw";
export type { MockExamples };
export type ${Name}Mocks = VendorMocks<paths, MockExamples>;

/** ${name}'s mocks: \`setupWorker(...create${Name}Mocks().handlers)\` in a page, \`setupServer(...)\` in Node tests. */
export function create${Name}Mocks(options: MockOptions = {}): ${Name}Mocks {
  return createVendorMocks<paths, MockExamples>(meta, mockData, options);
}
`;
}

function examplesTest(id: string): string {
  const Name = pascal(id);
  return `// Every operation's named examples from specs/${id}, through the client, against Prism (tools/testing/src/examples.ts).
import { describeExamples, exampleCases, mockUrl } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { create${Name}Client, meta } from "../src/index.js";

const client = create${Name}Client({
  baseUrl: mockUrl("${id}"),
  getAccessToken: async () => "mock-token",
  retry: false,
} as never);
const cases = await exampleCases("${id}");
if (cases.length > 0) {
  describeExamples("${id}", cases, client);
} else {
  // Before the first operation there is nothing to drive: the suite still checks the client builds from the spec.
  describe("${id} before its first operation", () => {
    it("builds a client from the spec, which declares no operation yet", () => {
      expect(meta.vendor.id).toBe("${id}");
      expect(meta.operations).toEqual([]);
      expect(typeof client.request).toBe("function");
    });
  });
}
`;
}
