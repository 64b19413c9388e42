// The published packages as a new user meets them before the first release: `pnpm pack:all` (scripts/pack-all.mjs)
// packs every publishable package, `npm install <folder>/*.tgz` installs them into a fresh project outside the
// workspace; then lint the tarballs (publint, attw), type-check a user's code under `nodenext` and `bundler`
// resolution with TypeScript 7 (without @types/node for the client; our .d.ts files themselves are checked under the
// strict nodenext settings, by TypeScript 7 and 5.9, TypeScript's own lib files not), type-check every ```ts block of
// the README files and docs/ (strict), and run the user's code and the blocks marked `// runnable` against the Prism
// mocks.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type MockServer, startMocks } from "@scrm-openapi/mock";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BlockFile,
  blockDiagnostics,
  DOCS_CONFIG,
  type PortalSample,
  runBlock,
  writeBlocks,
  writePortalSamples,
} from "./docs-blocks.js";
import { extractBlocks, markdownFiles } from "./markdown.js";
import { listTarball } from "./tarball.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const require = createRequire(import.meta.url);
const tsc5 = require.resolve("typescript/bin/tsc");
const tsc7 = join(here, "../node_modules/typescript-7/bin/tsc"); // its exports map has no ./bin
/** What pack:all must pack: every package under packages/ that is not private. */
const PACKAGES = readdirSync(join(repo, "packages"))
  .map((dir) => JSON.parse(readFileSync(join(repo, "packages", dir, "package.json"), "utf8")) as Manifest)
  .filter((pkg) => pkg.private !== true)
  .map((pkg) => pkg.name.replace("@scrm-openapi/", ""))
  .sort();
const BLOCKS = markdownFiles(repo).flatMap((file) => extractBlocks(repo, file));
const RUNNABLE = BLOCKS.filter((b) => b.runnable);
/** The mocks to start: weiban for the user's code, and every vendor a runnable block imports. */
const MOCKED = [
  ...new Set(["weiban", ...RUNNABLE.flatMap((b) => [...b.code.matchAll(/@scrm-openapi\/(\w+)/g)].map((m) => m[1]))]),
].filter((v): v is string => v !== undefined && PACKAGES.includes(v) && v !== "core" && v !== "redis");
/**
 * Third-party packages the samples need besides ours: the MSW subpaths' peers, and whatever a block imports (express,
 * …). They are linked from the workspace (the catalog's versions, what a user's `npm add` would get) instead of
 * downloaded again; each one's @types package comes along when the workspace has it.
 */
const THIRD_PARTY = [
  ...new Set([
    "msw",
    "openapi-msw",
    "@faker-js/faker",
    ...BLOCKS.flatMap((b) =>
      [...`${b.prelude}\n${b.code}`.matchAll(/(?:from|import)\s*\(?\s*"((?:@[\w.-]+\/)?[\w.-]+)[^"]*"/g)].map(
        (m) => m[1] ?? "",
      ),
    ),
  ]),
].filter((name) => name !== "" && !name.startsWith("@scrm-openapi/") && !["ioredis", "node"].includes(name));

interface Manifest {
  name: string;
  private?: boolean;
}

let root: string;
let app: string;
let mocks: Promise<MockServer[]> | undefined;
let blockFiles: BlockFile[] = [];
let portalSamples: PortalSample[] = [];
const tarballs = new Map<string, string>();
/** Each tarball's bytes, read once for the listing, publint and attw. */
const bytes = new Map<string, Promise<Buffer<ArrayBuffer>>>();
const tarball = (name: string) => {
  const read = bytes.get(name) ?? readFile(tarballs.get(name) ?? "");
  bytes.set(name, read);
  return read;
};

beforeAll(async () => {
  // Prism starts while the packages are packed and installed (it waits on its own child process).
  // Its start-up deadline is the hook's: Prism competes with npm and tsc for the cores on a loaded machine.
  mocks = startMocks(MOCKED, { port: 0, timeoutMs: 170_000 });
  mocks.catch(() => undefined); // its failure is reported by the test that uses it
  root = await mkdtemp(join(tmpdir(), "scrm-consumer-"));
  const packed = join(root, "packed");
  // The documented command (turbo has built the packages before this suite, so --no-build).
  await run(process.execPath, [join(repo, "scripts/pack-all.mjs"), packed, "--no-build"], { cwd: repo });
  for (const file of await readdir(packed))
    tarballs.set(file.replace(/^scrm-openapi-(.*)-\d+\.\d+\.\d+\.tgz$/, "$1"), join(packed, file));
  app = join(root, "app");
  await mkdir(app);
  await writeFile(
    join(app, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { ioredis: "^5.4.0", "@types/node": "^20.19.0" },
    }),
  );
  // `npm install <folder>/*.tgz`, as README and CONTRIBUTING say. npm still resolves the peers (a conflict is still
  // ERESOLVE) but does not install them: linkPeers links the workspace's pinned versions instead of the newest npm
  // would fetch (msw 2.15 on 2026-12-06), so the check does not change with each msw release.
  const flags = ["--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error", "--omit=peer"];
  await run("npm", ["install", ...flags, ...[...tarballs.values()].sort()], { cwd: app });
  await linkPeers(app);
  await cp(join(here, "../fixture"), app, { recursive: true });
  blockFiles = await writeBlocks(app, BLOCKS);
  portalSamples = await writePortalSamples(app, join(repo, "site"));
}, 180_000);

afterAll(async () => {
  await mocks?.then((servers) => Promise.all(servers.map((m) => m.stop()))).catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

async function linkPeers(into: string): Promise<void> {
  const holders = ["packages", "tools"].flatMap((group) =>
    readdirSync(join(repo, group)).map((dir) => join(repo, group, dir, "node_modules")),
  );
  const link = async (name: string) => {
    // What npm installed (a dependency of ours, @types/node) stays.
    if (existsSync(join(into, "node_modules", name))) return true;
    const holder = holders.find((dir) => existsSync(join(dir, name)));
    if (!holder) return false;
    const target = join(into, "node_modules", name);
    await mkdir(dirname(target), { recursive: true });
    await symlink(await realpath(join(holder, name)), target, "dir");
    return true;
  };
  for (const name of THIRD_PARTY) {
    // Node's own modules need nothing (@types/node is installed); anything else must be in the workspace.
    if (!name.includes("/") && !name.startsWith("@") && builtinModules.includes(name)) continue;
    if (!(await link(name))) throw new Error(`a markdown sample imports ${name}, which no workspace package has`);
    await link(`@types/${name.replace(/^@([^/]+)\//, "$1__")}`);
  }
}

/**
 * The type-check, shared by the tests that read its output. TypeScript 7, what `npm add -D typescript` installs now,
 * checks the fixtures and every block in one `tsc -b`; TypeScript 5.9 checks the strict nodenext fixture, which reads
 * every .d.ts of ours (skipLibCheck off). Its lines are marked "TypeScript 5.9:".
 */
let typecheck: Promise<string> | undefined;
const compile = (tsc: string, args: string[]) =>
  run(process.execPath, [tsc, ...args], { cwd: app }).then(
    ({ stdout }) => stdout,
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
const typechecked = () => {
  const configs = ["tsconfig.nodenext.json", "tsconfig.bundler.json", "tsconfig.server.json", DOCS_CONFIG];
  typecheck ??= Promise.all([
    compile(tsc7, ["-b", ...configs, "--singleThreaded"]),
    compile(tsc5, ["-p", "tsconfig.nodenext.json"]).then((out) =>
      out
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => `TypeScript 5.9: ${line}`)
        .join("\n"),
    ),
  ]).then((outputs) => outputs.join("\n"));
  return typecheck;
};
const mockUrl = async (vendor: string) => {
  if (!mocks) throw new Error("beforeAll did not start the mocks");
  const found = (await mocks).find((m) => m.vendor === vendor);
  if (!found) throw new Error(`no ${vendor} mock`);
  return found.url;
};

// Every test at once: the type-check and the mock run are child processes that work while attw and publint (in this
// process) check the tarballs; the suite is the last one turbo starts, so its wall time is npm test's tail.
describe.concurrent("the packed packages", () => {
  describe("a user's code, type-checked against the installed packages", () => {
    // One `tsc -b` process for the three settings: build mode shares the parsed lib and package .d.ts files between
    // them. A failure prints the file and line, not the setting.
    // The client is checked without @types/node under both resolutions, so each @ts-expect-error mistake must be
    // rejected under both; the Node-only parts (webhooks, Redis stores) are checked with @types/node.
    it("nodenext (strict), bundler and server settings all compile (nodenext under TypeScript 5.9 too)", async () => {
      const lines = (await typechecked()).split("\n").filter((l) => l.trim() !== "" && !l.startsWith("docs/"));
      expect(lines).toEqual([]);
    }, 150_000);
  });

  describe("the markdown's TypeScript blocks", () => {
    it("every ```ts block of README.md, the package READMEs and docs/ compiles under strict", async () => {
      expect(blockFiles.length).toBe(BLOCKS.length);
      expect(BLOCKS.length).toBeGreaterThanOrEqual(10);
      expect(blockDiagnostics(await typechecked(), blockFiles)).toEqual([]);
    }, 150_000);

    it("every TypeScript sample of the docs portal (one per operation) compiles under strict", async () => {
      // As many samples as the portal's specs have operations, every vendor among them.
      const operations = readdirSync(join(repo, "site"), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(repo, "site", d.name, "openapi.json")))
        .flatMap((d) => {
          const doc = JSON.parse(readFileSync(join(repo, "site", d.name, "openapi.json"), "utf8")) as {
            paths: Record<string, Record<string, { operationId?: string }>>;
          };
          return Object.values(doc.paths).flatMap((item) => Object.values(item).filter((op) => op.operationId));
        });
      expect(portalSamples.length).toBe(operations.length);
      expect(new Set(portalSamples.map((s) => s.vendor))).toEqual(new Set(["planyun", "tanma", "weiban", "weiling"]));
      const lines = (await typechecked()).split("\n").filter((l) => l.startsWith("docs/portal-"));
      expect(lines).toEqual([]);
    }, 150_000);

    it("some blocks are marked runnable", () => {
      expect(RUNNABLE.length).toBeGreaterThanOrEqual(2);
    });

    it.each(RUNNABLE.map((b) => [`${b.source}:${b.line}`, b] as const))("%s runs against the mock", async (_, b) => {
      const urls = Object.fromEntries(await Promise.all(MOCKED.map(async (v) => [v, await mockUrl(v)] as const)));
      const entry = blockFiles.find((f) => f.block === b);
      if (!entry) throw new Error("block not written");
      // A failure exits non-zero (every sample rethrows), which rejects; a success printed what it got.
      const { stdout } = await runBlock(app, entry, urls);
      expect(stdout.trim()).not.toBe("");
    });
  });

  describe("a user's code, run", () => {
    it("calls the Prism mock through the installed client: data, pagination and a typed error", async () => {
      const url = await mockUrl("weiban");
      // Transpile only (the type-check test checks the types), then run with the app's own node_modules.
      const { transform } = await import("esbuild");
      const source = await readFile(join(app, "client.ts"), "utf8");
      await writeFile(join(app, "client.mjs"), (await transform(source, { loader: "ts", format: "esm" })).code);
      const { stdout } = await run(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { main } from "./client.mjs"; console.log(await main(${JSON.stringify(url)}));`,
        ],
        { cwd: app },
      );
      expect(stdout.trim()).toMatch(/^SJ\d+ users:\d+ ScrmApiError 22201 未找到商机记录$/);
    });
  });

  describe("the tarballs", () => {
    it("pack:all packed every publishable package, core included", () => {
      expect([...tarballs.keys()].sort()).toEqual(PACKAGES);
      expect(PACKAGES).toContain("core");
      // turbo builds a package before this suite only when the suite depends on it: one left out could be packed while
      // its build is still rewriting dist/ (seen with mcp when its sources had changed).
      const own = JSON.parse(readFileSync(join(here, "../package.json"), "utf8")) as { devDependencies: object };
      expect(Object.keys(own.devDependencies)).toEqual(
        expect.arrayContaining(PACKAGES.map((p) => `@scrm-openapi/${p}`)),
      );
    });

    it.each(PACKAGES)(
      "@scrm-openapi/%s ships dist, README and LICENSE, and no source maps or sources",
      async (name) => {
        // `tar tzf`'s listing, read in this process (tarball.ts).
        const files = listTarball(await tarball(name));
        expect(files).toEqual(
          expect.arrayContaining([
            "package/LICENSE",
            "package/README.md",
            "package/dist/index.js",
            "package/dist/index.d.ts",
          ]),
        );
        expect(files.filter((f) => f.endsWith(".map") || f.includes("/src/"))).toEqual([]);
      },
    );

    it.each(PACKAGES)("@scrm-openapi/%s: publint reports nothing", async (name) => {
      const data = await tarball(name);
      const { messages } = await publint({
        pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
        strict: true,
      });
      expect(messages).toEqual([]);
    });

    // ESM only, by choice (README): require() of ESM works from Node 20.19, which `engines` asks for. attw's esm-only
    // profile (the CLI's --profile esm-only) leaves out the node10 and CommonJS resolutions and must find nothing else.
    // Its core library, in this process: one TypeScript load for all the tarballs instead of one CLI run each. Loaded
    // here, after the spawns of the set-up: a fork copies the worker's memory map, which its TypeScript would enlarge.
    it.each(PACKAGES)("@scrm-openapi/%s: attw (esm-only profile) finds no problem", async (name) => {
      const { checkPackage, createPackageFromTarballData } = await import("@arethetypeswrong/core");
      const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(await tarball(name))));
      expect(analysis.types, "attw found no types").toBeTruthy();
      const ignored = ["node10", "node16-cjs"];
      const problems = "problems" in analysis ? analysis.problems : [];
      expect(problems.filter((p) => !("resolutionKind" in p) || !ignored.includes(p.resolutionKind))).toEqual([]);
    });
  });
});
