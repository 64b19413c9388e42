// Error classes keep their names in minified builds (issue 28): logs and `String(error)` show them.
import { describe, expect, it } from "vitest";

describe("error names", () => {
  it("every error class keeps its name when a minifier renames the class", async () => {
    const errors = await import("../src/index.js");
    const context = { vendor: "fakeban", operationId: "listThings", requestId: "req_1" };
    const made: [string, (E: never) => Error][] = [
      ["ScrmError", (E: typeof errors.ScrmError) => new E(context, "x")],
      [
        "ScrmApiError",
        (E: typeof errors.ScrmApiError) =>
          new E(context, {
            code: 1,
            vendorMessage: "",
            meaning: undefined,
            kind: undefined,
            status: 200,
            retryable: false,
          }),
      ],
      [
        "ScrmResponseError",
        (E: typeof errors.ScrmResponseError) => new E(context, { reason: "empty", description: "x", status: 200 }),
      ],
      ["ScrmNetworkError", (E: typeof errors.ScrmNetworkError) => new E(context, undefined, "x", false)],
      ["ScrmTimeoutError", (E: typeof errors.ScrmTimeoutError) => new E(context, { phase: "attempt", timeoutMs: 1 })],
      ["ScrmAbortError", (E: typeof errors.ScrmAbortError) => new E(context, undefined)],
      [
        "ScrmRateLimitError",
        (E: typeof errors.ScrmRateLimitError) => new E(context, { reason: "closed", description: "x" }),
      ],
      ["ScrmStoreError", (E: typeof errors.ScrmStoreError) => new E("store", "x")],
      ["ScrmConfigError", (E: typeof errors.ScrmConfigError) => new E("fakeban", "baseUrl", "x")],
      ["ScrmWebhookError", (E: typeof errors.ScrmWebhookError) => new E("fakeban", "verify", "malformed", "x")],
    ];
    for (const [name, make] of made) {
      const Class = errors[name as keyof typeof errors] as unknown as { name: string };
      const original = Class.name;
      // What a minifier does to a class: its own name becomes a short identifier.
      Object.defineProperty(Class, "name", { value: "Rd", configurable: true });
      try {
        const error = make(Class as never);
        expect(error.name).toBe(name);
        expect(String(error)).toMatch(new RegExp(`^${name}: `));
      } finally {
        Object.defineProperty(Class, "name", { value: original, configurable: true });
      }
    }
  });
});
