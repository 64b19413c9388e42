// Secrets never reach an error or a log line: not whole, not cut in half, not URL- or Base64-encoded.
import { errorTexts } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { type ScrmApiError, ScrmResponseError } from "../src/index.js";
import { Redactor } from "../src/redact.js";
import { fakeClient, inProcessVendor, rejection, SECRET } from "./helpers.js";

describe("Redactor", () => {
  it("masks a secret as sent, URL-encoded and Base64-encoded", () => {
    const redactor = new Redactor();
    const secret = "app/secret+with=chars";
    redactor.add(secret);
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${btoa(secret)} d`;
    expect(redactor.redact(text)).toBe("a [redacted] b [redacted] c [redacted] d");
  });

  it("masks before cutting a snippet, so a secret across the cut leaves no part behind", () => {
    const redactor = new Redactor();
    redactor.add(SECRET);
    const text = `${"x".repeat(190)}${SECRET}${"y".repeat(100)}`;
    const snippet = redactor.snippet(text, 200);
    expect(snippet).not.toContain(SECRET.slice(0, 10));
    expect(snippet.startsWith("x".repeat(190))).toBe(true);
  });

  it("keeps only the latest tokens: the list does not grow with every rotation", () => {
    const redactor = new Redactor();
    for (let i = 0; i < 20_000; i++) redactor.addToken(`token-${i}-${"z".repeat(20)}`);
    expect(redactor.redact(`token-19999-${"z".repeat(20)}`)).toBe("[redacted]");
    expect(redactor.redact(`token-0-${"z".repeat(20)}`)).toBe(`token-0-${"z".repeat(20)}`);
  });
});

describe("through the client", () => {
  it("an answer echoing the token, the secret and its encodings becomes an error without any of them", async () => {
    const vendor = inProcessVendor();
    vendor.route = (req) => {
      const token = req.query.get("access_token") ?? "";
      return {
        status: 502,
        text: `<html>${token} ${SECRET} ${encodeURIComponent(SECRET)} ${btoa(SECRET)} ${req.path}</html>`,
        headers: { "x-request-id": `rid-${token}` },
      };
    };
    const error = (await rejection(
      fakeClient({ fetch: vendor.fetch, retry: false }).GET("/things"),
    )) as ScrmResponseError;
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error.requestId).toBe("rid-[redacted]");
    for (const text of [...errorTexts(error), error.snippet, error.requestId]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/tok-\d+/);
      expect(text).not.toContain(btoa(SECRET));
    }
  });

  it("a vendor message quoting the token is masked in the ApiError", async () => {
    const vendor = inProcessVendor();
    vendor.route = (req) => ({ json: { errcode: 22201, errmsg: `bad token ${req.query.get("access_token")}` } });
    const error = (await rejection(fakeClient({ fetch: vendor.fetch }).GET("/things"))) as ScrmApiError;
    expect(error.vendorMessage).toBe("bad token [redacted]");
  });
});
