// `pnpm generate`: each vendor's model rendered into packages/<vendor>/src/generated/, or with `check` compared with
// what is committed there. Codegen writes nothing outside that folder.
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { readSourceClasses } from "./evidence/provenance.js";
import { loadModel } from "./model.js";
import { renderClient } from "./render/client.js";
import { renderEvents } from "./render/events.js";
import { renderMeanings, renderMeta } from "./render/meta.js";
import { renderMocks } from "./render/mocks.js";
import { renderReadme } from "./render/readme.js";
import { renderSchema } from "./render/schema.js";
import { renderUnified } from "./render/unified.js";
import { renderWebhooks } from "./render/webhooks.js";
import { type ApiEntry, listApis, repoRoot, specRoot } from "./vendors.js";

export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * Biome's own binary (its package's optional dependency for this platform), run directly: `.bin/biome` is a shell
 * script starting Node to start it, three processes per file (~0.2 CPU-s and 0.35 s each, 16 files per generate).
 * Falls back to `.bin/biome` where the platform package is not found.
 */
function biomeBinary(): string {
  const bin = join(repoRoot, "node_modules", ".bin", "biome");
  try {
    const biome = createRequire(realpathSync(join(repoRoot, "node_modules", "@biomejs", "biome", "package.json")));
    const exe = process.platform === "win32" ? "biome.exe" : "biome";
    for (const suffix of ["", "-musl"]) {
      try {
        return biome.resolve(`@biomejs/cli-${process.platform}-${process.arch}${suffix}/${exe}`);
      } catch {
        // not this variant
      }
    }
  } catch {
    // no @biomejs/biome at the root: the launcher script says what is wrong
  }
  return bin;
}

let biome: string | undefined;
/** Biome's answers by file name and content: a process that generates a vendor twice (--check, then generate) asks once. */
const formattedBy = new Map<string, string>();

interface Rendered extends GeneratedFile {
  /** Formatted by Biome before it is written or compared. */
  format: boolean;
}

/**
 * Biome's formatting (and import order) of generated files, so that what codegen writes reads like the repository's
 * code (and `generate --check` compares like with like). One Biome process for all of them (one per file cost ~0.1
 * CPU-s each, 16 per generate): each is written into a scratch folder under its own name, with the repository's
 * configuration (its version control off: the folder is outside it).
 */
async function formatAll(files: Rendered[]): Promise<GeneratedFile[]> {
  const key = (f: GeneratedFile) => `${basename(f.path)}\0${f.content}`;
  const pending = [...new Map(files.filter((f) => f.format && !formattedBy.has(key(f))).map((f) => [key(f), f]))];
  if (pending.length > 0) {
    const dir = await mkdtemp(join(tmpdir(), "scrm-codegen-format-"));
    try {
      const config = { root: true, extends: [join(repoRoot, "biome.json")], vcs: { enabled: false } };
      await writeFile(join(dir, "biome.json"), JSON.stringify(config));
      const paths = pending.map(([, f], i) => join(dir, String(i), basename(f.path)));
      await Promise.all(
        pending.map(([, f], i) => mkdir(join(dir, String(i))).then(() => writeFile(paths[i] ?? "", f.content))),
      );
      biome ??= biomeBinary();
      // A deadline: a Biome that hangs ends as an error, not as a generate that never returns.
      const result = spawnSync(biome, ["check", "--write", ...paths], { cwd: dir, encoding: "utf8", timeout: 120_000 });
      if (result.status !== 0)
        throw new Error(
          `biome could not format the generated files: ${result.error ?? ""}${result.stderr}${result.stdout}`,
        );
      const outputs = await Promise.all(paths.map((path) => readFile(path, "utf8")));
      for (const [i, [k]] of pending.entries()) formattedBy.set(k, outputs[i] ?? "");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return files.map((f) => ({ path: f.path, content: f.format ? (formattedBy.get(key(f)) ?? f.content) : f.content }));
}

/** Everything codegen writes for one vendor, unformatted, once its extensions and ledger check out. */
async function renderVendor(api: ApiEntry, root: string): Promise<Rendered[]> {
  const model = await loadModel(api);
  const outDir = join(root, "packages", api.id, "src", "generated");
  const file = (name: string, content: string, format = false) => ({ path: join(outDir, name), content, format });
  const webhooks = renderWebhooks(model);
  return [
    file("schema.ts", await renderSchema(model, await readSourceClasses(api.root))),
    file("meta.ts", renderMeta(model)),
    file("meanings.ts", renderMeanings(model)),
    file("mocks.ts", renderMocks(model)),
    file("client.ts", renderClient(model), true),
    ...(webhooks ? [file("webhooks.ts", webhooks, true)] : []),
    file("README.md", renderReadme(model), true),
    file("unified.ts", renderUnified(model.id, model.doc) + renderEvents(model.id, model.doc), true),
  ];
}

/** Everything codegen writes for one vendor, as (path, content) pairs, once its extensions and ledger check out. */
export async function generateVendor(api: ApiEntry, root = repoRoot): Promise<GeneratedFile[]> {
  return formatAll(await renderVendor(api, root));
}

export interface GenerateResult {
  written: string[];
  /** With `check`: files whose committed content differs from what the specs generate. */
  stale: string[];
}

/** The listed vendors, or the named ones (a name outside the list counts when `root` holds its spec: a new vendor). */
async function chosen(root: string, wanted: readonly string[]): Promise<ApiEntry[]> {
  if (wanted.length === 0) return listApis(root);
  const apis = await Promise.all(
    wanted.map(async (id) => {
      const path = specRoot(id, root);
      return (await readFile(path).then(
        () => true,
        () => false,
      ))
        ? { id, root: path }
        : undefined;
    }),
  );
  const unknown = wanted.filter((_, i) => !apis[i]);
  if (unknown.length > 0) {
    throw new Error(`generate: no api named ${unknown.join(", ")} (tools/codegen/src/vendors.ts, specs/<id>/)`);
  }
  return apis.filter((api): api is ApiEntry => api !== undefined);
}

/** Generates (or, with `check`, compares) every vendor's files. Paths in the result are relative to `root`. */
export async function runGenerate(
  options: { root?: string; vendors?: string[]; check?: boolean } = {},
): Promise<GenerateResult> {
  const root = options.root ?? repoRoot;
  const result: GenerateResult = { written: [], stale: [] };
  // Every vendor rendered first, so that one Biome process formats them all.
  const rendered: Rendered[] = [];
  for (const api of await chosen(root, options.vendors ?? [])) rendered.push(...(await renderVendor(api, root)));
  for (const file of await formatAll(rendered)) {
    const current = await readFile(file.path, "utf8").catch(() => undefined);
    if (current === file.content) continue;
    if (options.check) {
      result.stale.push(relative(root, file.path));
    } else {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, file.content);
      result.written.push(relative(root, file.path));
    }
  }
  return result;
}
