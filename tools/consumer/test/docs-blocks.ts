// The markdown samples as one strict TypeScript project inside the consumer app (so they resolve the installed
// tarballs as a user's code would), and the runnable ones as scripts run against the Prism mocks.
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Block } from "./markdown.js";

const run = promisify(execFile);

export interface BlockFile {
  block: Block;
  /** Path inside the app, e.g. docs/README-md-L38.ts. */
  file: string;
  /** Lines of hidden context before the block's first line. */
  preludeLines: number;
}

export const DOCS_CONFIG = "tsconfig.docs.json";

/** Writes each block as a module of its own (`export {}`: top-level await, no clashes) and one tsconfig for all. */
export async function writeBlocks(app: string, blocks: readonly Block[]): Promise<BlockFile[]> {
  await mkdir(join(app, "docs"), { recursive: true });
  const files = blocks.map((block) => ({
    block,
    file: `docs/${block.source.replace(/[^A-Za-z0-9]+/g, "-")}-L${block.line}.ts`,
    preludeLines: block.prelude === "" ? 0 : block.prelude.split("\n").length,
  }));
  for (const { block, file } of files) {
    const prelude = block.prelude === "" ? "" : `${block.prelude}\n`;
    await writeFile(join(app, file), `${prelude}${block.code}\nexport {};\n`);
  }
  const compilerOptions = {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["ES2022", "DOM"],
    types: ["node"],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  await writeFile(join(app, DOCS_CONFIG), JSON.stringify({ compilerOptions, include: ["docs/*.ts"] }));
  // Once, before any block runs: a block started while another test rewrote it could read it half-written.
  await writeFile(join(app, "docs/redirect.mjs"), REDIRECT);
  return files;
}

/** The portal's TypeScript samples (each operation's x-codeSamples in site/<vendor>/openapi.json), as built by setup. */
export interface PortalSample {
  vendor: string;
  operationId: string;
  /** Path inside the app, e.g. docs/portal-weiban-listTags.ts: in the docs project, beside the blocks. */
  file: string;
}

/**
 * Writes every TypeScript sample of the built docs portal into the app's docs project, so the one `tsc -b` checks them
 * against the installed tarballs as a reader who pastes one would (the portal is built by `npm run setup`).
 */
export async function writePortalSamples(app: string, site: string): Promise<PortalSample[]> {
  const vendors = await readdir(site, { withFileTypes: true }).catch(() => {
    throw new Error(`no built docs portal at ${site}: run \`npm run setup\` (it builds site/)`);
  });
  const written: PortalSample[] = [];
  for (const dir of vendors.filter((d) => d.isDirectory())) {
    const spec = await readFile(join(site, dir.name, "openapi.json"), "utf8").catch(() => undefined);
    if (spec === undefined) continue;
    const paths = (JSON.parse(spec) as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
    for (const item of Object.values(paths)) {
      for (const op of Object.values(item) as {
        operationId?: string;
        "x-codeSamples"?: { lang: string; source: string }[];
      }[]) {
        const source = op["x-codeSamples"]?.find((s) => s.lang === "TypeScript")?.source;
        if (!op.operationId || source === undefined) continue;
        const file = `docs/portal-${dir.name}-${op.operationId}.ts`;
        await writeFile(join(app, file), `${source}export {};\n`);
        written.push({ vendor: dir.name, operationId: op.operationId, file });
      }
    }
  }
  return written;
}

/** tsc's lines about the block files, pointed at the markdown (`README.md:41:7 error TS…`); others are dropped. */
export function blockDiagnostics(output: string, files: readonly BlockFile[]): string[] {
  const byFile = new Map(files.map((f) => [f.file, f]));
  const found: string[] = [];
  for (const match of output.matchAll(/^(docs\/[^(]+\.ts)\((\d+),(\d+)\): (.*)$/gm)) {
    const entry = byFile.get(match[1] ?? "");
    if (!entry) continue;
    const line = Number(match[2]) - entry.preludeLines;
    const where =
      line >= 1
        ? `${entry.block.source}:${entry.block.line + line - 1}:${match[3]}`
        : `${entry.block.source}:${entry.block.line} (its hidden <!-- ts --> context)`;
    found.push(`${where} ${match[4]}`);
  }
  return found;
}

/** Node's `--import` hook: every vendor's default host is sent to its mock, so a sample runs as printed. */
const REDIRECT = `const mocks = JSON.parse(process.env.SCRM_MOCKS ?? "{}");
const hosts = [];
for (const [vendor, url] of Object.entries(mocks)) {
  const { meta } = await import(\`@scrm-openapi/\${vendor}\`);
  hosts.push([meta.vendor.baseUrl, url]);
}
const original = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const request = input instanceof Request ? input : undefined;
  const href = request ? request.url : String(input);
  const host = hosts.find(([from]) => href.startsWith(from));
  if (!host) return original(input, init);
  const url = host[1] + href.slice(host[0].length);
  return original(request ? new Request(url, request) : url, init);
};
`;

/** Credentials the samples read from the environment: any value passes the mocks' auth checks. */
const SAMPLE_ENV = {
  WEIBAN_CORP_ID: "wwdocs",
  WEIBAN_SECRET: "docs-secret",
  WEILING_APP_ID: "docs-app",
  WEILING_APP_SECRET: "docs-secret",
  TANMA_APP_ID: "ww51046ddc4f4df510_Docs",
  TANMA_APP_KEY: "docs-app-key",
};

/** Runs a runnable block (transpiled by esbuild) with the app's node_modules; resolves with its output or rejects. */
export async function runBlock(
  app: string,
  entry: BlockFile,
  mocks: Readonly<Record<string, string>>,
): Promise<{ stdout: string; stderr: string }> {
  const { transform } = await import("esbuild");
  const source = `${entry.block.prelude}\n${entry.block.code}\nexport {};\n`;
  const script = entry.file.replace(/\.ts$/, ".mjs");
  await writeFile(join(app, script), (await transform(source, { loader: "ts", format: "esm" })).code);
  return run(process.execPath, ["--import", "./docs/redirect.mjs", script], {
    cwd: app,
    timeout: 30_000,
    env: { ...process.env, ...SAMPLE_ENV, PLANYUN_BASE_URL: mocks.planyun ?? "", SCRM_MOCKS: JSON.stringify(mocks) },
  });
}
