// The clients are platform-neutral: each bundles for the browser with no Node built-in, and the Weiban client makes
// real calls from a page in headless Chromium against the Prism mock, a typed error included.
import { fileURLToPath } from "node:url";
import { startMock } from "@scrm-openapi/mock";
import { offlinePage, sharedChromium } from "@scrm-openapi/testing/chromium";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser, serve } from "../src/index.js";

const here = fileURLToPath(new URL(".", import.meta.url));

describe("every client bundles for the browser", () => {
  it.each([
    ["weiban", "createWeibanClient"],
    ["weiling", "createWeilingClient"],
    ["tanma", "createTanmaClient"],
    ["planyun", "createPlanyunClient"],
  ])("@scrm-openapi/%s (%s): esbuild --platform=browser, no node: import left", async (vendor, factory) => {
    const result = await build({
      stdin: { contents: `export { ${factory} } from "@scrm-openapi/${vendor}";`, resolveDir: here, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.filter((i) => i.startsWith("node:") || i.includes("ioredis"))).toEqual([]);
    expect(result.outputFiles.map((f) => f.text).join("")).not.toMatch(/from\s*"node:/);
  });
});

describe("a page in headless Chromium", () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  let site: Awaited<ReturnType<typeof serve>>;
  let browser: Awaited<ReturnType<typeof sharedChromium>>;
  const external: string[] = [];

  beforeAll(async () => {
    mock = await startMock("weiban", { port: 0 });
    const script = await bundleForBrowser(
      `import { createWeibanClient } from "@scrm-openapi/weiban";
       import { ScrmApiError } from "@scrm-openapi/core";
       const out = (id, text) => { const el = document.createElement("p"); el.id = id; el.textContent = text; document.body.append(el); };
       const weiban = createWeibanClient({ corpId: "wwbrowser", secret: "browser-secret", baseUrl: ${JSON.stringify(mock.url)} });
       try {
         const { data } = await weiban.GET("/open-api/opportunity/one", { params: { query: { id: "1" } } });
         out("opportunity", data.opportunity.name + " / " + data.opportunity.serial_number);
         await weiban.GET("/open-api/opportunity/one", { params: { query: { id: "404" } }, headers: { Prefer: "example=notFound" } });
         out("error", "no error");
       } catch (error) {
         out("error", (error instanceof ScrmApiError) + " " + error.name + " " + error.code + " " + error.meaning);
       }
       out("done", "yes");`,
      here,
    );
    site = await serve({
      "/": {
        type: "text/html; charset=utf-8",
        body: `<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>`,
      },
      "/app.js": { type: "text/javascript", body: script },
    });
    browser = await sharedChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await mock?.stop();
  });

  it("fetches the token, calls the mock, and shows the success and a typed ScrmApiError", async () => {
    const page = await offlinePage(browser, external);
    await page.goto(site.url);
    await page.locator("#done").waitFor({ timeout: 20_000 });
    expect(await page.locator("#opportunity").textContent()).toMatch(/ \/ SJ\d+/);
    expect(await page.locator("#error").textContent()).toBe("true ScrmApiError 22201 未找到商机记录");
    expect(external).toEqual([]);
  });
});
