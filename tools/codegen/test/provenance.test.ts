import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROVENANCE_LINE, readSourceClasses } from "../src/evidence/provenance.js";
import { listApis, repoRoot } from "../src/index.js";

/** The JSDoc block right before `<method>: operations["<id>"]` in the committed generated schema.ts (paths). */
function jsdocOf(schema: string, operationId: string): string | undefined {
  const at = schema.indexOf(`: operations["${operationId}"];`);
  if (at < 0) return undefined;
  const before = schema.slice(0, at);
  const open = before.lastIndexOf("/**");
  const close = before.lastIndexOf("*/");
  // The comment must end on the line right above the operation, or the operation has no JSDoc of its own.
  if (open < 0 || close < open || before.slice(close + 2).includes(";")) return undefined;
  return before.slice(open, close + 2);
}

describe("source class in the generated JSDoc", async () => {
  const apis = await listApis(repoRoot);
  const cases = await Promise.all(
    apis.map(async (api) => ({
      api,
      classes: await readSourceClasses(api.root),
      schema: await readFile(join(repoRoot, "packages", api.id, "src/generated/schema.ts"), "utf8"),
    })),
  );

  it("a third-party-code operation's JSDoc says it is from third-party code, unverified", () => {
    const thirdParty = cases.flatMap(({ classes, schema }) =>
      [...classes]
        .filter(([id, c]) => c === "third-party-code" && schema.includes(`operations["${id}"]`))
        .map(([id]) => ({ id, schema })),
    );
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const { id, schema } of thirdParty) {
      expect(jsdocOf(schema, id), id).toContain("from third-party code, unverified");
    }
    // Tanma's addClue rests on integrator code only (specs/tanma/evidence/addClue.yaml).
    const tanma = cases.find((c) => c.api.id === "tanma");
    expect(tanma?.classes.get("addClue")).toBe("third-party-code");
    expect(jsdocOf(tanma?.schema ?? "", "addClue")).toContain(PROVENANCE_LINE["third-party-code"]);
  });

  it("an operation read from a vendor page carries no provenance warning", () => {
    const lines = Object.values(PROVENANCE_LINE).filter((l): l is string => l !== undefined);
    let checked = 0;
    for (const { classes, schema } of cases) {
      for (const [id, c] of classes) {
        const doc = jsdocOf(schema, id);
        if (c !== "vendor-page" || doc === undefined) continue;
        checked += 1;
        for (const line of lines) expect(doc, id).not.toContain(line);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
