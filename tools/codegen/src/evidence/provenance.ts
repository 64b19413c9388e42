// Each operation's source class (from its evidence file), said where users look: the generated JSDoc (the document
// openapi-typescript reads) and the docs portal. A vendor page with a field table needs no warning; the rest do.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { HTTP_METHODS, type Json } from "../spec.js";
import { parseYaml } from "../yaml.js";
import type { SourceClass } from "./compare.js";

/** The line that goes before an operation's description, per source class; none for a vendor page. */
export const PROVENANCE_LINE: Record<SourceClass, string | undefined> = {
  "vendor-page": undefined,
  "vendor-example-only":
    "**Source: vendor example only**, no field table (types and required marks read from an example; unverified).",
  "third-party-code": "**Source: from third-party code, unverified** (the vendor's own page was not read).",
  inferred: "**Source: inferred, unverified** (no page or code states it).",
};

/** operationId (or webhook name) → source class, from specs/<vendor>/evidence/*.yaml next to the spec root. */
export async function readSourceClasses(specRoot: string): Promise<Map<string, SourceClass>> {
  const dir = join(dirname(specRoot), "evidence");
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".yaml")).sort();
  const classes = new Map<string, SourceClass>();
  for (const file of files) {
    // Malformed files are the deviation check's to report (generate --check); here they simply carry no class.
    const data = parseYaml(await readFile(join(dir, file), "utf8")) as Partial<Record<string, unknown>> | null;
    const id = data?.operationId ?? data?.webhook;
    if (typeof id === "string" && typeof data?.class === "string") classes.set(id, data.class as SourceClass);
  }
  return classes;
}

/** A copy of `doc` whose operations not read from a vendor page start their description with the provenance line. */
export function withProvenance(doc: Json, classes: ReadonlyMap<string, SourceClass>): Json {
  const copy = structuredClone(doc);
  const items: [Json, string | undefined][] = [
    ...Object.values((copy.paths ?? {}) as Record<string, Json>).map((item): [Json, undefined] => [item, undefined]),
    ...Object.entries((copy.webhooks ?? {}) as Record<string, Json>).map(([name, item]): [Json, string] => [
      item,
      name,
    ]),
  ];
  for (const [item, webhook] of items) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const cls = classes.get(webhook ?? String(op.operationId));
      const line = cls ? PROVENANCE_LINE[cls] : undefined;
      if (!line) continue;
      const described = typeof op.description === "string" && op.description.trim() !== "";
      op.description = described ? `${line}\n\n${op.description as string}` : line;
    }
  }
  return copy;
}
