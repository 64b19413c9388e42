// The server reads the bundled specs in src/generated/: they must be what the specs bundle to today.
import { readFile } from "node:fs/promises";
import { advisoryOnly, bundleSpec, listApis } from "@scrm-openapi/codegen";
import { describe, expect, it } from "vitest";

describe("the bundled specs the server ships", () => {
  it("match specs/ (else: pnpm generate)", async () => {
    for (const api of await listApis()) {
      const shipped = await readFile(new URL(`../src/generated/${api.id}.json`, import.meta.url), "utf8");
      expect(JSON.parse(shipped), `packages/mcp/src/generated/${api.id}.json is stale`).toEqual(
        advisoryOnly(await bundleSpec(api.root)),
      );
    }
  });

  it("carry no constraint the source does not state: Planyun's inferred date-time is not checked", async () => {
    const planyun = JSON.parse(await readFile(new URL("../src/generated/planyun.json", import.meta.url), "utf8"));
    const time = planyun.components.schemas.NextTime.properties.nextContactTime;
    expect(time["x-inferred"]).toBe(true);
    expect(JSON.stringify(time)).not.toContain('"format"');
  });
});
