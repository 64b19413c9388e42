// x-unified: the extensions schema refuses a malformed block, and render/unified.ts refuses a block naming what the
// operation does not have (a parameter, a records path, a field path) — a mapping can only cite the spec.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSpec, checkExtensions, type Json, repoRoot } from "../src/index.js";
import { renderUnified } from "../src/render/unified.js";

const ROOT = join(repoRoot, "specs/weiban/openapi.yaml");
let doc: Json;
beforeAll(async () => {
  doc = await bundleSpec(ROOT);
});

/** The bundled Weiban spec with getStaff's x-unified block changed by `edit`. */
function withBlock(edit: (block: Json) => Json): Json {
  const copy = structuredClone(doc);
  const op = ((copy.paths as Json)["/open-api/staff/get"] as Json).get as Json;
  op["x-unified"] = [edit((op["x-unified"] as Json[])[0] as Json)];
  return copy;
}

/** A definitions join onto listStaff's answer (a list of staff, standing in for one of field definitions). */
const DEFS = { operationId: "listStaff", records: "staff_list", key: "id", label: "name" };

describe("x-unified", () => {
  it("renders the committed mapping: getStaff's id parameter located and typed from the spec", () => {
    const out = renderUnified("weiban", doc);
    const json = out.slice(out.indexOf("export const mapping = ") + 23, out.lastIndexOf(" as const;"));
    const mapping = JSON.parse(json) as { vendor: string; blocks: Json[] };
    expect(mapping.vendor).toBe("weiban");
    const getStaff = mapping.blocks.find((b) => b.operationId === "getStaff");
    expect(getStaff).toMatchObject({ method: "get", path: "/open-api/staff/get", records: "staff" });
    expect(getStaff?.idParam).toEqual({ name: "staff_id", in: "query", type: "string" });
  });

  it.each([
    ["a parameter", (b: Json) => ({ ...b, idParam: "staff_no" }), /names parameter staff_no/],
    [
      "a records path",
      (b: Json) => ({ ...b, records: "staff_member" }),
      /records staff_member: not in the answer's schema/,
    ],
    ["a field path", (b: Json) => ({ ...b, fields: { name: "nick_name" } }), /reads nick_name/],
    [
      "a definitions operation",
      (b: Json) => ({ ...b, customFields: { path: "name", definitions: { ...DEFS, operationId: "listStaffFields" } } }),
      /definitions names listStaffFields, no operation/,
    ],
    [
      "a definitions path",
      (b: Json) => ({ ...b, customFields: { path: "name", definitions: { ...DEFS, label: "field_label" } } }),
      /listStaff\b.*reads field_label/,
    ],
  ])("refuses %s the operation does not have", (_what, edit, message) => {
    expect(() => renderUnified("weiban", withBlock(edit))).toThrow(message);
  });

  it("the extensions schema refuses an unknown kind, entity or key", async () => {
    const bad = withBlock((b) => ({ ...b, kind: "delete", entity: "invoice", colour: "red" }));
    const problems = await checkExtensions(bad, ROOT);
    expect(problems.some((p) => p.includes("x-unified"))).toBe(true);
    expect(await checkExtensions(doc, ROOT)).toEqual([]);
  });
});
