import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildMeta,
  bundleSpec,
  checkExtensions,
  checkLedger,
  listApis,
  repoRoot,
  runGenerate,
  successOnly,
} from "../src/index.js";

let root: string;
beforeAll(async () => {
  // A private copy of one vendor (the smallest spec): spec and the committed generated files.
  root = await mkdtemp(join(tmpdir(), "scrm-codegen-"));
  await cp(join(repoRoot, "specs/planyun"), join(root, "specs/planyun"), { recursive: true });
  for (const schema of ["extensions.schema.json", "ledger.schema.json"]) {
    await cp(join(repoRoot, "specs", schema), join(root, "specs", schema));
  }
  // (Planyun documents no webhook crypto, so codegen writes it no generated/webhooks.ts.)
  await cp(join(repoRoot, "packages/planyun/src/generated"), join(root, "packages/planyun/src/generated"), {
    recursive: true,
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("generate", () => {
  // `pnpm generate --check` over the repository: every vendor's committed files are what its spec generates.
  it("every vendor's committed files are exactly what its spec generates", async () => {
    const { stale } = await runGenerate({ check: true });
    expect(stale, "stale generated files: run `pnpm generate` and commit them").toEqual([]);
  }, 120_000); // CPU-bound (openapi-typescript over every spec): ~8 s alone, much more on a loaded machine

  it("--check reports a spec edit as stale, and generating fixes it", async () => {
    const path = join(root, "specs/planyun/paths/open-api_customer_wecom_customer_get-customer-info-extend.yaml");
    const edited = (await readFile(path, "utf8"))
      .replace("x-rate-class: read", "x-rate-class: write")
      .replace("获取客户资料信息", "获取客户资料信息 (edited)");
    await writeFile(path, edited);
    const planyun = { root, vendors: ["planyun"] };
    const { stale } = await runGenerate({ ...planyun, check: true });
    expect(stale.sort()).toEqual([
      "packages/planyun/src/generated/meta.ts",
      "packages/planyun/src/generated/schema.ts",
    ]);
    expect((await runGenerate(planyun)).written).toHaveLength(2);
    expect(await runGenerate({ ...planyun, check: true })).toEqual({ written: [], stale: [] });
    const meta = await readFile(join(root, "packages/planyun/src/generated/meta.ts"), "utf8");
    expect(meta).toMatch(
      /"operationId": "getCustomerInfoExtend",\n\s+"method": "get",\n\s+"path": "\/open-api\/customer\/wecom\/customer\/get-customer-info-extend",\n\s+"rateClass": "write"/,
    );
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

describe("x- extensions and the coverage ledger", () => {
  const weiban = join(repoRoot, "specs/weiban/openapi.yaml");

  it("every vendor's spec conforms to specs/extensions.schema.json and matches its ledger both ways", async () => {
    for (const api of await listApis()) {
      const doc = await bundleSpec(api.root);
      expect(await checkExtensions(doc, api.root)).toEqual([]);
      const { problems, coverage } = await checkLedger(doc, api.root);
      expect(problems).toEqual([]);
      expect(coverage?.operations.specified).toBeGreaterThan(0);
    }
  });

  it("names a mistyped extension and a wrong value", async () => {
    const doc = await bundleSpec(weiban);
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    const op = paths["/open-api/sea/list"]?.get as Record<string, unknown>;
    op["x-rate-clas"] = "read";
    (doc["x-envelope"] as Record<string, unknown>).successCode = [0];
    const problems = await checkExtensions(doc, weiban);
    expect(problems).toContain("paths./open-api/sea/list.get must NOT have additional properties");
    expect(problems.some((p) => p.startsWith("root.x-envelope.successCode"))).toBe(true);
  });

  it("an operation missing from the ledger, or a ledger entry the spec lacks, fails", async () => {
    const doc = await bundleSpec(weiban);
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    delete paths["/open-api/sea/list"];
    paths["/open-api/new/thing"] = { get: { operationId: "getNewThing" } };
    const { problems } = await checkLedger(doc, weiban);
    expect(problems).toContain("ledger: the spec's operation getNewThing is not in the ledger as specified");
    expect(problems).toContainEqual(expect.stringMatching(/names operation listSeas, which the spec does not have/));
  });
});
