// Inferred constraints are advisory: the copy validators use has none on a node marked x-inferred, and only there.
import { describe, expect, it } from "vitest";
import { advisoryOnly } from "../src/advisory.js";

describe("advisoryOnly", () => {
  it("drops the constraint keywords of inferred schemas and parameters, keeps the rest, leaves the input alone", () => {
    const time = { type: "string", format: "date-time", "x-inferred": true, description: "下次联系时间" };
    const stated = { type: "string", enum: ["1", "2"] };
    const doc = {
      parameters: [
        { name: "limit", in: "query", "x-inferred": true, schema: { type: "integer", minimum: 1, maximum: 100 } },
        { name: "cursor", in: "query", schema: { type: "string", maxLength: 64 } },
      ],
      body: { type: "object", required: ["nextContactTime"], properties: { nextContactTime: time, stage: stated } },
      again: time,
    };
    const out = advisoryOnly(doc);
    expect(out.body.properties.nextContactTime).toEqual({
      type: "string",
      "x-inferred": true,
      description: "下次联系时间",
    });
    expect(out.body.properties.stage).toEqual(stated);
    expect(out.body.required).toEqual(["nextContactTime"]);
    expect(out.parameters[0]?.schema).toEqual({ type: "integer" });
    expect(out.parameters[1]?.schema).toEqual({ type: "string", maxLength: 64 });
    // A node used twice is copied once; the input keeps its constraints.
    expect(out.again).toBe(out.body.properties.nextContactTime);
    expect(time.format).toBe("date-time");
  });

  it("copies circular structures without looping", () => {
    const node: Record<string, unknown> = { type: "object", "x-inferred": true, format: "tree" };
    node.properties = { self: node };
    const out = advisoryOnly(node) as Record<string, unknown> & { properties: { self: unknown } };
    expect(out.format).toBeUndefined();
    expect(out.properties.self).toBe(out);
  });
});

describe("advisoryOnly on alternatives", () => {
  it("an inferred node's anyOf branches lose their constraints too; a property below keeps its own", () => {
    const node = {
      "x-inferred": true,
      anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
      properties: { at: { type: "string", format: "date" } },
    };
    expect(advisoryOnly(node)).toEqual({
      "x-inferred": true,
      anyOf: [{ type: "string" }, { type: "null" }],
      properties: { at: { type: "string", format: "date" } },
    });
  });
});
