// Loading a spec: Redocly bundles the multi-file spec into one document, and a few pure helpers read it.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";
import { repoRoot } from "./vendors.js";

export type Json = Record<string, unknown>;
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The last bundle of each root file (settled or under way), with the digest of what it is made from. */
const bundles = new Map<string, { digest: string; doc: Promise<Json> }>();

/**
 * What a bundle is made of: every file of the spec's folder (its refs stay inside it), the repo's redocly.yaml and
 * plugin. Reading them costs a few milliseconds; a bundle costs most of a CPU-second, and one process (a test suite,
 * the docs build) asks for the same spec several times.
 */
async function digestOf(rootFile: string): Promise<string> {
  const hash = createHash("sha256");
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
 * an unchanged spec is answered from memory, as a copy the caller may change.
 */
export async function bundleSpec(rootFile: string): Promise<Json> {
  const digest = await digestOf(rootFile);
  let entry = bundles.get(rootFile);
  if (entry?.digest !== digest) {
    // Callers asking at once share one bundle; a failed one is not kept.
    const doc = bundleFresh(rootFile);
    entry = { digest, doc };
    bundles.set(rootFile, entry);
    doc.catch(() => {
      if (bundles.get(rootFile) === entry) bundles.delete(rootFile);
    });
  }
  return structuredClone(await entry.doc);
}

async function bundleFresh(rootFile: string): Promise<Json> {
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
