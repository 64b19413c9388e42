import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEvidence, checkVendorEvidence, summarize } from "../src/evidence/index.js";
import { repoRoot } from "../src/index.js";

// A one-operation spec (already bundled) and its evidence: the page marks `data.id` 必需 (string) and lists
// `data.name`; `limit` is a string with no stated minimum.
let root: string;
const specRoot = () => join(root, "specs/fx/openapi.yaml");
const evidence = `
vendor: fx
operationId: getThing
class: vendor-page
status: read
source: https://docs.example.test/api-1
read: '2026-12-06'
sections:
  request:
    where: 请求参数 table
    complete: true
    fields:
      - { path: query.limit, type: string, required: false }
  response:
    where: 返回响应 table
    complete: true
    fields:
      - { path: response.code, type: integer, required: true }
      - { path: response.data, type: object, required: true }
      - { path: response.data.id, type: string, required: true }
      - { path: response.data.name, type: string, required: false }
`;

type Json = Record<string, unknown>;
function spec(edit: (parts: { limit: Json; id: Json; data: Json; op: Json }) => void): Json {
  const limit: Json = { type: "string" };
  const id: Json = { type: "string" };
  const data: Json = { type: "object", properties: { id, name: { type: "string" } }, required: ["id"] };
  const op: Json = {
    operationId: "getThing",
    "x-source": "https://docs.example.test/api-1",
    parameters: [{ name: "limit", in: "query", schema: limit }],
    responses: {
      200: {
        description: "ok",
        content: {
          "application/json": {
            schema: {
              anyOf: [{ $ref: "#/components/schemas/Thing" }, { $ref: "#/components/schemas/ErrorEnvelope" }],
            },
          },
        },
      },
    },
  };
  edit({ limit, id, data, op });
  return {
    "x-vendor": { id: "fx" },
    paths: { "/thing": { get: op } },
    components: {
      schemas: {
        Thing: { type: "object", required: ["code", "data"], properties: { code: { type: "integer" }, data } },
        ErrorEnvelope: { type: "object", properties: { code: { type: "integer" } } },
      },
    },
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "scrm-evidence-"));
  await mkdir(join(root, "specs/fx/evidence"), { recursive: true });
  await cp(join(repoRoot, "specs/evidence.schema.json"), join(root, "specs/evidence.schema.json"));
  await writeFile(join(root, "specs/fx/evidence/getThing.yaml"), evidence);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const run = async (doc: Json) => summarize([await checkVendorEvidence(doc, specRoot())]);

describe("deviation check", () => {
  it("passes when the spec says what the page says", async () => {
    const { ok, lines } = await run(spec(() => {}));
    expect(ok).toBe(true);
    expect(lines[0]).toMatch(/evidence fx: 1 operations\/webhooks \(1 read\), 5 fields with evidence, 0 deviations/);
  });

  it("fails on an unexplained difference, naming vendor, operation and field", async () => {
    const { ok, lines } = await run(
      spec(({ data, limit }) => {
        data.required = []; // 必需 on the page, optional here
        limit.type = "integer"; // string on the page
        limit.minimum = 1; // stated nowhere
      }),
    );
    expect(ok).toBe(false);
    expect(lines).toContain(
      "  ✗ fx getThing response.data.id: made-optional (source required) without an x-deviation reason",
    );
    expect(lines).toContain(
      "  ✗ fx getThing query.limit: retyped (source string, spec integer) without an x-deviation reason",
    );
    expect(lines).toContain(
      "  ✗ fx getThing query.limit: constraint-added (the source states no minimum) without an x-deviation reason",
    );
  });

  it("passes when each difference carries an x-deviation reason, and lists inferred constraints", async () => {
    const doc = spec(({ data, id, limit }) => {
      data.required = [];
      id["x-deviation"] = { reason: "sometimes-absent", note: "The page's second example has no id." };
      limit.maximum = 100;
      limit["x-inferred"] = true;
    });
    const report = await checkVendorEvidence(doc, specRoot());
    expect(summarize([report]).ok).toBe(true);
    const [op] = report.operations;
    expect(op?.differences).toEqual([
      {
        field: "response.data.id",
        kind: "made-optional",
        detail: "source required",
        reason: { reason: "sometimes-absent", note: "The page's second example has no id." },
      },
    ]);
    expect(op?.inferred).toEqual([{ field: "query.limit", constraints: { maximum: 100 } }]);
  });

  it("a field the page lists and the spec leaves out needs an operation-level reason", async () => {
    const dropped = spec(({ data }) => {
      data.properties = { id: { type: "string" } };
    });
    expect((await run(dropped)).lines).toContain(
      "  ✗ fx getThing response.data.name: dropped (the source lists it; the spec does not declare it) without an x-deviation reason",
    );
    const explained = spec(({ data, op }) => {
      data.properties = { id: { type: "string" } };
      op["x-deviations"] = [{ field: "response.data.name", reason: "page-error", note: "Never sent (test fixture)." }];
    });
    expect((await run(explained)).ok).toBe(true);
  });

  it("a field the spec adds fails unless explained", async () => {
    const added = spec(({ data }) => {
      (data.properties as Json).extra = { type: "string" };
    });
    expect((await run(added)).lines).toContain(
      "  ✗ fx getThing response.data.extra: added (the spec declares it; the source does not list it) without an x-deviation reason",
    );
  });

  it("an operation without an evidence file fails", async () => {
    const doc = spec(({ op }) => {
      op.operationId = "getOther";
    });
    const { ok, lines } = await run(doc);
    expect(ok).toBe(false);
    expect(lines).toContain("  ✗ fx getOther: no evidence file (specs/fx/evidence/getOther.yaml)");
    expect(lines).toContain("  ✗ fx evidence/getThing.yaml: the spec has no getThing");
  });
});

describe("the repository's specs", () => {
  it("have evidence for every operation and webhook and no unexplained difference", async () => {
    const { ok, lines } = summarize(await checkEvidence());
    expect(lines.filter((line) => line.startsWith("  ✗"))).toEqual([]);
    expect(ok).toBe(true);
  }, 120_000);
});
