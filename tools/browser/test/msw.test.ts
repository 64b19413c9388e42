// A frontend on @scrm-openapi/weiling/msw: a page bundled with esbuild starts msw's service worker with Weiling's
// handlers and uses the generated client at its default base URL (the vendor's own host) in headless Chromium with
// the network off. It renders the spec's Chinese data, a created 商机 read back through get and list, and a
// scenario's error as a typed ScrmApiError — and no request leaves the machine.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { offlinePage, sharedChromium } from "@scrm-openapi/testing/chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser, serve } from "../src/index.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const require = createRequire(import.meta.url);

const page = `
import { setupWorker } from "msw/browser";
import { ScrmApiError } from "@scrm-openapi/core";
import { createWeilingClient } from "@scrm-openapi/weiling";
import { createWeilingMocks } from "@scrm-openapi/weiling/msw";

const out = (id, text) => { const el = document.createElement("p"); el.id = id; el.textContent = text; document.body.append(el); };
const mocks = createWeilingMocks({ data: "examples" }); // the page's example 商机, as asserted below
const worker = setupWorker(...mocks.handlers);
await worker.start({ onUnhandledRequest: "error", quiet: true });

// No baseUrl: the client calls https://openapi.weiling.cn, which the worker answers.
const weiling = createWeilingClient({ appId: "wlbrowser", appSecret: "browser-secret", retry: false });
try {
  const row = (b) => [b.business_opp_number, b.business_name, b.company_name, b.stage_name].join(" · ");
  const list = await weiling.POST("/openapi/v2/business/get", { body: {} });
  out("list", list.data.data.business_list.map(row).join("\\n"));

  const created = await weiling.POST("/openapi/v2/business/create", {
    body: { business_name: "华东区年度续约", stage: 1, company_id: "HOKTGl4htLn_mcun4QF5G0HVZA9JcVFIwZi1vFte4YU", except_amount: 50000 },
  });
  const id = created.data.data.business_id;
  const got = await weiling.POST("/openapi/v2/business/get", { body: { business_ids: [id] } });
  out("created", row(got.data.data.business_list[0]) + " · " + (got.data.data.business_list[0].business_id === id));
  const after = await weiling.POST("/openapi/v2/business/get", { body: {} });
  out("count", String(after.data.data.business_list.length));

  worker.use(mocks.scenario("rateLimited", { operations: ["getBusinessesV2"], times: 1 }));
  try {
    await weiling.POST("/openapi/v2/business/get", { body: {} });
    out("error", "no error");
  } catch (error) {
    out("error", [error instanceof ScrmApiError, error.name, error.vendor, error.operationId, error.code, error.meaning].join(" "));
  }
} catch (error) {
  out("failure", String(error && error.stack || error));
}
out("done", "yes");
`;

describe("a page using the MSW worker with @scrm-openapi/weiling/msw", () => {
  let site: Awaited<ReturnType<typeof serve>>;
  let browser: Awaited<ReturnType<typeof sharedChromium>>;
  const external: string[] = [];

  beforeAll(async () => {
    const worker = await readFile(
      join(dirname(require.resolve("msw/package.json")), "lib", "mockServiceWorker.js"),
      "utf8",
    );
    site = await serve({
      "/": {
        type: "text/html; charset=utf-8",
        body: `<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>`,
      },
      "/app.js": { type: "text/javascript", body: await bundleForBrowser(page, here) },
      "/mockServiceWorker.js": { type: "text/javascript", body: worker },
    });
    browser = await sharedChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("renders the spec's 商机, a created one read back by get and list, and a scenario as a ScrmApiError", async () => {
    const tab = await offlinePage(browser, external);
    const requested: string[] = [];
    tab.on("request", (request) => {
      requested.push(request.url());
    });
    await tab.goto(site.url);
    await tab.locator("#done").waitFor({ timeout: 30_000 });
    expect(await tab.locator("#failure").count()).toBe(0);
    expect(await tab.locator("#list").textContent()).toBe("SJ00006101 · 但是方法 · 台州市格好机电有限公司 · 赢单");
    expect(await tab.locator("#created").textContent()).toBe(
      "SJ00006102 · 华东区年度续约 · 台州市格好机电有限公司 · 初步洽谈 · true",
    );
    expect(await tab.locator("#count").textContent()).toBe("2");
    expect(await tab.locator("#error").textContent()).toBe(
      "true ScrmApiError weiling getBusinessesV2 1009 接口调用超过频率限制",
    );
    // The client called Weiling's real host; the worker answered; nothing went out.
    expect(requested.some((url) => url.startsWith("https://openapi.weiling.cn/openapi/v2/business/create?"))).toBe(
      true,
    );
    expect(external).toEqual([]);
  });
});
