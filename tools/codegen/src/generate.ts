// `pnpm generate`: each vendor's model rendered into packages/<vendor>/src/generated/, or with `check` compared with
// what is committed there. Codegen writes nothing outside that folder.
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
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

/**
 * Biome's formatting (and import order) of a generated file, so that what codegen writes reads like the repository's
 * code (and `generate --check` compares like with like).
 */
function formatted(name: string, content: string): string {
  const key = `${name}\0${content}`;
  const known = formattedBy.get(key);
  if (known !== undefined) return known;
  biome ??= biomeBinary();
  const result = spawnSync(biome, ["check", "--write", `--stdin-file-path=${name}`], {
    input: content,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${name}: ${result.stderr}`);
  formattedBy.set(key, result.stdout);
  return result.stdout;
}

/** Everything codegen writes for one vendor, as (path, content) pairs, once its extensions and ledger check out. */
export async function generateVendor(api: ApiEntry, root = repoRoot): Promise<GeneratedFile[]> {
  const model = await loadModel(api);
  const outDir = join(root, "packages", api.id, "src", "generated");
  const file = (name: string, content: string) => ({ path: join(outDir, name), content });
  const webhooks = renderWebhooks(model);
  return [
    file("schema.ts", await renderSchema(model, await readSourceClasses(api.root))),
    file("meta.ts", renderMeta(model)),
    file("meanings.ts", renderMeanings(model)),
    file("mocks.ts", renderMocks(model)),
    file("client.ts", formatted("client.ts", renderClient(model))),
    ...(webhooks ? [file("webhooks.ts", formatted("webhooks.ts", webhooks))] : []),
    file("README.md", formatted("README.md", renderReadme(model))),
    file("unified.ts", formatted("unified.ts", renderUnified(model.id, model.doc) + renderEvents(model.id, model.doc))),
  ];
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
  for (const api of await chosen(root, options.vendors ?? [])) {
    for (const file of await generateVendor(api, root)) {
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
  }
  return result;
}
