// The host's stand-ins for modules Prism loads but the host never uses (src/defer.ts): requiring one runs nothing;
// the first read of a property loads the real module, whose classes, methods and `default` then work as the real ones.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { defer } from "../src/defer.js";

const FIXTURE = `globalThis.deferLoads = (globalThis.deferLoads ?? 0) + 1;
class Thing { constructor(n) { this.n = n; } twice() { return this.n * 2; } }
module.exports = { Thing, value: 42, default: { word: "real" }, self() { return this.value; } };`;

interface Fixture {
  Thing: new (n: number) => { twice(): number };
  value: number;
  default: { word: string };
  self(): number;
}
const loads = () => (globalThis as { deferLoads?: number }).deferLoads ?? 0;

it("a deferred module loads on the first use of a property, and then answers as the real one", () => {
  const dir = mkdtempSync(join(tmpdir(), "mock-defer-"));
  try {
    writeFileSync(join(dir, "fixture.cjs"), FIXTURE);
    const from = createRequire(join(dir, "requirer.cjs"));
    const before = loads();
    defer(from, "./fixture.cjs");
    const got = from("./fixture.cjs") as Fixture;
    const fallback = got.default; // what json-schema-faker keeps of faker at Prism's start-up
    expect(loads()).toBe(before);
    expect(fallback.word).toBe("real");
    expect(loads()).toBe(before + 1);
    expect(new got.Thing(21).twice()).toBe(42);
    expect(got.self()).toBe(42);
    expect("value" in got).toBe(true);
    // Required again, it is the real module, loaded once.
    expect((from("./fixture.cjs") as Fixture).value).toBe(42);
    expect(loads()).toBe(before + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
