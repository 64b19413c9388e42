// The mocked vendors: codegen's one vendor list with each spec root's x-vendor (name, mockPort). Imported from the
// light `./vendors` entry, not codegen's index: Redocly and openapi-typescript would cost the launcher 2–3 s.
import { listApis, readVendor, repoRoot, type VendorInfo } from "@scrm-openapi/codegen/vendors";

export { repoRoot };

/** A vendor of the list: id, spec root, x-vendor.name and x-vendor.mockPort (where `pnpm mock` serves it). */
export type MockVendor = VendorInfo;

/** Every vendor of the list, in its order. */
export async function listVendors(root = repoRoot): Promise<MockVendor[]> {
  return Promise.all((await listApis(root)).map(readVendor));
}

/**
 * The named vendors (all when `ids` is empty), or an error naming the unknown ones. Only their roots are read: `pnpm
 * mock planyun` parsed all four (~0.4 CPU-s of its start).
 */
export async function chooseVendors(ids: readonly string[] = []): Promise<MockVendor[]> {
  const all = await listApis(repoRoot);
  const unknown = ids.filter((id) => !all.some((v) => v.id === id));
  if (unknown.length > 0) throw new Error(`mock: no api named ${unknown.join(", ")} in tools/codegen/src/vendors.ts`);
  return Promise.all(all.filter((v) => ids.length === 0 || ids.includes(v.id)).map(readVendor));
}

export async function findVendor(id: string): Promise<MockVendor> {
  const [vendor] = await chooseVendors([id]);
  if (!vendor) throw new Error(`mock: no api named ${id}`);
  return vendor;
}
