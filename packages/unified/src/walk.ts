// Walks a list operation's answer: every record at its records path, page by page by the operation's x-pagination
// (core's paginate), or from one call when it declares none.
import { createPaginate, type PaginationTable } from "@scrm-openapi/core/vendor";
import type { ReadBlock } from "./mapping.js";
import { locate } from "./path.js";
import type { Init, RequestClient } from "./request.js";

/** What a walk needs of a block: the operation and where its records are. */
export type Walked = Pick<ReadBlock, "operationId" | "method" | "path" | "records" | "pagination">;

/** The vendor's items, page by page (one call when the operation declares no pagination). */
export async function* items(
  client: RequestClient,
  block: Walked,
  init: Init & { readonly deadlineMs?: number },
  maxPages?: number,
): AsyncGenerator<{ record: unknown; parent: unknown }> {
  if (!block.pagination) {
    const { data } = await client.request(block.method, block.path, init);
    yield* locate(data, block.records);
    return;
  }
  const table: PaginationTable = {
    [block.path]: { ...block.pagination, method: block.method, operationId: block.operationId },
  };
  const paginate = createPaginate<Record<string, never>, PaginationTable>(table);
  const walk = paginate(client as never, block.path as never, init as never, {
    ...(init.signal ? { signal: init.signal } : {}),
    ...(maxPages === undefined ? {} : { maxPages }),
  });
  for await (const item of walk) yield* locate(item, "");
}
