// A vendor's ledger figures, counted straight from specs/<vendor>/ledger.yaml, independently of the site's code. Three
// tests of site.test.ts ask for them: each file is parsed once.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Ledger, repoRoot } from "@scrm-openapi/codegen";
import { parse } from "yaml";

/** X = specified operationIds, Y = entries, of the operations and of the webhooks. */
async function count(id: string) {
  const ledger = parse(await readFile(join(repoRoot, "specs", id, "ledger.yaml"), "utf8"));
  const figures = (entries: Ledger["operations"] = []) => ({
    specified: new Set(entries.filter((e) => e.status === "specified").map((e) => e.operationId ?? e.name)).size,
    titleOnly: entries.filter((e) => e.status === "title-only").length,
    total: entries.length,
  });
  const { operations, webhooks } = ledger as Ledger;
  return { operations: figures(operations), webhooks: figures(webhooks) };
}

const counted = new Map<string, ReturnType<typeof count>>();

export function ledgerFigures(id: string): ReturnType<typeof count> {
  const figures = counted.get(id) ?? count(id);
  counted.set(id, figures);
  return figures;
}
