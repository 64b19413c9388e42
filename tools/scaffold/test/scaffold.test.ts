// `pnpm new-vendor` in a temporary copy of the repository: the new vendor's spec lints, codegen generates its
// package, and the whole repository still type-checks and formats — with no step by hand in between.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runGenerate } from "@scrm-openapi/codegen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scaffoldVendor } from "../src/index.js";

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const env = { ...process.env, CI: "true", REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "scrm-scaffold-"));
  // The working tree as git sees it (tracked and new files, nothing ignored): no node_modules, dist or caches. One tar
  // pipe instead of ~1700 copies from this process; a file deleted but not yet staged is skipped.
  const files = "git ls-files --cached --others --exclude-standard -z";
  const pipe = `set -o pipefail; ${files} | tar --null -T - --ignore-failed-read -cf - | tar -xf - -C "$0"`;
  await run("bash", ["-c", pipe, copy], { cwd: repo });
  await symlink(join(repo, "node_modules"), join(copy, "node_modules"));
  await scaffoldVendor(copy, { id: "qiwei", name: "企微云 Qiwei", auth: "query-token" });
  await linkWorkspace(copy);
  await seedMockCache(copy);
}, 120_000);

/**
 * The repository's mock bundles (tools/mock/bin/bundle.mjs: a record per bundle and the file it names, with its V8
 * code cache), as a second checkout sharing node_modules would have them: the copy's first mock start then reuses the
 * Prism bundle, whose inputs are the same, and rebuilds the ones that hold the repository's paths.
 */
async function seedMockCache(root: string): Promise<void> {
  const cache = "tools/mock/node_modules/.cache/scrm-openapi-mock";
  const records = (await readdir(join(repo, cache)).catch(() => [])).filter((name) => name.endsWith(".json"));
  await mkdir(join(root, cache), { recursive: true });
  for (const record of records) {
    const { file } = JSON.parse(await readFile(join(repo, cache, record), "utf8")) as { file: string };
    for (const name of [record, file, `${file}.v8`]) {
      await copyFile(join(repo, cache, name), join(root, cache, name)).catch(() => undefined);
    }
  }
}

/**
 * What `pnpm install` would do in the copy, by links instead of an install: each workspace package gets a node_modules
 * whose @scrm-openapi tools are the copy's own (so the copy's vendor list is the one its tools read) and whose other
 * dependencies are the repository's installed and built ones (a new vendor borrows Weiban's: the same list).
 */
async function linkWorkspace(root: string): Promise<void> {
  const dirs = new Map<string, string>();
  for (const group of ["packages", "tools"]) {
    for (const name of await readdir(join(root, group))) {
      const pkg = await readFile(join(root, group, name, "package.json"), "utf8").catch(() => undefined);
      if (pkg) dirs.set((JSON.parse(pkg) as { name: string }).name, join(group, name));
    }
  }
  for (const dir of dirs.values()) {
    const pkg = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8")) as Record<string, unknown>;
    const deps = ["dependencies", "devDependencies", "peerDependencies"].flatMap((k) =>
      Object.keys((pkg[k] ?? {}) as Record<string, string>),
    );
    const installed = join(repo, dir.replace("packages/qiwei", "packages/weiban"), "node_modules");
    for (const dep of new Set(deps)) {
      const workspace = dirs.get(dep);
      // The tools from the copy (they read its vendor list), the published packages as built in the repository.
      const target = workspace?.startsWith("tools/") ? join(root, workspace) : join(installed, dep);
      await mkdir(dirname(join(root, dir, "node_modules", dep)), { recursive: true });
      await symlink(target, join(root, dir, "node_modules", dep)).catch(() => undefined);
    }
  }
}

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe("pnpm new-vendor qiwei", () => {
  it("registers the vendor where every tool reads the vendor list", async () => {
    expect(await readFile(join(copy, "tools/codegen/src/vendors.ts"), "utf8")).toContain(
      'export const VENDORS = ["weiling", "weiban", "tanma", "planyun", "qiwei"] as const;',
    );
    expect(await readFile(join(copy, ".gitignore"), "utf8")).toContain("/packages/qiwei/README.md\n");
    expect(await readFile(join(copy, "redocly.yaml"), "utf8")).toContain(
      "qiwei@v1:\n    root: specs/qiwei/openapi.yaml",
    );
    const spec = await readFile(join(copy, "specs/qiwei/openapi.yaml"), "utf8");
    expect(spec).toContain("mockPort: 4014");
  });

  it("then generate writes the package, and lint, format and the repository's typecheck pass", async () => {
    // What `pnpm generate qiwei` runs, in this process (a CLI start and a second bundle less).
    expect((await runGenerate({ root: copy, vendors: ["qiwei"] })).written.length).toBeGreaterThan(0);
    expect(await readFile(join(copy, "packages/qiwei/src/generated/client.ts"), "utf8")).toContain(
      "export function createQiweiClient(",
    );
    expect(await readFile(join(copy, "packages/qiwei/src/index.ts"), "utf8")).toContain(
      'export * from "./generated/client.js";',
    );
    // …and the MSW mock data its ./msw entry (written by new-vendor) reads.
    expect(await readFile(join(copy, "packages/qiwei/src/generated/mocks.ts"), "utf8")).toContain(
      "export const mockData",
    );
    // …and the unified mapping its ./unified subpath exports (no block before the spec maps an operation).
    const pkg = JSON.parse(await readFile(join(copy, "packages/qiwei/package.json"), "utf8")) as {
      exports: Record<string, { default: string }>;
    };
    expect(pkg.exports["./unified"]?.default).toBe("./dist/generated/unified.js");
    expect(await readFile(join(copy, "packages/qiwei/src/generated/unified.ts"), "utf8")).toMatch(
      /export const mapping = \{\n\s+vendor: "qiwei",\n\s+blocks: \[\],?\n\} as const;/,
    );
    expect((await runGenerate({ root: copy, vendors: ["qiwei"], check: true })).stale).toEqual([]);
    await run(join(copy, "node_modules/.bin/redocly"), ["lint", "qiwei@v1"], { cwd: copy, env });
    await run(join(copy, "node_modules/.bin/biome"), ["check", "packages/qiwei", "specs", "tools/codegen/src"], {
      cwd: copy,
      env,
    });
    // The repository's typecheck (its paths), over the new package and a use of its mapping as a unified client's.
    await writeFile(
      join(copy, "unified-qiwei.ts"),
      [
        'import { createQiweiClient } from "@scrm-openapi/qiwei";',
        'import { mapping } from "@scrm-openapi/qiwei/unified";',
        'import { createUnifiedClient } from "@scrm-openapi/unified";',
        'const client = createQiweiClient({ baseUrl: "http://127.0.0.1:1", getAccessToken: async () => "t" });',
        "export const unified = createUnifiedClient(client, mapping);",
        "",
      ].join("\n"),
    );
    await writeFile(
      join(copy, "tsconfig.qiwei.json"),
      JSON.stringify({
        extends: "./tsconfig.json",
        include: ["packages/qiwei/src", "packages/qiwei/test", "unified-qiwei.ts"],
      }),
    );
    const tsc = join(repo, "tools/typecheck/node_modules/typescript-7/bin/tsc");
    await run(process.execPath, [tsc, "-p", "tsconfig.qiwei.json", "--singleThreaded"], { cwd: copy, env });
  });

  it("its test suite is green before its first operation (the vendor's Prism mock, the client)", async () => {
    const vitest = join(copy, "node_modules/vitest/vitest.mjs");
    const { stdout } = await run(
      process.execPath,
      [vitest, "run", "--config", "vitest.config.ts", "--project", "qiwei", "--reporter", "default"],
      { cwd: copy, env },
    );
    expect(stdout).toMatch(/1 passed/);
  });

  it("refuses an id that exists or is not lower case", async () => {
    await expect(scaffoldVendor(copy, { id: "weiban", name: "x" })).rejects.toThrow(/already exists/);
    await expect(scaffoldVendor(copy, { id: "Bad_Id", name: "x" })).rejects.toThrow(/lower case/);
  });
});
