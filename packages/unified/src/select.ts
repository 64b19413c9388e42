// Picks the block of a vendor mapping that serves a unified call, or throws a typed "unsupported" error that names
// vendor, entity and operation (never an empty result that looks real).
import { UnifiedUnsupportedError } from "./errors.js";
import type { EntityName } from "./fields.js";
import type { MappingBlock, ReadBlock, VendorMapping, WriteBlock } from "./mapping.js";

export function readBlocks(mapping: VendorMapping, entity: EntityName, kind: "list" | "get"): ReadBlock[] {
  return mapping.blocks.filter((b): b is ReadBlock => b.kind === kind && b.entity === entity);
}

export function writeBlock(mapping: VendorMapping, entity: EntityName, action: WriteBlock["action"]): WriteBlock {
  const block = mapping.blocks.find(
    (b: MappingBlock): b is WriteBlock => b.kind === "write" && b.entity === entity && b.action === action,
  );
  if (!block) {
    const where = { vendor: mapping.vendor, entity, operation: action };
    throw new UnifiedUnsupportedError(where, `the ${mapping.vendor} spec maps no operation to ${action} a ${entity}`);
  }
  return block;
}

/** The list block that can take the given scope filters, preferring one with a server-side updatedAfter filter. */
export function listBlock(
  mapping: VendorMapping,
  entity: EntityName,
  scopes: string[],
  wantsUpdated: boolean,
): ReadBlock | undefined {
  const fits = readBlocks(mapping, entity, "list").filter((b) => scopes.every((s) => b.scope?.[s] !== undefined));
  return (
    (wantsUpdated ? fits.find((b) => b.updatedAfter) : undefined) ??
    fits.find((b) => !b.scopeRequired || scopes.length > 0) ??
    fits[0]
  );
}
