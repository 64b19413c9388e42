// The published packages as a new user meets them: `pnpm pack` each one, `npm install` the tarballs into a fresh
// project outside the workspace, lint the tarballs (publint, attw), type-check a user's code under `nodenext` and
// `bundler` resolution (without @types/node for the client; our .d.ts files themselves are checked once, under the
// strict nodenext settings, TypeScript's own lib files not), and run it against the Prism mock.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { type MockServer, startMock } from "@scrm-openapi/mock";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const PACKAGES = ["core", "msw", "redis", "weiban", "weiling", "tanma", "planyun"];

let root: string;
let app: string;
let mock: Promise<MockServer> | undefined;
const tarballs = new Map<string, string>();

beforeAll(async () => {
  // Prism starts while the packages are packed and installed (it waits on its own child process).
  mock = startMock("weiban", { port: 0 });
  mock.catch(() => undefined); // its failure is reported by the test that uses it
  root = await mkdtemp(join(tmpdir(), "scrm-consumer-"));
  const packed = join(root, "tarballs");
  await mkdir(packed);
  // One pnpm process packs them all (it rewrites workspace:* to the packed versions, as publishing does).
  await run("pnpm", ["-r", "--filter", "./packages/*", "pack", "--pack-destination", packed], { cwd: repo });
  for (const file of await readdir(packed))
    tarballs.set(file.replace(/^scrm-openapi-(.*)-\d+\.\d+\.\d+\.tgz$/, "$1"), join(packed, file));
  app = join(root, "app");
  await mkdir(app);
  const dependencies = Object.fromEntries(
    PACKAGES.map((name) => [`@scrm-openapi/${name}`, `file:${tarballs.get(name)}`]),
  );
  await writeFile(
    join(app, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { ...dependencies, ioredis: "^5.4.0", "@types/node": "^20.19.0" },
    }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error"], {
    cwd: app,
  });
  await cp(join(here, "../fixture"), app, { recursive: true });
}, 180_000);

afterAll(async () => {
  await mock?.then((m) => m.stop()).catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

// Every test at once: the type-check and the mock run are child processes that work while attw and publint (in this
// process) check the tarballs; the suite is the last one turbo starts, so its wall time is npm test's tail.
describe.concurrent("the packed packages", () => {
  describe("a user's code, type-checked against the installed packages", () => {
    // One `tsc -b` process for the three settings: build mode shares the parsed lib and package .d.ts files between
    // them (about 8.6 CPU-s against 10.9 for three processes). A failure prints the file and line, not the setting.
    // The client is checked without @types/node under both resolutions, so each @ts-expect-error mistake must be
    // rejected under both; the Node-only parts (webhooks, Redis stores) are checked with @types/node.
    it("nodenext (strict), bundler and server settings all compile", async () => {
      const configs = ["tsconfig.nodenext.json", "tsconfig.bundler.json", "tsconfig.server.json"];
      const result = await run(process.execPath, [tsc, "-b", ...configs], { cwd: app }).catch(
        (e: { stdout?: string }) => e,
      );
      expect((result as { stdout?: string }).stdout ?? "").toBe("");
    });
  });

  describe("a user's code, run", () => {
    it("calls the Prism mock through the installed client: data, pagination and a typed error", async () => {
      if (!mock) throw new Error("beforeAll did not start the mock");
      const { url } = await mock;
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
    it.each(PACKAGES)(
      "@scrm-openapi/%s ships dist, README and LICENSE, and no source maps or sources",
      async (name) => {
        const { stdout } = await run("tar", ["tzf", tarballs.get(name) ?? ""]);
        const files = stdout.trim().split("\n");
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
      const tarball = await readFile(tarballs.get(name) ?? "");
      const { messages } = await publint({
        pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
        strict: true,
      });
      expect(messages).toEqual([]);
    });

    // ESM only, by choice (README): require() of ESM works from Node 20.19, which `engines` asks for. attw's esm-only
    // profile (the CLI's --profile esm-only) leaves out the node10 and CommonJS resolutions and must find nothing else.
    // Its core library, in this process: one TypeScript load for all six tarballs instead of one CLI run each.
    it.each(PACKAGES)("@scrm-openapi/%s: attw (esm-only profile) finds no problem", async (name) => {
      const analysis = await checkPackage(
        createPackageFromTarballData(new Uint8Array(await readFile(tarballs.get(name) ?? ""))),
      );
      expect(analysis.types, "attw found no types").toBeTruthy();
      const ignored = ["node10", "node16-cjs"];
      const problems = "problems" in analysis ? analysis.problems : [];
      expect(problems.filter((p) => !("resolutionKind" in p) || !ignored.includes(p.resolutionKind))).toEqual([]);
    });
  });
});
