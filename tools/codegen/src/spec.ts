// Loading a spec: Redocly bundles the multi-file spec into one document, and a few pure helpers read it.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./vendors.js";

export type Json = Record<string, unknown>;
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The last bundle of each root file (settled or under way), with the digest of what it is made from. */
const bundles = new Map<string, { digest: string; doc: Promise<Json> }>();

/**
 * Bundles by digest on disk, shared by the processes of one run: lint:specs, the suites (codegen, the vendors'
 * examples, the mocks' drift check, spec-diff) and the docs build each ask for the same four specs.
 */
const onDisk = join(repoRoot, "node_modules", ".cache", "scrm-codegen", "bundles");

/** What else makes a bundle: the bundler (its installed path names its version) and this file's own code. */
let bundler: Promise<string> | undefined;
const bundlerKey = () =>
  (bundler ??= readFile(fileURLToPath(import.meta.url), "utf8").then(
    (code) => `${createRequire(import.meta.url).resolve("@redocly/openapi-core")}\n${code}`,
  ));

/**
 * What a bundle is made of: every file of the spec's folder (its refs stay inside it), the repo's redocly.yaml and
 * plugin, and the bundler. Reading them costs a few milliseconds; a bundle costs most of a CPU-second, and one run
 * asks for the same spec many times.
 */
async function digestOf(rootFile: string): Promise<string> {
  const hash = createHash("sha256").update(await bundlerKey());
  const files = (await readdir(dirname(rootFile), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, join(repoRoot, "redocly.yaml"), join(repoRoot, "tools/redocly/plugin.js")]) {
    hash.update(file).update(await readFile(file));
  }
  return hash.digest("hex");
}

/**
 * Bundles a multi-file spec into one document (external refs become `#/components/...`). Bundled once per content:
 * an unchanged spec is answered from memory or from disk, as a copy the caller may change.
 */
export async function bundleSpec(rootFile: string): Promise<Json> {
  const digest = await digestOf(rootFile);
  let entry = bundles.get(rootFile);
  if (entry?.digest !== digest) {
    // Callers asking at once share one bundle; a failed one is not kept.
    const doc = bundleOnce(rootFile, digest);
    entry = { digest, doc };
    bundles.set(rootFile, entry);
    doc.catch(() => {
      if (bundles.get(rootFile) === entry) bundles.delete(rootFile);
    });
  }
  return structuredClone(await entry.doc);
}

/** The bundle as JSON text makes it (from disk or fresh, the same document), written once it succeeded. */
async function bundleOnce(rootFile: string, digest: string): Promise<Json> {
  const file = join(onDisk, `${digest}.json`);
  const saved = await readFile(file, "utf8").catch(() => undefined);
  if (saved !== undefined) return JSON.parse(saved) as Json;
  const text = JSON.stringify(await bundleFresh(rootFile));
  // Under a name of its own, then renamed: a process reading at the same time finds the whole file or none.
  const temp = `${file}.${randomUUID()}`;
  await mkdir(onDisk, { recursive: true });
  await writeFile(temp, text);
  await rename(temp, file);
  return JSON.parse(text) as Json;
}

async function bundleFresh(rootFile: string): Promise<Json> {
  // Loaded only when a bundle is made: a run that finds every bundle on disk never loads Redocly.
  const { bundle, loadConfig } = await import("@redocly/openapi-core");
  // The repo's redocly.yaml, for its plugin: x-payload is a Schema, so refs inside it are bundled like any schema's.
  const config = await loadConfig({ configPath: join(repoRoot, "redocly.yaml") });
  const { bundle: result, problems } = await bundle({ ref: rootFile, config });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new Error(`${relative(repoRoot, rootFile)}: ${errors.map((p) => p.message).join("; ")}`);
  }
  return result.parsed as Json;
}

/** Follows local `$ref`s (`#/components/…`) until a node is not a reference. */
export function deref<T>(doc: Json, node: T): T {
  let current: unknown = node;
  for (let hops = 0; hops < 20; hops++) {
    const ref = (current as { $ref?: unknown } | null | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return current as T;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Json | undefined)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
  }
  throw new Error("$ref chain too long");
}

function isErrorEnvelopeRef(schema: unknown): boolean {
  const ref = (schema as { $ref?: unknown } | null)?.$ref;
  return typeof ref === "string" && /\/ErrorEnvelope(\.yaml)?$/.test(ref);
}

/**
 * The runtime throws non-success envelopes as ScrmApiError, so a resolved call only ever holds the success body.
 * Drop the ErrorEnvelope branch of each response's `anyOf` before generating types.
 */
export function successOnly(doc: Json): Json {
  const copy = structuredClone(doc);
  const paths = (copy.paths ?? {}) as Record<string, Json>;
  for (const item of Object.values(paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as { responses?: Record<string, Json> } | undefined;
      for (const response of Object.values(op?.responses ?? {})) {
        const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
        for (const media of Object.values(content)) {
          const anyOf = media.schema?.anyOf;
          if (!Array.isArray(anyOf)) continue;
          const kept = anyOf.filter((s) => !isErrorEnvelopeRef(s));
          if (kept.length === anyOf.length) continue;
          const { anyOf: _dropped, ...rest } = media.schema as Json;
          media.schema = kept.length === 1 ? { ...rest, ...(kept[0] as Json) } : { ...rest, anyOf: kept };
        }
      }
    }
  }
  return copy;
}

/** A copy without any `x-` key, at any depth: what the runtime metadata and portable exports carry. */
export function stripExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripExtensions);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([k]) => !k.startsWith("x-"))
        .map(([k, v]) => [k, stripExtensions(v)]),
    );
  }
  return value;
}
