// The built docs site opened in real headless Chromium with every non-loopback request blocked and recorded.
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltVendor, buildSite } from "../src/index.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".json": "application/json" };

let dir: string;
let vendors: BuiltVendor[];
let server: Server;
let origin: string;
let browser: Browser;
const external: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "scrm-site-"));
  vendors = await buildSite(dir);
  server = createServer(async (req, res) => {
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
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const context = await browser.newContext();
  // The network is "off": anything not served from this machine is refused and remembered.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.hostname === "127.0.0.1") return route.continue();
    external.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${origin}${path}`, { waitUntil: "load" });
  return page;
}

describe("docs site", () => {
  it("index lists every vendor with its operation count from the spec metadata", async () => {
    const page = await open("/index.html");
    for (const { meta } of vendors) {
      const row = page.locator(`tr[data-vendor="${meta.vendor.id}"]`);
      await expect.poll(() => row.locator("td.ops").innerText()).toMatch(new RegExp(`^${meta.operations.length}\\b`));
      expect(await row.innerText()).toContain(meta.vendor.baseUrl);
    }
    await page.context().close();
  });

  it("each vendor page carries all its operations offline and renders one in full", async () => {
    for (const { meta } of vendors) {
      const page = await open(`/${meta.vendor.id}/index.html`);
      // The definition is inlined in the page: every operation of the spec is in it, with nothing fetched.
      const html = await page.content();
      const ids = [...html.matchAll(/"operationId":"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
      expect(meta.operations.map((op) => op.operationId).filter((id) => !ids.includes(id))).toEqual([]);
      const shown = meta.operations.find((op) => !op.deprecated) ?? meta.operations[0];
      const tag =
        /"tags":\["([^"]+)"\]/.exec(html.slice(html.indexOf(`"operationId":"${shown?.operationId}"`) - 2000))?.[1] ??
        "";
      await page.goto(
        `${origin}/${meta.vendor.id}/index.html#tag/${encodeURIComponent(tag)}/operation/${shown?.operationId}`,
      );
      await expect.poll(() => page.locator("body").innerText(), { timeout: 30_000 }).toContain(shown?.path ?? "");
      await page.context().close();
    }
  });

  it("no request left the machine", () => {
    expect(external).toEqual([]);
  });
});
