// The README's MSW snippet in a real Vite app, built for production and for development: the production bundle holds
// the client and nothing of the mocks (no msw, openapi-msw, faker, ajv or @scrm-openapi/msw module), the development
// build loads the mocks as a lazy chunk, and faker's English locale is in neither (only zh_CN and base).
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const MOCK_MODULES = /node_modules\/(?:msw|openapi-msw|@faker-js|ajv|ajv-formats|@mswjs)\/|packages\/msw\/dist\//;

/** The README's `ts` block that sets up the MSW worker. */
async function readmeSnippet(): Promise<string> {
  const readme = await readFile(join(repo, "README.md"), "utf8");
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? "")
    .find((code) => code.includes("@scrm-openapi/weiling/msw"));
  if (!block) throw new Error("README.md has no MSW snippet");
  return block;
}

interface Built {
  chunks: Rolldown.OutputChunk[];
  /** Bytes (minified) and gzip bytes of every chunk, and of the entry chunk alone. */
  total: { min: number; gzip: number };
  entry: { min: number; gzip: number };
}

let app: string;

async function buildApp(mode: "production" | "development"): Promise<Built> {
  // Vite reads NODE_ENV for import.meta.env.DEV, and vitest sets it to "test".
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = mode;
  const output = (await build({
    root: app,
    mode,
    logLevel: "silent",
    configFile: false,
    // Development mode keeps import.meta.env.DEV true, as `vite` (the dev server) has it; still minified, for sizes.
    build: { outDir: join(app, `dist-${mode}`), minify: true, write: false, target: "es2022" },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  })) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((o): o is Rolldown.OutputChunk => o.type === "chunk");
  const size = (code: string) => ({ min: Buffer.byteLength(code), gzip: gzipSync(code).length });
  const sum = (list: Rolldown.OutputChunk[]) =>
    list
      .map((c) => size(c.code))
      .reduce((a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip }), { min: 0, gzip: 0 });
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error("no entry chunk");
  return { chunks, total: sum(chunks), entry: size(entry.code) };
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const modulesOf = (chunks: Rolldown.OutputChunk[]) => chunks.flatMap((c) => c.moduleIds);

let production: Built;
let development: Built;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), "scrm-msw-vite-"));
  // The browser tool's dependencies (the vendor packages, msw) as the app's own, as after `npm install`.
  await symlink(join(here, "../node_modules"), join(app, "node_modules"), "dir");
  const snippet = await readmeSnippet();
  const main = `${snippet}
import { createWeilingClient } from "@scrm-openapi/weiling";
const client = createWeilingClient({ appId: "dev", appSecret: "dev" });
document.body.dataset.ready = typeof client.POST;
`;
  await writeFile(join(app, "main.ts"), main);
  await writeFile(join(app, "index.html"), `<!doctype html><script type="module" src="./main.ts"></script>`);
  production = await buildApp("production");
  development = await buildApp("development");
  const validator = development.chunks.filter((c) => c.moduleIds.some((id) => /node_modules\/ajv/.test(id)));
  const validatorBytes = validator.reduce((n, c) => n + Buffer.byteLength(c.code), 0);
  console.info(
    `README MSW snippet, Vite: production ${kB(production.total.min)} min / ${kB(production.total.gzip)} gzip; ` +
      `development ${kB(development.total.min)} / ${kB(development.total.gzip)} ` +
      `(entry ${kB(development.entry.min)} / ${kB(development.entry.gzip)}; ` +
      `the validator's lazy chunk${validator.length === 1 ? "" : "s"} ${kB(validatorBytes)})`,
  );
}, 180_000);

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

describe("the README's MSW snippet in a Vite app", () => {
  it("production: the client only; no module of the mocks is bundled", () => {
    const modules = modulesOf(production.chunks);
    expect(modules.filter((id) => /weiling\/dist\/(?:index|generated\/client)\.js$/.test(id))).not.toEqual([]);
    expect(modules.filter((id) => MOCK_MODULES.test(id))).toEqual([]);
    expect(production.chunks.some((c) => c.code.includes("mockServiceWorker"))).toBe(false);
  });

  it("development: the mocks come as lazy chunks, the entry keeps the client alone", () => {
    const entry = development.chunks.find((c) => c.isEntry);
    expect(entry?.moduleIds.filter((id) => MOCK_MODULES.test(id))).toEqual([]);
    expect(entry?.dynamicImports.length).toBeGreaterThan(0);
    const lazy = modulesOf(development.chunks.filter((c) => !c.isEntry));
    expect(lazy.some((id) => id.includes("packages/weiling/dist/msw.js"))).toBe(true);
    expect(lazy.some((id) => /node_modules\/msw\//.test(id))).toBe(true);
  });

  it("faker's English locale is left out: zh_CN and base only", () => {
    const modules = modulesOf(development.chunks);
    expect(modules.some((id) => id.includes("@faker-js/faker"))).toBe(true);
    const code = development.chunks.map((c) => c.code).join("\n");
    // The first names of faker's en locale (Aaliyah, Abagail); zh_CN's surnames are there.
    expect(/Aaliyah|Abagail/.test(code)).toBe(false);
    expect(code.includes("欧阳")).toBe(true);
  });
});
