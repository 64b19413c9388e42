// What the portal gives tools and coding assistants (issue 26) and newcomers (issue 28): a request example on every
// operation with a body, x-codeSamples (tools/consumer type-checks their TypeScript against the packed packages),
// llms.txt and llms-full.txt, the portable OpenAPI 3.0 export, and the try-it page against a real mock.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startMock } from "@scrm-openapi/mock";
import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";
import type { PortalContext } from "./search-terms.js";

type Json = Record<string, unknown>;
const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Json;

function operationsOf(doc: Json): [string, Json][] {
  return Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, Json] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

/** Every key of a document at any depth, except inside example values (data). */
function keysOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) keysOf(n, out);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      out.push(k);
      if (k !== "example" && k !== "value" && k !== "default" && k !== "enum") keysOf(v, out);
    }
  return out;
}

export function exportTests(ctx: PortalContext): void {
  it("every operation with a body has a request example (generated ones marked), and TS and curl samples", async () => {
    for (const { vendor: v, pages } of ctx.site().vendors) {
      for (const [where, op] of operationsOf(await readJson(pages.spec))) {
        const media = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.["application/json"] as
          | Json
          | undefined;
        if (media) {
          const examples = Object.entries((media.examples ?? {}) as Record<string, Json>);
          expect(media.example !== undefined || examples.length > 0, `${v.id} ${where}`).toBe(true);
          const generated = examples.find(([name]) => name === "generated")?.[1];
          if (generated) expect(generated).toMatchObject({ "x-generated": "openapi-sampler" });
        }
        const samples = (op["x-codeSamples"] ?? []) as { lang: string; label: string; source: string }[];
        expect(
          samples.map((s) => s.label),
          `${v.id} ${where}`,
        ).toEqual(["TypeScript", "curl"]);
        expect(samples[1]?.source).toMatch(/^(# .*\n)?curl -X [A-Z]+ /);
      }
    }
    // Redoc shows them: Tanma's updateOpportunity (no example on its page) renders its curl sample, highlighted.
    const entry = ctx.site().search.entries.find((e) => e.v === "tanma" && e.id === "updateOpportunity");
    const page = await ctx.open(`/${entry?.u ?? "tanma/index.html"}`);
    await page
      .locator("span.th-command", { hasText: /^curl$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByText("/api/v3/opportunity/update").count()).toBeGreaterThan(0);
  });
}

export function portalFileTests(ctx: PortalContext): void {
  it("llms.txt indexes the portal and llms-full.txt holds every operation, error code and webhook", async () => {
    const site = ctx.site();
    const root = join(site.vendors[0]?.pages.spec ?? "", "../..");
    const index = await readFile(join(root, "llms.txt"), "utf8");
    expect(index).toMatch(/^# scrm-openapi\n\n> /);
    for (const [, link] of index.matchAll(/\]\(([^)]+)\)/g))
      await expect(readFile(join(root, link ?? ""))).resolves.toBeDefined();
    // Every page's footer links them.
    const page = await ctx.open("/weiban/guide.html");
    expect(await page.locator('footer a[href="../llms.txt"]').count()).toBe(1);
    const full = await readFile(join(root, "llms-full.txt"), "utf8");
    for (const { vendor: v } of site.vendors) {
      for (const op of v.operations) expect(full).toContain(`### ${op.operationId}: `);
      for (const [code] of v.errorCodes) expect(full).toContain(`- ${code}: `);
      for (const w of v.webhooks) expect(full).toContain(`- ${w.name}: `);
    }
  });

  it("the portable export is OpenAPI 3.0 without x- extensions, and a 3.0 validator accepts it", async () => {
    // One validator for every export: it compiles the 3.0 schema once (~0.7 s) and keeps nothing else between calls.
    const validator = new Validator();
    for (const { vendor: v, pages } of ctx.site().vendors) {
      const doc = await readJson(pages.portable);
      const result = await validator.validate(doc as never);
      expect(result.errors ?? [], v.id).toEqual([]);
      expect(validator.version).toBe("3.0");
      expect(keysOf(doc).filter((k) => k.startsWith("x-"))).toEqual([]);
      expect(doc.webhooks).toBeUndefined();
      expect(operationsOf(doc).length).toBe(v.operations.length);
    }
  });

  it("the try-it page sends an operation to the local mock and shows its answer", async () => {
    const mock = await startMock("planyun", { port: 0 });
    try {
      const page = await ctx.open(`/planyun/try.html?mock=${encodeURIComponent(mock.url)}&op=createBusiness`);
      expect(await page.locator("#try-line").innerText()).toBe("POST /open-api/customer/biz-submit/create-business");
      expect(JSON.parse(await page.locator("#try-body").inputValue())).toBeTypeOf("object");
      await page.locator("#try-send").click();
      await expect.poll(() => page.locator("#try-status").getAttribute("data-status"), { timeout: 30_000 }).toBe("200");
      expect(JSON.parse(await page.locator("#try-response").innerText())).toMatchObject({ code: 0 });
      // A broken body is the mock's 422, shown as it came.
      await page.locator("#try-body").fill('{"customerId": "not a number"}');
      await page.locator("#try-send").click();
      await expect.poll(() => page.locator("#try-status").getAttribute("data-status"), { timeout: 30_000 }).toBe("422");
    } finally {
      await mock.stop();
    }
  }, 120_000);
}
