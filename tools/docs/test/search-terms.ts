// The portal's cross-vendor search for the terms a newcomer types (issue 28): synonyms across vendors and languages,
// error codes and webhooks. Registered by site.test.ts, which owns the built site and the browser.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { BuiltSite } from "../src/index.js";

export interface PortalContext {
  site: () => BuiltSite;
  open: (path: string) => Promise<Page>;
  origin: () => string;
}

export const TERMS = [
  "群聊",
  "客户群",
  "group chat",
  "商机",
  "opportunity",
  "线索",
  "clue",
  "10053",
  "webhook",
  "回调",
];

type Hit = { vendor: string; id: string; kind: string };

async function searchFor(page: Page, term: string): Promise<Hit[]> {
  await page.locator("#q").fill(term);
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("#search-results section[data-vendor] li[data-operation-id]")].map(
      (li) => ({
        vendor: li.closest<HTMLElement>("section")?.dataset.vendor ?? "",
        id: li.dataset.operationId ?? "",
        kind: li.dataset.kind ?? "",
      }),
    ),
  );
}

const keys = (hits: Hit[]) => new Set(hits.map((h) => `${h.vendor}/${h.kind}/${h.id}`));

export function searchTerms(ctx: PortalContext): void {
  it("search finds synonyms across vendors, error codes and webhooks (the ten terms)", async () => {
    const page = await ctx.open("/index.html");
    const results = new Map<string, Hit[]>();
    for (const term of TERMS) results.set(term, await searchFor(page, term));
    const of = (term: string) => results.get(term) ?? [];
    const table = TERMS.map((term) => {
      const byVendor = new Map<string, number>();
      for (const h of of(term)) byVendor.set(h.vendor, (byVendor.get(h.vendor) ?? 0) + 1);
      return `${term}: ${of(term).length} (${[...byVendor].map(([v, n]) => `${v} ${n}`).join(", ")})`;
    });
    console.log(`search results:\n  ${table.join("\n  ")}`);

    // Synonyms find the same things, whichever word a vendor or a reader uses.
    expect(keys(of("客户群"))).toEqual(keys(of("群聊")));
    expect(keys(of("group chat"))).toEqual(keys(of("群聊")));
    expect(keys(of("opportunity"))).toEqual(keys(of("商机")));
    expect(keys(of("clue"))).toEqual(keys(of("线索")));
    expect(keys(of("回调"))).toEqual(keys(of("webhook")));
    // Group chats of every vendor that has them, not only Weiban's (weiling group_chat, tanma 群列表).
    const groupVendors = new Set(of("群聊").map((h) => h.vendor));
    for (const id of ["weiling", "weiban", "tanma"]) expect(groupVendors).toContain(id);
    expect(of("群聊").map((h) => h.id)).toEqual(expect.arrayContaining(["listGroupSopGroups"]));
    for (const id of ["weiling", "weiban", "tanma"]) expect(new Set(of("线索").map((h) => h.vendor))).toContain(id);
    // Error codes: 10053 is Weiban's rate limit, and the hit links to its row in the guide.
    const code = of("10053").find((h) => h.kind === "code");
    expect(code).toMatchObject({ vendor: "weiban", id: "10053" });
    await page.locator("#q").fill("10053");
    await page.locator('#search-results li[data-kind="code"][data-operation-id="10053"] a').click();
    await page.waitForURL(/\/weiban\/guide\.html#code-10053$/);
    expect(await page.locator("tr#code-10053").innerText()).toContain("rate-limit");
    // Webhooks: every webhook of every vendor.
    for (const { vendor: v } of ctx.site().vendors) {
      const found = of("webhook")
        .filter((h) => h.vendor === v.id && h.kind === "webhook")
        .map((h) => h.id);
      expect(found.sort()).toEqual(v.webhooks.map((w) => w.operationId ?? w.name).sort());
    }
  });
}
