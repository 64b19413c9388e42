import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMeta, bundleSpec, listApis, repoRoot, runGenerate, successOnly } from "../src/index.js";

let root: string;
beforeAll(async () => {
  // A private copy of one vendor: spec, vendor list and the committed generated files.
  root = await mkdtemp(join(tmpdir(), "scrm-codegen-"));
  await cp(join(repoRoot, "specs/weiban"), join(root, "specs/weiban"), { recursive: true });
  await cp(join(repoRoot, "packages/weiban/src/generated"), join(root, "packages/weiban/src/generated"), {
    recursive: true,
  });
  await writeFile(join(root, "redocly.yaml"), "apis:\n  weiban@v1:\n    root: specs/weiban/openapi.yaml\n");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("generate", () => {
  it("the committed files are exactly what the spec generates", async () => {
    expect(await runGenerate({ root, check: true })).toEqual({ written: [], stale: [] });
  });

  it("--check reports a spec edit as stale, and generating fixes it", async () => {
    const path = join(root, "specs/weiban/paths/open-api_sea_list.yaml");
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace("operationId: listSeas", "operationId: listSeasEdited"),
    );
    const { stale } = await runGenerate({ root, check: true });
    expect(stale.sort()).toEqual(["packages/weiban/src/generated/meta.ts", "packages/weiban/src/generated/schema.ts"]);
    expect((await runGenerate({ root })).written).toHaveLength(2);
    expect(await runGenerate({ root, check: true })).toEqual({ written: [], stale: [] });
    expect(await readFile(join(root, "packages/weiban/src/generated/meta.ts"), "utf8")).toContain("listSeasEdited");
  });

  it("rejects an unknown vendor", async () => {
    await expect(runGenerate({ root, vendors: ["nope"] })).rejects.toThrow(/no api named nope/);
  });
});

describe("types", () => {
  it("drop the ErrorEnvelope branch so responses hold the success body only", async () => {
    const doc = await bundleSpec(join(repoRoot, "specs/weiban/openapi.yaml"));
    const schemaOf = (d: Record<string, unknown>) =>
      JSON.stringify(
        (d.paths as Record<string, { get: { responses: { 200: { content: Record<string, { schema: unknown }> } } } }>)[
          "/open-api/opportunity/one"
        ]?.get.responses[200].content["application/json"]?.schema,
      );
    expect(schemaOf(doc)).toContain("ErrorEnvelope");
    expect(schemaOf(successOnly(doc))).toBe(JSON.stringify({ $ref: "#/components/schemas/OpportunityOneResponse" }));
  });
});

describe("metadata", () => {
  it("reads every vendor's x- extensions into a VendorMeta", async () => {
    for (const api of await listApis()) {
      const { meta } = buildMeta(await bundleSpec(api.root));
      expect((meta.vendor as { id: string }).id).toBe(api.id);
      expect((meta.operations as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it("names the operation that lacks x-source", async () => {
    const doc = await bundleSpec(join(repoRoot, "specs/weiban/openapi.yaml"));
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    delete paths["/open-api/sea/list"]?.get?.["x-source"];
    expect(() => buildMeta(doc)).toThrow("GET /open-api/sea/list x-source must be a non-empty string");
  });

  it("refuses a tokenOperation that is not an operation", async () => {
    const doc = await bundleSpec(join(repoRoot, "specs/weiban/openapi.yaml"));
    (doc["x-auth"] as Record<string, unknown>).tokenOperation = "missing";
    expect(() => buildMeta(doc)).toThrow(/tokenOperation missing is not an operation of weiban/);
  });
});
