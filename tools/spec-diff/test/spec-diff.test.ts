// spec-diff through its CLI against a real git history: a throw-away repository holding Planyun's spec, one commit
// that breaks it (an operation removed) and one that only adds (the operation back).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@scrm-openapi/codegen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSpec, diffVendors, formatReport, lastReleaseTag, specsAt } from "../src/index.js";

let dir: string;
const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", timeout: 20_000 });
const commit = (message: string) => {
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", message);
};
const edit = (file: string, change: (text: string) => string) => {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "spec-diff-repo-"));
  cpSync(join(repoRoot, "specs/planyun"), join(dir, "specs/planyun"), { recursive: true });
  git("init", "-q");
  commit("base");
  git("tag", "v0.1.0");
  // Breaking: the add-follow operation is gone.
  edit("specs/planyun/openapi.yaml", (t) =>
    t.replace(/\n {2}\/open-api\/customer\/biz-submit\/add-follow:\n.*\n/, "\n"),
  );
  commit("drop add-follow");
  // Non-breaking: the operation comes back (an added operation breaks no caller).
  edit("specs/planyun/openapi.yaml", (t) =>
    t.replace(
      "\npaths:\n",
      "\npaths:\n  /open-api/customer/biz-submit/add-follow:\n    $ref: paths/open-api_customer_biz-submit_add-follow.yaml\n",
    ),
  );
  commit("add it back");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("spec-diff", () => {
  it("finds the last release tag", () => {
    expect(lastReleaseTag(dir)).toBe("v0.1.0");
  });

  it("classifies a removed operation as breaking and an added one as non-breaking", async () => {
    const [base, dropped, added] = await Promise.all([
      specsAt("HEAD~2", dir),
      specsAt("HEAD~1", dir),
      specsAt("HEAD", dir),
    ]);
    const breaking = diffVendors(base, dropped)[0];
    expect(breaking?.vendor).toBe("planyun");
    expect(breaking?.changes.filter((c) => c.type === "breaking").map((c) => c.pointer)).toContain(
      "/paths/~1open-api~1customer~1biz-submit~1add-follow/post",
    );
    const additive = diffVendors(dropped, added)[0];
    expect(additive?.changes.length).toBeGreaterThan(0);
    expect(additive?.changes.filter((c) => c.type === "breaking")).toEqual([]);
    if (!breaking) throw new Error("no planyun diff");
    expect(formatReport([breaking], "v0.1.0", "HEAD~1")).toMatch(/planyun: [1-9]\d* breaking/);
  });

  it("sees a retyped request field through every operation that uses it, and nothing in the others", async () => {
    const head = (await specsAt("HEAD", dir)).get("planyun");
    if (!head) throw new Error("no planyun spec");
    const after = structuredClone(head) as {
      components: { schemas: Record<string, { properties: Record<string, { type?: string }> }> };
    };
    const field = after.components.schemas.NextTime?.properties.nextTimeLength;
    if (!field) throw new Error("NextTime.nextTimeLength moved: update the test");
    field.type = "string";
    const changes = diffSpec(head, after as unknown as typeof head);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.type === "breaking").length).toBeGreaterThan(0);
    expect(changes.every((c) => c.pointer.includes("create-business") || c.pointer.includes("add-follow"))).toBe(true);
  });

  it("reports no change between a revision and itself", async () => {
    const head = await specsAt("HEAD", dir);
    expect(diffVendors(head, head)).toEqual([{ vendor: "planyun", status: "unchanged", changes: [] }]);
  });

  it("names a missing ref instead of crashing", async () => {
    await expect(specsAt("no-such-ref", dir)).rejects.toThrow(/no-such-ref/);
  });
});
