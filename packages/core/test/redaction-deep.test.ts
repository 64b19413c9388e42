// Redaction seen the way a log sees an error: util.inspect to any depth (headers, the cause chain, every field), and
// the encoded forms a secret takes on the way (lower-case percent-encoding, JSON's \/ escaping, base64url).
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createVendorClient, tokenAuth } from "../src/vendor.js";
import { fakeClient, inProcessVendor, rejection, SECRET } from "./helpers.js";
import { type FakePaths, limitedMeta } from "./metas.js";

const TOKEN = "tok/9f+8e7d6=c5b4a3?";
const APP_SECRET = "app/secret+with=chars&more";
const shown = (error: unknown) => inspect(error, { depth: 20, showHidden: true });

/** Every form of `secret` that must not show: as is, and as the encodings below would carry it. */
function forms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/"),
    b64,
    b64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
  ];
}

/** A bearer client (the caller's token, as Planyun) whose every answer is `answer()`. */
function bearerClient(answer: () => Response) {
  return createVendorClient<FakePaths>(
    { ...limitedMeta, auth: { style: "bearer-token" } },
    {
      baseUrl: "http://vendor.test",
      credentials: { appSecret: APP_SECRET },
      getAccessToken: async () => TOKEN,
      fetch: async () => answer(),
      retry: false,
    },
    { auth: tokenAuth },
  );
}

describe("response headers", () => {
  it("a header echoing the secret or the token is masked in the error", async () => {
    const echo = [...forms(APP_SECRET), ...forms(TOKEN)];
    const client = bearerClient(
      () =>
        new Response(JSON.stringify({ errcode: 22201, errmsg: "nope" }), {
          headers: {
            "content-type": "application/json",
            ...Object.fromEntries(echo.map((f, i) => [`x-echo-${i}`, f])),
          },
        }),
    );
    const error = await rejection(client.GET("/things"));
    expect((error as { headers: Headers }).headers.get("x-echo-0")).toBe("[redacted]");
    for (const form of echo) expect(shown(error)).not.toContain(form);
  });
});

describe("encoded forms in answers", () => {
  it.each([...forms(APP_SECRET), ...forms(TOKEN)].map((form) => [form]))("%s is masked in a snippet", async (form) => {
    const client = bearerClient(() => new Response(`upstream said: ${form}`, { status: 502 }));
    const error = await rejection(client.GET("/things"));
    expect((error as { snippet: string }).snippet).not.toContain(form);
    expect(shown(error)).not.toContain(form);
  });
});

describe("malformed token answers", () => {
  it.each([
    ["no usable token field", { errcode: 0, token: "tok-secret-0123456789", expires_in: 7200 }],
    ["a token of the wrong type", { errcode: 0, access_token: { value: "tok-secret-0123456789" }, expires_in: 7200 }],
    ["a token with a line break", { errcode: 0, access_token: "tok-secret-0123456789\r\n", expires_in: 7200 }],
  ])("%s: no token in any field or cause", async (_, json) => {
    const vendor = inProcessVendor();
    vendor.tokenRoute = () => ({ json, headers: { "x-token": "tok-secret-0123456789" } });
    const error = await rejection(fakeClient({ fetch: vendor.fetch, retry: false }).GET("/things"));
    expect(error).toMatchObject({ operationId: "getAccessToken" });
    expect(shown(error)).not.toContain("tok-secret-0123456789");
    expect(shown(error)).not.toContain(SECRET);
  });
});
