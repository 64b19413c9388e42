// The one vendor list. Codegen, the mock launcher, the docs builder, the scaffold (`pnpm new-vendor` appends here) and
// vitest.config.ts (a test project per vendor) all read it. Kept free of heavy imports: the mock launcher and the
// vitest config load it at start-up. redocly.yaml's `apis` mirror it for `redocly lint` (a test keeps them equal).
import { access, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseYaml } from "./yaml.js";

export const VENDORS = ["weiling", "weiban", "tanma", "planyun"] as const;

export type VendorId = (typeof VENDORS)[number];

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface ApiEntry {
  /** Vendor id: the spec folder, the package name suffix, the redocly api name without `@version`. */
  id: string;
  /** Absolute path of the spec root. */
  root: string;
}

/** The spec root of a vendor: specs/<id>/openapi.yaml under `root`. */
export const specRoot = (id: string, root = repoRoot): string => join(root, "specs", id, "openapi.yaml");

/**
 * Every vendor, in list order. Under another root (a copy, an older revision checked out by spec-diff) only those
 * whose spec is there: a vendor added since is simply not part of that revision.
 */
export async function listApis(root = repoRoot): Promise<ApiEntry[]> {
  const apis = VENDORS.map((id) => ({ id, root: specRoot(id, root) }));
  if (root === repoRoot) return apis;
  const present = await Promise.all(
    apis.map((api) =>
      access(api.root).then(
        () => true,
        () => false,
      ),
    ),
  );
  return apis.filter((_, i) => present[i]);
}

export interface VendorInfo extends ApiEntry {
  /** x-vendor.name, e.g. "微伴助手 Weiban". */
  name: string;
  /** x-vendor.mockPort: where `pnpm mock` serves it. */
  mockPort: number;
}

/**
 * The root's x-vendor block only (no bundling): enough for the mock launcher and the docs index. An unchanged root is
 * not parsed again in the same process (parseYaml), so the launcher may ask at every start.
 */
export async function readVendor(api: ApiEntry): Promise<VendorInfo> {
  const doc = parseYaml(await readFile(api.root, "utf8")) as { "x-vendor"?: { name?: unknown; mockPort?: unknown } };
  const vendor = doc["x-vendor"] ?? {};
  if (typeof vendor.mockPort !== "number") throw new Error(`${api.id}: x-vendor.mockPort is missing`);
  if (typeof vendor.name !== "string" || vendor.name === "") throw new Error(`${api.id}: x-vendor.name is missing`);
  return { ...api, name: vendor.name, mockPort: vendor.mockPort };
}

const LIST = /export const VENDORS = \[([^\]]*)\] as const;/;

/** The ids listed by a vendors.ts source text (a copy of the repository's, for the scaffold). */
export function vendorsIn(source: string): string[] {
  const list = LIST.exec(source)?.[1];
  if (list === undefined) throw new Error("vendors.ts: no `export const VENDORS = [...] as const;`");
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

/** The vendors.ts source with `id` appended to the list, laid out as Biome lays it out. */
export function withVendor(source: string, id: string): string {
  const ids = [...vendorsIn(source), id].map((v) => JSON.stringify(v));
  const line = `export const VENDORS = [${ids.join(", ")}] as const;`;
  const list =
    line.length <= 120 ? line : `export const VENDORS = [\n${ids.map((v) => `  ${v},\n`).join("")}] as const;`;
  return source.replace(LIST, list);
}
