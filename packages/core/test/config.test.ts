// Misconfiguration fails when the client is created, naming the vendor and the option — never its value.
import { errorTexts } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { ScrmConfigError } from "../src/index.js";
import { fakeClient, SECRET } from "./helpers.js";
import { signedMeta } from "./metas.js";

const thrown = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    return error;
  }
  throw new Error("expected a ScrmConfigError");
};

describe("options are checked at creation", () => {
  it.each([
    ["a missing secret", { credentials: { corpId: "ww1", secret: "" } }, "secret", /is required/],
    [
      "a baseUrl without a scheme",
      { baseUrl: "open.weibanzhushou.com" },
      "baseUrl",
      /absolute http\(s\) URL with a scheme/,
    ],
    ["a non-http baseUrl", { baseUrl: "ftp://x.example.cn" }, "baseUrl", /absolute http\(s\) URL/],
    ["a negative timeout", { timeoutMs: -1 }, "timeoutMs", /≥ 0/],
    ["a retry count that is not a number", { retry: { maxRetries: Number.NaN } }, "retry.maxRetries", /finite/],
  ] as const)("%s", (_, options, option, message) => {
    const error = thrown(() => fakeClient(options as Parameters<typeof fakeClient>[0]));
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ vendor: "fakeban", option });
    expect((error as Error).message).toMatch(message);
  });

  it("a signing vendor without its key says which key, and never prints the other credentials", () => {
    const error = thrown(() => fakeClient({ credentials: { appId: SECRET, appKey: "" } }, signedMeta));
    expect(error).toMatchObject({ vendor: "fakema", option: "appKey" });
    expect((error as Error).message).toBe('[fakema] options: option "appKey" is required');
    for (const text of errorTexts(error)) expect(text).not.toContain(SECRET);
  });
});
