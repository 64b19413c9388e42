// The vendor model and what it decides once for every renderer: the vendor list, retry safety (x-idempotent), the
// request-id header, and the generated-file layout.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  buildMeta,
  buildModel,
  bundleSpec,
  checkExtensions,
  generateVendor,
  listApis,
  repoRoot,
  VENDORS,
} from "../src/index.js";
import { vendorsIn, withVendor } from "../src/vendors.js";

const weiban = join(repoRoot, "specs/weiban/openapi.yaml");
type Op = Record<string, unknown>;
const opAt = (doc: Record<string, unknown>, path: string, method: string) =>
  (doc.paths as Record<string, Record<string, Op>>)[path]?.[method] as Op;
const metaOp = (meta: Record<string, unknown>, operationId: string) =>
  (meta.operations as Op[]).find((o) => o.operationId === operationId);

describe("the vendor list", () => {
  it("is the one list: redocly.yaml's apis mirror it, in order", async () => {
    const redocly = parse(await readFile(join(repoRoot, "redocly.yaml"), "utf8")) as { apis: Record<string, unknown> };
    expect(Object.keys(redocly.apis).map((api) => api.split("@")[0])).toEqual([...VENDORS]);
    expect((await listApis()).map((a) => a.id)).toEqual([...VENDORS]);
  });

  it("reads and extends its own source text (what the scaffold does)", async () => {
    const source = await readFile(join(repoRoot, "tools/codegen/src/vendors.ts"), "utf8");
    expect(vendorsIn(source)).toEqual([...VENDORS]);
    const added = withVendor(source, "qiwei");
    expect(vendorsIn(added)).toEqual([...VENDORS, "qiwei"]);
    const many = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b1"].reduce(withVendor, source);
    expect(many).toMatch(/export const VENDORS = \[\n {2}"weiling",\n/);
    expect(vendorsIn(many)).toHaveLength(VENDORS.length + 10);
  });
});

describe("retry safety", () => {
  it("defaults to today's rule and is emitted only where it differs from GET", async () => {
    const { meta } = buildMeta(await bundleSpec(weiban));
    // POST with a read rate class: idempotent, emitted.
    expect(metaOp(meta, "listContacts")).toMatchObject({ method: "post", rateClass: "read", idempotent: true });
    // GET with a write rate class: not idempotent, emitted.
    expect(metaOp(meta, "removePreTagTasksByUnionid")).toMatchObject({ method: "get", idempotent: false });
    // GET read: the runtime's default, so not emitted.
    const getRead = (meta.operations as Op[]).find((o) => o.method === "get" && o.rateClass === "read");
    expect(getRead).toBeDefined();
    expect(getRead).not.toHaveProperty("idempotent");
  });

  it("x-idempotent overrides the default either way", async () => {
    const doc = await bundleSpec(weiban);
    opAt(doc, "/open-api/contact/list", "post")["x-idempotent"] = false;
    opAt(doc, "/open-api/sea/list", "get")["x-idempotent"] = false;
    const addClues = buildModel(doc).operations.find((o) => o.operationId === "addClues");
    opAt(doc, addClues?.path ?? "", addClues?.method ?? "")["x-idempotent"] = true;
    const model = buildModel(doc);
    const { meta } = buildMeta(doc);
    expect(metaOp(meta, "listContacts")).not.toHaveProperty("idempotent"); // POST, false: the default for POST
    expect(metaOp(meta, "listSeas")).toMatchObject({ method: "get", idempotent: false });
    expect(metaOp(meta, "addClues")).toMatchObject({ idempotent: true });
    expect(model.operations.find((o) => o.operationId === "addClues")?.idempotent).toBe(true);
  });

  it("the extensions schema refuses a non-boolean x-idempotent", async () => {
    const doc = await bundleSpec(weiban);
    opAt(doc, "/open-api/sea/list", "get")["x-idempotent"] = "yes";
    expect(await checkExtensions(doc, weiban)).toContain("paths./open-api/sea/list.get.x-idempotent must be boolean");
  });
});

describe("the vendor block", () => {
  it("emits x-vendor.requestIdHeader as vendor.requestIdHeader, and none when the spec has none", async () => {
    const doc = await bundleSpec(weiban);
    expect(buildMeta(doc).meta.vendor).toMatchObject({ id: "weiban", requestIdHeader: "x-request-id" });
    delete (doc["x-vendor"] as Record<string, unknown>).requestIdHeader;
    expect(buildMeta(doc).meta.vendor).not.toHaveProperty("requestIdHeader");
  });
});

describe("the layout", () => {
  it("codegen writes only under packages/<vendor>/src/generated/, and the package entries re-export it", async () => {
    const files = await generateVendor({ id: "tanma", root: join(repoRoot, "specs/tanma/openapi.yaml") });
    const dir = join(repoRoot, "packages/tanma/src/generated");
    expect(files.map((f) => f.path.replace(`${dir}/`, "")).sort()).toEqual(
      ["README.md", "client.ts", "meanings.ts", "meta.ts", "mocks.ts", "schema.ts", "unified.ts", "webhooks.ts"].sort(),
    );
    for (const vendor of VENDORS) {
      const index = await readFile(join(repoRoot, "packages", vendor, "src/index.ts"), "utf8");
      expect(index.trim().split("\n").at(-1)).toBe('export * from "./generated/client.js";');
      expect(await readFile(join(repoRoot, "packages", vendor, "src/generated/client.ts"), "utf8")).toMatch(
        /from "@scrm-openapi\/core(\/vendor)?";/,
      );
    }
  }, 60_000);
});
