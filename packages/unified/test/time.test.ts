// Property: the engine writes a Unix time as ISO 8601 by arithmetic (time.ts, a hot path of every mapped record);
// it must give exactly what Date#toISOString gives — over seeded random instants of years 0000–9999, the calendar's
// edges (leap days, century years, the range's ends) and the values it hands to Date (negative, fractional, too large).
import { describe, expect, it } from "vitest";
import { isoFromMs, toIso } from "../src/time.js";
import { prng } from "./prng.js";

const LAST = Date.UTC(10000, 0, 1);
const viaDate = (ms: number) => {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

describe("ISO 8601 from a Unix time", () => {
  it("matches Date#toISOString on 20,000 seeded instants and on the calendar's edges", () => {
    const random = prng(25);
    const instants = Array.from({ length: 20_000 }, () => Math.floor(random() * LAST));
    const edges = [0, -0, 1, 999, 86_399_999, 86_400_000, LAST - 1, LAST, -1, 1.5, -62_167_219_200_000];
    for (const [y, m, d] of [
      [2000, 1, 29],
      [1900, 2, 1],
      [2024, 1, 29],
      [2100, 2, 1],
      [1970, 0, 1],
      [9999, 11, 31],
      [0, 0, 1],
      [400, 1, 29],
    ] as const) {
      const day = new Date(0).setUTCFullYear(y, m, d); // years as written (Date.UTC reads 0–99 as 1900–1999)
      edges.push(day, day - 1, day + 86_399_999);
    }
    const all = [...instants, ...edges, 8.64e15, 8.64e15 + 1, Number.NaN];
    expect(all.filter((ms) => isoFromMs(ms) !== viaDate(ms))).toEqual([]);
    expect(isoFromMs(0)).toBe("1970-01-01T00:00:00.000Z"); // the comparison above is not vacuous
  });

  it("reads seconds and milliseconds as the spec states them, and refuses what is not a time", () => {
    expect(toIso(1_700_000_000, "s")).toBe("2023-11-14T22:13:20.000Z");
    expect(toIso("1700000000123", "ms")).toBe("2023-11-14T22:13:20.123Z");
    expect(toIso(1e300, "s")).toBeUndefined();
    expect(toIso("17e8", "s")).toBeUndefined();
    expect(toIso("2026-12-06", "date")).toBe("2026-12-06");
  });
});
