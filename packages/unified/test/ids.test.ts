// Property: every remote id — colons, slashes, percent signs, CJK, emoji, lone surrogates, empty — survives
// formatId → parseId unchanged, and so does a composite (relation) id. Seeded, so a failure reproduces.
import { describe, expect, it } from "vitest";
import { formatId, parseId } from "../src/index.js";
import { prng } from "./prng.js";

const PIECES = [
  ":",
  "!",
  "(",
  ")",
  "*",
  "'",
  "/",
  "%",
  "%3A",
  "%u0041",
  " ",
  "?",
  "#",
  "&",
  "=",
  "+",
  "客户",
  "员工",
  "商机",
  "😀",
  "\ud800",
  "\udfff",
  "wm8zkSaSL7dgds4s45fw",
  "-",
  "_",
  ".",
  "~",
  "\n",
  "\\",
  "\u0000",
  "é",
];

function randomId(next: () => number): string {
  const length = Math.floor(next() * 12);
  let out = "";
  for (let i = 0; i < length; i++) {
    out +=
      next() < 0.6
        ? (PIECES[Math.floor(next() * PIECES.length)] as string)
        : String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return out;
}

describe("unified ids", () => {
  it("round-trip 5,000 seeded random remote ids, single and composite", () => {
    const next = prng(20261206);
    for (let i = 0; i < 5000; i++) {
      const remote = randomId(next);
      const id = formatId("weiban", "customer", remote);
      expect(id.split(":")).toHaveLength(3);
      expect(parseId(id)).toEqual({ vendor: "weiban", entity: "customer", parts: [remote] });
      const pair = [remote, randomId(next)];
      expect(parseId(formatId("weiling", "followRelation", pair))?.parts).toEqual(pair);
    }
  });

  it("are readable for plain ids and percent-encode CJK as UTF-8", () => {
    expect(formatId("weiban", "customer", "wm8zkSaSL7dgds4s45fw")).toBe("weiban:customer:wm8zkSaSL7dgds4s45fw");
    expect(formatId("tanma", "tag", "组:1/2")).toBe("tanma:tag:%E7%BB%84%3A1%2F2");
  });

  it("reject text that formatId never writes", () => {
    for (const bad of [
      "",
      "weiban",
      "weiban:customer",
      "weiban:customer:%zz",
      "weiban:customer:a b",
      "weiban:customer:%E7%BB",
      "weiban:customer:%e7%bb%84",
    ]) {
      expect(parseId(bad), bad).toBeUndefined();
    }
  });
});
