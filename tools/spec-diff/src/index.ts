// Breaking and non-breaking changes per vendor between two revisions of specs/, classified by api-smart-diff (a
// maintained OpenAPI diff library) over the same bundled documents codegen reads. A revision is any git ref; the
// working tree is `null`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleSpec, listApis, repoRoot } from "@scrm-openapi/codegen";
import { apiCompare } from "api-smart-diff";

export type ChangeType = "breaking" | "non-breaking" | "deprecated" | "annotation" | "unclassified";

export interface SpecChange {
  type: ChangeType;
  action: string;
  /** JSON pointer into the bundled spec, e.g. `/paths/~1open-api~1staff~1list/get/parameters/0/required`. */
  pointer: string;
  description: string;
}

export interface VendorDiff {
  vendor: string;
  /** "added" / "removed" when the vendor exists on one side only. */
  status: "changed" | "unchanged" | "added" | "removed";
  changes: SpecChange[];
}

type Json = Record<string, unknown>;

/** Every vendor's bundled spec at `ref` (the working tree when `ref` is null). */
export async function specsAt(ref: string | null, root = repoRoot): Promise<Map<string, Json>> {
  if (ref === null) return bundleAll(root);
  const dir = mkdtempSync(join(tmpdir(), "spec-diff-"));
  try {
    // `git archive` gives the files exactly as committed; the redocly config and plugin are read from this tree.
    const tar = execFileSync("git", ["-C", root, "archive", "--format=tar", ref, "specs"], {
      maxBuffer: 256 * 1024 * 1024,
      timeout: 60_000,
    });
    execFileSync("tar", ["-x", "-C", dir], { input: tar, timeout: 60_000 });
    return await bundleAll(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bundleAll(root: string): Promise<Map<string, Json>> {
  const specs = new Map<string, Json>();
  // Today's vendor list, kept to the vendors that revision has a spec for (a vendor added since is "added").
  for (const api of await listApis(root)) if (existsSync(api.root)) specs.set(api.id, await bundleSpec(api.root));
  return specs;
}

const pointer = (path: readonly (string | number)[]) =>
  path.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const ORDER: ChangeType[] = ["breaking", "deprecated", "non-breaking", "unclassified", "annotation"];

/** A node with every local `$ref` inlined (a cycle cut at its first repeat): what an operation means, as text. */
function fingerprint(doc: Json, node: unknown, seen: readonly string[] = []): string {
  if (Array.isArray(node)) return `[${node.map((n) => fingerprint(doc, n, seen)).join(",")}]`;
  if (!node || typeof node !== "object") return JSON.stringify(node) ?? "null";
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    if (seen.includes(ref)) return `{"$cycle":${JSON.stringify(ref)}}`;
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Json | undefined)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
    return fingerprint(doc, target, [...seen, ref]);
  }
  const entries = Object.entries(node as Json).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(doc, v, seen)}`).join(",")}}`;
}

/** Every operation and webhook of a spec, keyed `paths <path> <method>` / `webhooks <name> <method>`. */
function operations(doc: Json): Map<string, { section: string; key: string; method: string; op: unknown }> {
  const out = new Map<string, { section: string; key: string; method: string; op: unknown }>();
  for (const section of ["paths", "webhooks"]) {
    for (const [key, item] of Object.entries((doc[section] ?? {}) as Record<string, Json>)) {
      for (const method of METHODS) {
        if (item?.[method] !== undefined)
          out.set(`${section} ${key} ${method}`, { section, key, method, op: item[method] });
      }
    }
  }
  return out;
}

/**
 * The changes from `before` to `after` of one vendor's spec, breaking first. Operations whose meaning (refs inlined)
 * is unchanged are not handed to the library: its merging of `allOf`/`anyOf`/`if` schemas can report an unchanged
 * operation as changed when something else in the document moved.
 */
export function diffSpec(before: Json, after: Json): SpecChange[] {
  const a = operations(before);
  const b = operations(after);
  const changes: SpecChange[] = [];
  for (const [id, op] of new Map([...a, ...b])) {
    const was = a.get(id);
    const now = b.get(id);
    const at = pointer([op.section, op.key, op.method]);
    const name = `${op.method.toUpperCase()} ${op.key}`;
    if (!now) changes.push({ type: "breaking", action: "remove", pointer: at, description: `[Removed] ${name}` });
    else if (!was) changes.push({ type: "non-breaking", action: "add", pointer: at, description: `[Added] ${name}` });
    else if (fingerprint(before, was.op) !== fingerprint(after, now.op)) {
      const slice = (doc: Json, node: unknown) => ({
        openapi: doc.openapi,
        info: doc.info,
        [op.section]: { [op.key]: { [op.method]: node } },
        components: doc.components,
      });
      for (const d of apiCompare(slice(before, was.op), slice(after, now.op)).diffs) {
        changes.push({
          type: d.type as ChangeType,
          action: String(d.action),
          pointer: pointer(d.path),
          description: d.description ?? `${String(d.action)} ${pointer(d.path)}`,
        });
      }
    }
  }
  return changes
    .filter((c) => !c.pointer.startsWith("/components/")) // the same change, seen again through each operation
    .sort((x, y) => ORDER.indexOf(x.type) - ORDER.indexOf(y.type) || x.pointer.localeCompare(y.pointer));
}

export function diffVendors(before: Map<string, Json>, after: Map<string, Json>): VendorDiff[] {
  const vendors = [...new Set([...before.keys(), ...after.keys()])].sort();
  return vendors.map((vendor) => {
    const a = before.get(vendor);
    const b = after.get(vendor);
    if (!a) return { vendor, status: "added", changes: [] };
    if (!b) return { vendor, status: "removed", changes: [] };
    const changes = diffSpec(a, b);
    return { vendor, status: changes.length ? "changed" : "unchanged", changes };
  });
}

/** The newest release tag (changesets tags `@scrm-openapi/<pkg>@<version>`; `v*` too), or undefined. */
export function lastReleaseTag(root = repoRoot): string | undefined {
  const tags = execFileSync("git", ["-C", root, "tag", "--list", "--sort=-creatordate", "v*", "@scrm-openapi/*@*"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  return tags.split("\n").find(Boolean);
}

export function formatReport(diffs: readonly VendorDiff[], from: string, to: string): string {
  const lines = [`spec-diff ${from} → ${to}`];
  for (const d of diffs) {
    if (d.status === "added" || d.status === "removed") {
      lines.push(`${d.vendor}: vendor ${d.status}${d.status === "removed" ? " (breaking)" : ""}`);
      continue;
    }
    const count = (type: ChangeType) => d.changes.filter((c) => c.type === type).length;
    lines.push(
      `${d.vendor}: ${count("breaking")} breaking, ${count("non-breaking")} non-breaking, ${count("deprecated")} deprecated, ${count("annotation") + count("unclassified")} other`,
    );
    for (const c of d.changes.filter((change) => change.type === "breaking" || change.type === "deprecated"))
      lines.push(`  ${c.type.toUpperCase()} ${c.pointer}: ${c.description}`);
  }
  return lines.join("\n");
}
