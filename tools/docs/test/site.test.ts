// The built docs portal opened in real headless Chromium with every non-loopback request blocked and recorded.
// The site is built once; each Redoc page is loaded once (its script is ~2 MB) and then only navigated by hash.
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { type LocalServer, listenLocal } from "@scrm-openapi/testing";
import { launchChromium, offlinePage } from "@scrm-openapi/testing/chromium";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, type BuiltVendor, buildSite } from "../src/index.js";
import { eventCatalogueTests } from "./events.js";
import { exportTests, portalFileTests } from "./exports.js";
import { ledgerFigures } from "./ledger.js";
import { type PortalContext, searchTerms } from "./search-terms.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** Opportunity (商机) operations per vendor, checked below to exist in the specs: a 商机 search must find them all. */
const OPPORTUNITY_OPS: Record<string, string[]> = {
  weiling: ["getBusinessesV2", "createBusinessV2", "editBusiness", "changeBusinessOwner", "listBusinessStages"],
  weiban: ["getOpportunity", "listOpportunities"],
  tanma: ["getOpportunityConfig", "updateOpportunity"],
  planyun: ["createBusiness", "addFollow"],
};

let dir: string;
let site: BuiltSite;
let server: LocalServer;
let origin: string;
let browser: Browser;
/** The tab the portal's own pages are visited in: a tab costs a renderer start (~0.3 s on 2 cores), a visit far less. */
let tab: Page;
/**
 * The vendors' Redoc pages get a tab of their own, opened at the first visit: a page (~2 MB of script) is then loaded
 * once, and a later visit to it from another test is only a change of its hash, as a deep link followed in place.
 */
let referenceTab: Promise<Page> | undefined;
const external: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "scrm-site-"));
  // Chromium starts while the site builds (the build is mostly child processes).
  [site, browser] = await Promise.all([buildSite(dir), launchChromium()]);
  server = await listenLocal(
    createServer(async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
        /^(\.\.[/\\])+/,
        "",
      );
      const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
      if (!(await stat(file).catch(() => undefined))?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(res);
    }),
  );
  origin = server.url;
  // The network is "off": anything not served from this machine is refused and remembered.
  tab = await offlinePage(browser, external);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const url = new URL(path, origin);
  let page = tab;
  if (/^\/[a-z]+\/index\.html$/.test(url.pathname)) {
    referenceTab ??= offlinePage(browser, external);
    page = await referenceTab;
  }
  await page.goto(url.href, { waitUntil: "domcontentloaded" });
  return page;
}

const vendor = (id: string): BuiltVendor => {
  const found = site.vendors.find((v) => v.vendor.id === id);
  if (!found) throw new Error(`no vendor ${id}`);
  return found;
};

/** Follows a deep link into a loaded Redoc page and waits for that operation's heading to be on screen. */
async function expectOperationShown(page: Page, href: string, summary: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, new URL(href, origin).hash);
  const heading = page.locator("h2", { hasText: summary }).first();
  await heading.waitFor({ state: "visible", timeout: 15_000 });
  await expect.poll(() => heading.evaluate((h) => h.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  expect(await page.locator("body").getByText("No page at this address").count()).toBe(0);
}

/**
 * Deep links, opened in the two pages whose tags Redoc routes by something other than their name (LTC 订单与回款 →
 * ltc, 线索&待分配 → and) — the case a route derived from the name would get wrong. Every vendor page is built the
 * same way, and the build itself fails on a tag without a route; a page costs a ~2 MB script load on 2 cores.
 */
const DEEP_LINKS: Record<string, string[]> = {
  weiban: ["listOpportunities", "getLtcOrder"],
  tanma: ["updateOpportunity", "getClue"],
};

async function checkReference(page: Page, id: string) {
  for (const operationId of DEEP_LINKS[id] ?? []) {
    const entry = site.search.entries.find((e) => e.v === id && e.id === operationId);
    if (!entry) throw new Error(`${operationId} is not in the search index`);
    await expectOperationShown(page, `/${entry.u}`, entry.s);
  }
  // Redoc's footer pill stays on one line (an unsized logo used to squash it to a word per line).
  const pill = await page.getByText("API docs by").boundingBox();
  expect(pill?.height).toBeLessThan(30);
}

describe("docs portal", () => {
  it("index compares every vendor, with ledger figures, inferred limits marked and no raw Markdown", async () => {
    const page = await open("/index.html");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    for (const { vendor: v } of site.vendors) {
      const row = page.locator(`tr[data-vendor="${v.id}"]`);
      expect(await row.locator("td.ops").innerText()).toMatch(new RegExp(`^${v.operations.length}\\b`));
      expect(await row.locator("td.webhooks").innerText()).toBe(String(v.webhooks.length));
      const { operations } = await ledgerFigures(v.id);
      const coverage = row.locator("td.coverage a");
      expect(await coverage.innerText()).toContain(`specified ${operations.specified} of ${operations.total}`);
      expect(await coverage.getAttribute("href")).toBe(`./${v.id}/ledger.html`);
      const text = await row.innerText();
      expect(text).toContain(v.baseUrl);
      expect(text).not.toContain("`"); // inline code is rendered, never shown as backticks
      expect(await row.locator("td.limits mark.inferred").count()).toBe(v.limits?.inferred ? 1 : 0);
      // Operations and webhooks by source class (pages/provenance.ts), adding up to every evidence file.
      const counts = await row
        .locator("td.sources [data-count]")
        .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(v.operations.length + v.webhooks.length);
    }
    // Planyun's server note had `createPlanyunClient` in backticks: now a <code> element.
    expect(await page.locator('tr[data-vendor="planyun"] code', { hasText: "createPlanyunClient" }).count()).toBe(1);
    // A CJK fallback stack and a footer with room to breathe.
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    for (const face of ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"]) expect(font).toContain(face);
    const footer = await page.locator("footer.site-footer").boundingBox();
    expect(footer?.width).toBeGreaterThan(1000);
    // The unified model's coverage matrix is linked, and its summary has a column per vendor.
    const matrix = page.locator('p.unified a[href="./unified.html"]');
    expect(await matrix.innerText()).toContain("统一模型字段覆盖");
    await matrix.click();
    await page.waitForURL(/\/unified\.html$/);
    const heads = await page.locator("table.compare").first().locator("thead th").allInnerTexts();
    expect(heads.slice(1).sort()).toEqual(site.vendors.map(({ vendor: v }) => v.id).sort());
    // Custom fields labelled from a definitions listing name that operation (Weiling's 商机).
    expect(await page.locator("#opportunity + .table-wrap").innerText()).toContain("getCustomObjectDescription");
  });

  it("searching 商机 finds every vendor's opportunity operations, offline, and links into Redoc", async () => {
    for (const [id, ops] of Object.entries(OPPORTUNITY_OPS)) {
      const known = vendor(id).vendor.operations.map((o) => o.operationId);
      expect(ops.filter((op) => !known.includes(op))).toEqual([]);
    }
    const page = await open("/index.html");
    await page.locator("#q").fill("商机");
    const hits = await page.evaluate(
      (): Record<string, string[]> =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>("#search-results section[data-vendor]")].map((s) => [
            s.dataset.vendor,
            [...s.querySelectorAll<HTMLElement>("li[data-operation-id]")].map((li) => li.dataset.operationId ?? ""),
          ]),
        ),
    );
    for (const [id, ops] of Object.entries(OPPORTUNITY_OPS)) expect(hits[id]).toEqual(expect.arrayContaining(ops));
    console.log(
      `商机 hits: ${Object.entries(hits)
        .map(([id, ops]) => `${id} ${ops.length}`)
        .join(", ")}`,
    );
    // The query is kept in the address, and a Latin term matches case-insensitively.
    expect(new URL(page.url()).searchParams.get("q")).toBe("商机");
    await page.locator("#q").fill("GETOPPORTUNITY");
    expect(await page.locator('#search-results li[data-operation-id="getOpportunity"]').count()).toBe(1);
    // Following a result lands on the operation in the vendor's Redoc page; that page is then checked like the others.
    await page.locator("#q").fill("商机");
    await page
      .locator('#search-results section[data-vendor="weiban"] li[data-operation-id="getOpportunity"] a')
      .click();
    await page.waitForURL(/\/weiban\/index\.html#\//);
    await page.locator("h2", { hasText: "获取商机详情" }).first().waitFor({ state: "visible", timeout: 15_000 });
    await checkReference(page, "weiban");
  });

  it("each Redoc page carries all its operations; deep links render, tags with slugged routes included", async () => {
    for (const { vendor: v, pages } of site.vendors) {
      // The definition is inlined in the page: every operation of the spec is in it, with nothing fetched.
      const html = await readFile(pages.reference, "utf8");
      const ids = new Set([...html.matchAll(/"operationId":"([A-Za-z0-9]+)"/g)].map((m) => m[1]));
      expect(v.operations.map((op) => op.operationId).filter((id) => !ids.has(id))).toEqual([]);
      // An operation resting on third-party code says so first in its Redoc description.
      const thirdParty = v.id === "tanma" ? html.indexOf("**Source: from third-party code, unverified**") : 0;
      expect(thirdParty).toBeGreaterThanOrEqual(0);
      // Weiban's page was opened from the search results above.
      if (v.id !== "weiban" && DEEP_LINKS[v.id]) await checkReference(await open(`/${v.id}/index.html`), v.id);
    }
  });

  it("guide pages show auth, error codes, limits, pagination, retry safety and webhooks from the spec", async () => {
    for (const { vendor: v, client, receiver } of site.vendors) {
      const page = await open(`/${v.id}/guide.html`);
      const section = (id: string) => page.locator(`section#${id}`);
      expect(await section("auth").locator("pre").first().innerText()).toContain(`${client?.name}({`);
      expect(await section("errors").locator("tr[data-code]").count()).toBe(v.errorCodes.length);
      expect(await section("limits").locator("mark.inferred").count()).toBe(v.limits?.inferred ? 1 : 0);
      const paged = v.operations.filter((o) => o.pagination).length;
      expect(await section("pagination").locator("tbody tr").count()).toBe(paged);
      // Retry safety per operation, as codegen's model decides it (x-idempotent, else the rate class, else GET).
      const retry = section("retry");
      expect(await retry.locator("tr[data-operation]").count()).toBe(v.operations.length);
      const safe = v.operations.filter((o) => o.idempotent).length;
      expect(await retry.locator('tr[data-idempotent="true"]').count()).toBe(safe);
      const webhooks = section("webhooks");
      expect(await webhooks.locator("tr[data-webhook]").count()).toBe(v.webhookCrypto ? v.webhooks.length : 0);
      if (v.webhookCrypto)
        expect(await webhooks.locator("pre").innerText()).toContain(`from "@scrm-openapi/${v.id}/webhooks"`);
      else expect(receiver).toBeUndefined();
      // A source-class badge per operation and webhook, shown to the reader.
      const sources = section("sources");
      expect(await sources.locator("tr[data-source-class]").count()).toBe(v.operations.length + v.webhooks.length);
      expect(await sources.locator("tr[data-source-class] .badge.source").first().isVisible()).toBe(true);
      const { operations } = await ledgerFigures(v.id);
      // The escape hatch for the ledger's title-only entries, with their count and a sample on this vendor's client.
      const hatch = section("request");
      expect(await hatch.innerText()).toContain(`${operations.titleOnly} operations of the vendor's menu`);
      expect(await hatch.locator("pre").innerText()).toContain(`await ${v.id}.request("POST",`);
      expect(await page.locator("a.coverage").innerText()).toContain(
        `已写明 ${operations.specified} / ${operations.total}`,
      );
      // Spot checks against the specs: Weiban's 10053, Planyun's required baseUrl, Weiling's inferred limits.
      if (v.id === "weiban") {
        expect(await page.locator('tr[data-code="10053"]').innerText()).toContain("rate-limit");
        // A POST read is retried (its rate class), a GET write is not.
        expect(await retry.locator('tr[data-operation="listContacts"]').getAttribute("data-idempotent")).toBe("true");
        const getWrite = retry.locator('tr[data-operation="removePreTagTasksByUnionid"]');
        expect(await getWrite.getAttribute("data-idempotent")).toBe("false");
      }
      if (v.id === "planyun")
        expect(await section("auth").locator("pre").innerText()).toContain("baseUrl: process.env.PLANYUN_BASE_URL!");
      if (v.id === "weiling") expect(await section("limits").innerText()).toContain("推断");
    }
  });

  it("ledger pages list every entry with the ledger's figures", async () => {
    for (const { vendor: v } of site.vendors) {
      const figures = await ledgerFigures(v.id);
      const page = await open(`/${v.id}/ledger.html`);
      const shown = page.locator(".coverage-figure");
      expect(await shown.first().getAttribute("data-specified")).toBe(String(figures.operations.specified));
      expect(await shown.first().getAttribute("data-total")).toBe(String(figures.operations.total));
      expect(await page.locator("tr[data-status]").count()).toBe(figures.operations.total + figures.webhooks.total);
      // Title-only entries say where we looked; specified ones link into the Redoc page.
      const titleOnly = page.locator('tr[data-status="title-only"]');
      if ((await titleOnly.count()) > 0)
        expect(await titleOnly.first().locator("ul.looked li").count()).toBeGreaterThan(0);
      expect(await page.locator('tr[data-status="specified"] a[href^="index.html#/"]').count()).toBeGreaterThan(0);
    }
  });

  // Search terms, request examples and code samples, llms.txt, the 3.0 export and the try-it page, on this one site.
  const portal: PortalContext = { site: () => site, open, origin: () => origin };
  searchTerms(portal);
  exportTests(portal);
  portalFileTests(portal);
  eventCatalogueTests(portal);

  it("no request left the machine", () => {
    expect(external).toEqual([]);
  });
});
