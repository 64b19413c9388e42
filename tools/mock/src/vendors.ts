// The vendor list, read straight from redocly.yaml and each spec root's x-vendor — the same sources as
// @scrm-openapi/codegen's listApis/readVendor, without importing codegen: its Redocly and openapi-typescript imports
// cost the launcher 2–3 s of start-up, more than Prism itself.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface MockVendor {
  /** Vendor id: the api name in redocly.yaml without `@version`. */
  id: string;
  /** Absolute path of the spec root. */
  root: string;
  /** x-vendor.name, e.g. "微伴助手 Weiban". */
  name: string;
  /** x-vendor.mockPort: where `pnpm mock` serves it. */
  mockPort: number;
}

/** Every vendor of redocly.yaml, in its order. */
export async function listVendors(root = repoRoot): Promise<MockVendor[]> {
  const config = parse(await readFile(join(root, "redocly.yaml"), "utf8")) as {
    apis?: Record<string, { root: string }>;
  };
  return Promise.all(
    Object.entries(config.apis ?? {}).map(async ([api, entry]) => {
      const id = api.split("@")[0] ?? api;
      const specRoot = resolve(root, entry.root);
      const doc = parse(await readFile(specRoot, "utf8")) as { "x-vendor"?: { name?: unknown; mockPort?: unknown } };
      const vendor = doc["x-vendor"] ?? {};
      if (typeof vendor.mockPort !== "number") throw new Error(`${id}: x-vendor.mockPort is missing`);
      if (typeof vendor.name !== "string") throw new Error(`${id}: x-vendor.name is missing`);
      return { id, root: specRoot, name: vendor.name, mockPort: vendor.mockPort };
    }),
  );
}

/** The named vendors (all when `ids` is empty), or an error naming the unknown ones. */
export async function chooseVendors(ids: readonly string[] = []): Promise<MockVendor[]> {
  const all = await listVendors();
  const unknown = ids.filter((id) => !all.some((v) => v.id === id));
  if (unknown.length > 0) throw new Error(`mock: no api named ${unknown.join(", ")} in redocly.yaml`);
  return all.filter((v) => ids.length === 0 || ids.includes(v.id));
}

export async function findVendor(id: string): Promise<MockVendor> {
  const [vendor] = await chooseVendors([id]);
  return vendor!;
}
